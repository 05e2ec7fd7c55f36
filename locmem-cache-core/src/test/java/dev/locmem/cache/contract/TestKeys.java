package dev.locmem.cache.contract;

import java.io.Serializable;

/**
 * Key classes that test how backends keep keys apart, published in this module's test-jar for the other modules'
 * tests.
 */
public final class TestKeys {

    private TestKeys() {
    }

    /** A key that is not {@code Serializable}, with its own {@code equals()} and {@code hashCode()}. */
    public static final class Isbn {

        private final String code;

        /**
         * A key of a code.
         * @param code the code, which {@code equals()} compares
         */
        public Isbn(String code) {
            this.code = code;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Isbn that && this.code.equals(that.code);
        }

        @Override
        public int hashCode() {
            return this.code.hashCode();
        }

        @Override
        public String toString() {
            return "Isbn[" + this.code + "]";
        }
    }

    /**
     * A {@code Serializable} key that keeps {@code Object}'s identity {@code equals()}: two with the same name are
     * different keys, although they serialize to the same bytes.
     */
    public static final class IdentityKey implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String name;

        /**
         * A key with a name, which {@code equals()} does not compare.
         * @param name the name
         */
        public IdentityKey(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "IdentityKey[" + this.name + "]";
        }
    }
}
