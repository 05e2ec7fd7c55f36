package dev.locmem.cache;

/**
 * Django's default key function: {@code keyPrefix + ":" + version + ":" + key}. Local-memory caches recognise it and
 * keep the keys of each {@code prefix:version:} apart and look them up without making the string (see
 * {@link dev.locmem.cache.locmem.KeySpace}).
 */
final class DefaultKeyFunction implements KeyFunction {

    static final DefaultKeyFunction INSTANCE = new DefaultKeyFunction();

    private DefaultKeyFunction() {
    }

    @Override
    public String makeKey(String key, String keyPrefix, int version) {
        return head(keyPrefix, version) + key;
    }

    /** The part of every made key that does not depend on the key. */
    static String head(String keyPrefix, int version) {
        return keyPrefix + ":" + version + ":";
    }

    @Override
    public String toString() {
        return "prefix:version:key";
    }
}
