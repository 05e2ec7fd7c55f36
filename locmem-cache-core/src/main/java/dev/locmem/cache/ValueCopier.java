package dev.locmem.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/**
 * Store-by-value, as Django pickles: a value is serialized on the way in and deserialized on the way out, so the
 * cache holds a copy and each reader gets its own. Immutable values of the JDK (strings, boxed numbers, ...) are kept
 * as they are, which also lets {@code incr} work on them.
 */
final class ValueCopier {

    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Integer.class, Long.class, Short.class,
            Byte.class, Double.class, Float.class, Boolean.class, Character.class, BigInteger.class, BigDecimal.class,
            UUID.class);

    private ValueCopier() {
    }

    /**
     * The form to store.
     * @throws IllegalArgumentException naming the key and the value's class when it cannot be copied
     */
    static Object toStored(Object key, Object value) {
        if (value == null || IMMUTABLE.contains(value.getClass()) || value instanceof Enum<?>) {
            return value;
        }
        return new Serialized(JavaSerialization.serialize(value, "key '" + key + "' by value"));
    }

    /**
     * Whether a stored form is a serialized copy, which {@link #fromStored} must deserialize. Small enough for the JIT
     * to inline at any call site, which {@code fromStored} is not: see {@code LocMemCache.get}.
     */
    static boolean isSerialized(Object stored) {
        return stored instanceof Serialized;
    }

    /** A copy of the stored form, for one reader. */
    static Object fromStored(Object stored) {
        if (!(stored instanceof Serialized serialized)) {
            return stored;
        }
        return JavaSerialization.deserialize(serialized.bytes, "a key stored by value");
    }

    /** A serialized value; a type of its own so that a stored {@code byte[]} is never mistaken for one. */
    static final class Serialized {

        final byte[] bytes;

        Serialized(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Serialized that && Arrays.equals(this.bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(this.bytes);
        }
    }
}
