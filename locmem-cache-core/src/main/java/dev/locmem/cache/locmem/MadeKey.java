package dev.locmem.cache.locmem;

/**
 * The key of an entry in the space of custom key functions: the key that the key function made together with the
 * caller's own key.
 *
 * <p>Why both: a key function may make the same string of two keys that are not equal (one that folds case, or
 * hashes long keys), and two keys that are not {@code equals()} must never share an entry. Equal keys still share:
 * a key function gives equal keys the same made key. So the made key only narrows what a key can meet, to the keys
 * of caches that make keys the same way, and the caller's key decides.
 */
public final class MadeKey {

    private final String made;

    private final Object key;

    private final int hash;

    /**
     * Pairs a made key with the caller's key.
     * @param made the key function's result
     * @param key the caller's key
     */
    public MadeKey(String made, Object key) {
        this.made = made;
        this.key = key;
        this.hash = made.hashCode() * 31 + key.hashCode();
    }

    /**
     * The key function's result.
     * @return the made key
     */
    public String made() {
        return this.made;
    }

    /**
     * The caller's key.
     * @return the key as the caller passed it
     */
    public Object key() {
        return this.key;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof MadeKey that && this.hash == that.hash
                && this.made.equals(that.made) && this.key.equals(that.key));
    }

    @Override
    public int hashCode() {
        return this.hash;
    }

    @Override
    public String toString() {
        return this.made;
    }
}
