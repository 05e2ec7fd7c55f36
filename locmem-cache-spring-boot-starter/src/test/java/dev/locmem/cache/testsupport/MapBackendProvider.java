package dev.locmem.cache.testsupport;

import java.util.List;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;

/**
 * A third party's provider, defined in the starter's tests only and given to the application as a bean (a
 * {@code META-INF/services} entry would add it to every test's list of known backends): backend
 * {@code map}, with one option of its own, {@code shards}, a whole number of 1 or more. It gets no help from the
 * starter that locmem and redis do not get.
 */
public final class MapBackendProvider implements CacheBackendProvider {

    /** The backend's name. */
    public static final String NAME = "map";

    /** The option of its own. */
    public static final String SHARDS = "shards";

    private static final List<CacheBackendOption> OPTIONS = List.of(
            new CacheBackendOption(SHARDS, Integer.class, 1, "How many shards the map keeps; 1 or more.",
                    "a whole number of 1 or more", (value) -> {
                        if ((Integer) value < 1) {
                            throw new IllegalArgumentException("shards must be 1 or more, but was " + value);
                        }
                    }));

    @Override
    public String name() {
        return NAME;
    }

    /** The one option, whose rule is in its declaration: the default {@link #validate} applies it. */
    @Override
    public List<CacheBackendOption> options() {
        return OPTIONS;
    }

    @Override
    public CacheBackend create(CacheSettings settings) {
        return new MapBackend(settings, settings.intOption(SHARDS, 1));
    }
}
