package dev.locmem.cache.redis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import dev.locmem.cache.JavaSerialization;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Turns cache values into Redis string values and back.
 *
 * <p>The stored forms, and how a read tells them apart:
 * <ul>
 * <li>A value is stored as its decimal digits, which Redis keeps as an integer (so {@code INCRBY} works and any client
 * reads {@code "42"}), exactly when reading the digits back gives the same Java type. Digits in Redis's integer
 * syntax ({@code -?(0|[1-9][0-9]*)}, within a {@code long}) read back as an {@code Integer} when they fit one, else as
 * a {@code Long}; so every {@code Integer} is stored as digits, and a {@code Long} when it does not fit an
 * {@code Integer}. A {@code Long} that fits, a {@code Short} and a {@code Byte} are serialized, so that they keep their
 * type; {@code incr} turns them into digits first (see {@link #integral(Object)}), after which they read back as
 * numbers of the right value, as {@code incr} promises.</li>
 * <li>Everything else, {@code null} included, goes through the serializer. JDK serialization (the default, like
 * Django's pickle) starts every stream with the magic bytes {@code AC ED}, which no integer has, so the string
 * {@code "42"} stays a {@code String}.</li>
 * <li>With another serializer (JSON), a serialized form that would read as an integer or as a JDK stream is stored with
 * JDK serialization instead, so that no value ever comes back as something else.</li>
 * </ul>
 * Every form is read whatever the configured serializer, so switching serializers does not break reading what the
 * other one stored.
 */
final class RedisValueCodec {

    /** The first two bytes of every JDK serialization stream ({@code ObjectStreamConstants.STREAM_MAGIC}). */
    private static final byte MAGIC_0 = (byte) 0xAC;

    private static final byte MAGIC_1 = (byte) 0xED;

    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

    /** The serializer for everything that is not an integer, or {@code null} for JDK serialization. */
    private final RedisSerializer<Object> serializer;

    private final String description;

    private RedisValueCodec(RedisSerializer<Object> serializer, String description) {
        this.serializer = serializer;
        this.description = description;
    }

    /** JDK serialization for values that are not integers. */
    static RedisValueCodec jdk() {
        return new RedisValueCodec(null, "jdk");
    }

    /**
     * Another serializer for values that are not integers.
     * @param serializer the serializer, which must turn {@code null} into something (JSON's {@code null})
     * @param description its name, for messages
     */
    static RedisValueCodec of(RedisSerializer<Object> serializer, String description) {
        return new RedisValueCodec(Objects.requireNonNull(serializer, "serializer"), description);
    }

    String description() {
        return this.description;
    }

    /**
     * The stored form of a value.
     * @throws IllegalArgumentException naming the key and the value's class when it cannot be serialized
     */
    byte[] encode(Object key, Object value) {
        if (value instanceof Integer || (value instanceof Long number && number != number.intValue())) {
            return digits(((Number) value).longValue());
        }
        if (this.serializer == null) {
            return serialize(key, value);
        }
        byte[] bytes;
        if (value == null) {
            bytes = JSON_NULL;
        }
        else {
            try {
                bytes = this.serializer.serialize(value);
            }
            catch (RuntimeException ex) {
                throw new IllegalArgumentException("Cannot store key '" + key + "' in Redis: "
                        + value.getClass().getName() + " could not be serialized with " + this.description + ": "
                        + ex.getMessage(), ex);
            }
        }
        if (bytes == null || parseInteger(bytes) != null || isJdkStream(bytes)) {
            // This form would read back as another type: fall back to the one that cannot be mistaken.
            return serialize(key, value);
        }
        return bytes;
    }

    /**
     * The value of a stored form.
     * @throws IllegalStateException naming the key when the stored form cannot be read
     */
    Object decode(Object key, byte[] bytes) {
        Long integer = parseInteger(bytes);
        if (integer != null) {
            long number = integer;
            return (number == (int) number) ? (Object) (int) number : (Object) number;
        }
        if (isJdkStream(bytes)) {
            return deserialize(key, bytes);
        }
        if (this.serializer != null) {
            if (Arrays.equals(bytes, JSON_NULL)) {
                return null;
            }
            try {
                return this.serializer.deserialize(bytes);
            }
            catch (RuntimeException ex) {
                throw new IllegalStateException("The value of key '" + key + "' in Redis could not be read with "
                        + this.description + ": " + ex.getMessage(), ex);
            }
        }
        throw new IllegalStateException("The value of key '" + key + "' in Redis was not written by this cache: it is "
                + "neither an integer nor a JDK-serialized object (" + bytes.length + " bytes)");
    }

    /** A number in Redis's integer form. */
    static byte[] digits(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The integer that {@code incr} may add to, for a value that was not stored as digits: a {@code Long},
     * {@code Short} or {@code Byte}, or a {@code BigInteger} within a {@code long}.
     * @return the number, or {@code null} when the value is not such an integer
     */
    static Long integral(Object value) {
        if (value instanceof Long || value instanceof Short || value instanceof Byte || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger number && number.bitLength() <= 63) {
            return number.longValue();
        }
        return null;
    }

    private static boolean isJdkStream(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == MAGIC_0 && bytes[1] == MAGIC_1;
    }

    /**
     * Parses bytes that Redis itself would take for an integer (its {@code string2ll}): an optional minus, no leading
     * zeros, no plus sign or spaces, within a {@code long}.
     * @return the number, or {@code null} when the bytes are not exactly such an integer
     */
    static Long parseInteger(byte[] bytes) {
        int length = bytes.length;
        if (length == 0 || length > 20) {
            return null;
        }
        int start = (bytes[0] == '-') ? 1 : 0;
        if (start == length || (bytes[start] == '0' && length > start + 1) || (start == 1 && bytes[1] == '0')) {
            return null;
        }
        for (int i = start; i < length; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
        }
        catch (NumberFormatException outOfRange) {
            return null;
        }
    }

    private static byte[] serialize(Object key, Object value) {
        return JavaSerialization.serialize(value, "key '" + key + "' in Redis");
    }

    private static Object deserialize(Object key, byte[] bytes) {
        return JavaSerialization.deserialize(bytes, "key '" + key + "' in Redis");
    }
}
