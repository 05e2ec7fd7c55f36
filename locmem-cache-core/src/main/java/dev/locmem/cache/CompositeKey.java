package dev.locmem.cache;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A key made of several parts, such as the arguments of a call: equal to another exactly when their parts are equal
 * one by one, arrays among them compared by content ({@link Arrays#deepEquals}).
 *
 * <p>It is what the Spring integration passes to a backend for Spring's {@code SimpleKey} (the key of a method with
 * several parameters), with the same {@code equals()}, so that every backend can hold it: a local-memory backend by
 * {@code equals()}, a backend that stores bytes through {@link KeyEncoding}, which writes the parts one by one.
 */
public final class CompositeKey {

    private final Object[] parts;

    private final int hash;

    private CompositeKey(Object[] parts) {
        this.parts = parts;
        this.hash = Arrays.deepHashCode(parts);
    }

    /**
     * Makes a key of the given parts, in order.
     * @param parts the parts; {@code null} parts are allowed, and the array is copied
     * @return the key
     */
    public static CompositeKey of(Object... parts) {
        return new CompositeKey(parts.clone());
    }

    /**
     * The parts, in order.
     * @return an unmodifiable list of the parts (arrays among them are the parts themselves, not copies)
     */
    public List<Object> parts() {
        return Collections.unmodifiableList(Arrays.asList(this.parts));
    }

    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof CompositeKey that && this.hash == that.hash
                && Arrays.deepEquals(this.parts, that.parts));
    }

    @Override
    public int hashCode() {
        return this.hash;
    }

    @Override
    public String toString() {
        return "CompositeKey" + Arrays.deepToString(this.parts);
    }
}
