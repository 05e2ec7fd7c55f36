package dev.locmem.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * JDK serialization of cache values, Django's pickle: what the local-memory backend's store-by-value and the Redis
 * backend's default serializer share, so that both fail the same way and both find the application's classes.
 *
 * <p>As with pickle, deserializing bytes that someone else wrote runs their choice of classes: keep such stores private
 * to the application.
 */
public final class JavaSerialization {

    private JavaSerialization() {
    }

    /**
     * Serializes a value that is about to be stored.
     * @param value the value, {@code null} included
     * @param what what is being stored, for the message: {@code key 'k' in Redis}, say
     * @return the serialized form
     * @throws IllegalArgumentException naming {@code what} and the value's class when it cannot be serialized, so
     *     that nothing is stored
     */
    public static byte[] serialize(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        catch (NotSerializableException ex) {
            throw new IllegalArgumentException("Cannot store " + what + ": " + value.getClass().getName()
                    + " is not serializable (" + ex.getMessage() + " does not implement java.io.Serializable)", ex);
        }
        catch (IOException | RuntimeException ex) {
            throw new IllegalArgumentException("Cannot store " + what + ": "
                    + ((value != null) ? value.getClass().getName() : "null") + " could not be serialized: " + ex, ex);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads back what {@link #serialize} wrote, resolving classes with the thread's context class loader first.
     * @param bytes the serialized form
     * @param what what was stored, for the message
     * @return the value
     * @throws IllegalStateException naming {@code what} when the bytes cannot be read back (a class that changed or
     *     is gone, bytes that another writer put there)
     */
    public static Object deserialize(byte[] bytes, String what) {
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
        catch (IOException | ClassNotFoundException | RuntimeException ex) {
            throw new IllegalStateException("The value of " + what + " could not be deserialized: " + ex, ex);
        }
    }

    /**
     * Resolves classes with the thread's context class loader first: in an application server or a Spring Boot
     * restart class loader, the application's classes are there, not in the loader of this library.
     */
    private static final class ContextObjectInputStream extends ObjectInputStream {

        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(description.getName(), false, context);
                }
                catch (ClassNotFoundException ex) {
                    // Not visible there (a JDK type, or a library's): the default lookup below finds it.
                }
            }
            return super.resolveClass(description);
        }
    }
}
