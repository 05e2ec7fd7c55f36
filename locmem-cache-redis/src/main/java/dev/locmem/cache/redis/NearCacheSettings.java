package dev.locmem.cache.redis;

import java.time.Duration;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.InvalidCacheSettingException;
import dev.locmem.cache.Timeout;

/**
 * An alias's near-cache options, read and checked: off unless {@code near-cache.max-entries} is set.
 *
 * <p>Errors name the options as users write them, nested ({@code options.near-cache.max-entries}); the settings keep
 * them in kebab-case ({@code near-cache-max-entries}), which binds as well.
 */
final class NearCacheSettings {

    private static final NearCacheSettings OFF = new NearCacheSettings(0, null, false);

    private final int maxEntries;

    private final Timeout timeout;

    private final boolean storeByValue;

    private NearCacheSettings(int maxEntries, Timeout timeout, boolean storeByValue) {
        this.maxEntries = maxEntries;
        this.timeout = timeout;
        this.storeByValue = storeByValue;
    }

    /**
     * Reads the near-cache options of an alias.
     * @throws InvalidCacheSettingException naming the option that is wrong
     */
    static NearCacheSettings of(CacheSettings settings) {
        boolean on = settings.options().get(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES) != null;
        Object timeoutValue = settings.options().get(RedisCacheProvider.NEAR_CACHE_TIMEOUT);
        if (!on) {
            if (timeoutValue != null) {
                throw InvalidCacheSettingException.accepting("options.near-cache.timeout", timeoutValue,
                        "Option 'near-cache.timeout' applies to a near cache, which is off: set "
                                + "'near-cache.max-entries' to turn it on",
                        "a timeout together with options.near-cache.max-entries");
            }
            return OFF;
        }
        int maxEntries = positive(settings, RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, "near-cache.max-entries", 0);
        int seconds = positive(settings, RedisCacheProvider.NEAR_CACHE_TIMEOUT, "near-cache.timeout",
                (int) RedisCacheProvider.DEFAULT_NEAR_CACHE_TIMEOUT.getSeconds());
        boolean storeByValue = settings.booleanOption(RedisCacheProvider.STORE_BY_VALUE, false);
        return new NearCacheSettings(maxEntries, Timeout.of(Duration.ofSeconds(seconds)), storeByValue);
    }

    private static int positive(CacheSettings settings, String option, String written, int defaultValue) {
        int value;
        try {
            value = settings.intOption(option, defaultValue);
        }
        catch (InvalidCacheSettingException ex) {
            throw InvalidCacheSettingException.accepting("options." + written, settings.options().get(option),
                    "Option '" + written + "' must be a whole number, but was '" + settings.options().get(option)
                            + "'", "a positive whole number");
        }
        if (value <= 0) {
            throw InvalidCacheSettingException.accepting("options." + written, value,
                    "Option '" + written + "' must be positive, but was " + value, "a positive whole number");
        }
        return value;
    }

    /** The cache itself when the near cache is off, else a near cache in front of it (closing it if that fails). */
    CacheBackend around(RedisCache cache) {
        if (this.maxEntries == 0) {
            return cache;
        }
        try {
            return new RedisNearCache(cache, this.maxEntries, this.timeout, this.storeByValue);
        }
        catch (RuntimeException ex) {
            cache.close();
            throw ex;
        }
    }
}
