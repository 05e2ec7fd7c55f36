package dev.locmem.cache;

/**
 * Looks up the made key {@code head + key} in a {@link java.util.concurrent.ConcurrentHashMap} of strings without
 * making it, where {@code head} is Django's {@code "prefix:version:"}.
 *
 * <p>Why: concatenating the key on every read allocates two objects and hashes every character again, which costs
 * more than the lookup. A probe answers {@link #hashCode()} with the hash that {@link String#hashCode()} would give
 * the concatenation, computed from the hash of the head (kept by the cache) and the key's own cached hash, and
 * {@link #equals(Object)} compares a stored string with the two parts in place. {@code ConcurrentHashMap.get} calls
 * {@code equals} on the argument, so a probe finds exactly the entry that the made string would.
 *
 * <p>A probe lives only for one lookup, so the JIT usually allocates it on the stack (escape analysis).
 */
final class KeyProbe {

    /** {@code 31^n} for short keys; longer ones are computed. */
    private static final int[] POWERS_OF_31 = powersOf31(256);

    private final String head;

    private final String key;

    private final int hash;

    KeyProbe(String head, int headHash, String key) {
        this.head = head;
        this.key = key;
        this.hash = headHash * powerOf31(key.length()) + key.hashCode();
    }

    @Override
    public int hashCode() {
        return this.hash;
    }

    @Override
    public boolean equals(Object other) {
        if (other instanceof String made) {
            int headLength = this.head.length();
            return made.length() == headLength + this.key.length() && made.startsWith(this.head)
                    && made.regionMatches(headLength, this.key, 0, this.key.length());
        }
        return false;
    }

    @Override
    public String toString() {
        return this.head + this.key;
    }

    static int powerOf31(int n) {
        if (n < POWERS_OF_31.length) {
            return POWERS_OF_31[n];
        }
        int result = 1;
        int base = 31;
        for (int e = n; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                result *= base;
            }
            base *= base;
        }
        return result;
    }

    private static int[] powersOf31(int count) {
        int[] powers = new int[count];
        powers[0] = 1;
        for (int i = 1; i < count; i++) {
            powers[i] = powers[i - 1] * 31;
        }
        return powers;
    }
}
