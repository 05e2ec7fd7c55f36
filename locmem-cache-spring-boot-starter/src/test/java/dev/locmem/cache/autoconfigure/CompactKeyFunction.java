package dev.locmem.cache.autoconfigure;

import dev.locmem.cache.KeyFunction;

/** Keeps the prefix, but not Django's separators: still one key per key, prefix and version. */
public class CompactKeyFunction implements KeyFunction {

    @Override
    public String makeKey(String key, String keyPrefix, int version) {
        return keyPrefix + version + "/" + key;
    }
}
