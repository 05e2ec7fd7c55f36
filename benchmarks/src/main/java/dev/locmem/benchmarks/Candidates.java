package dev.locmem.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.concurrent.ConcurrentMapCache;

/**
 * The candidates, by the name used in JMH's {@code impl} parameter and in the report.
 *
 * <ul>
 * <li>{@code locmem}: {@link LocMemCache} as built by default (Django's key function, 300 s timeout, cull-frequency 3,
 * the coarse ticker), in a store of its own, {@code max-entries} = the bound.</li>
 * <li>{@code caffeine}: Caffeine with {@code maximumSize(bound)} and {@code expireAfterWrite(300 s)}, its default
 * executor (the common pool) for maintenance.</li>
 * <li>{@code chm}: an unbounded {@link ConcurrentHashMap}: no eviction, no expiry; the practical ceiling.</li>
 * <li>{@code spring-concurrentmap}: Spring's {@link ConcurrentMapCache} (unbounded), through Spring's {@code Cache}
 * interface, as {@code @Cacheable} uses it: {@code get(key)} returns a {@code ValueWrapper}.</li>
 * <li>{@code spring-caffeine}: Spring's {@link CaffeineCache} over the same Caffeine configuration.</li>
 * <li>{@code spring-locmem}: our Spring adapter over the same LocMemCache configuration (see {@link SpringLocMem}),
 * present only when the starter is on the class path.</li>
 * </ul>
 */
public final class Candidates {

    /** Django's default timeout, used by every candidate that expires. */
    public static final Duration TIMEOUT = Duration.ofSeconds(300);

    public static final String LOCMEM = "locmem";
    public static final String CAFFEINE = "caffeine";
    public static final String CHM = "chm";
    public static final String SPRING_CONCURRENT_MAP = "spring-concurrentmap";
    public static final String SPRING_CAFFEINE = "spring-caffeine";
    public static final String SPRING_LOCMEM = "spring-locmem";

    /** Candidates used directly. */
    public static final List<String> DIRECT = List.of(LOCMEM, CAFFEINE, CHM, SPRING_CONCURRENT_MAP);

    private Candidates() {
    }

    /** Every candidate available on the class path, direct ones first. */
    public static List<String> all() {
        List<String> all = new ArrayList<>(DIRECT);
        all.add(SPRING_CAFFEINE);
        if (SpringLocMem.available()) {
            all.add(SPRING_LOCMEM);
        }
        return all;
    }

    /**
     * Creates a candidate.
     * @param name one of the names above
     * @param bound max-entries / maximumSize for bounded candidates; a sizing hint for unbounded ones
     */
    public static BenchCache create(String name, int bound) {
        switch (name) {
            case LOCMEM:
                return locMem(LocMemCache.builder().stores(LocMemStores.create()).maxEntries(bound).build());
            case CAFFEINE:
                return caffeine(caffeineCache(bound));
            case CHM:
                return map(new ConcurrentHashMap<>());
            case SPRING_CONCURRENT_MAP:
                return spring(new ConcurrentMapCache("bench"));
            case SPRING_CAFFEINE:
                Cache<Object, Object> springCaffeine = Caffeine.newBuilder().maximumSize(bound).expireAfterWrite(TIMEOUT)
                        .build();
                return spring(new CaffeineCache("bench", springCaffeine));
            case SPRING_LOCMEM:
                return SpringLocMem.create(bound);
            default:
                throw new IllegalArgumentException("Unknown candidate '" + name + "'; known: " + all());
        }
    }

    /**
     * Prints the candidates available on this class path, comma-separated, for {@code run.sh}: with {@code direct},
     * those used directly; with {@code spring}, those used through Spring's {@code Cache}.
     */
    public static void main(String[] args) {
        List<String> names = all();
        if (args.length > 0 && args[0].equals("direct")) {
            names = DIRECT;
        }
        else if (args.length > 0 && args[0].equals("spring")) {
            names = names.stream().filter((name) -> name.startsWith("spring-")).toList();
        }
        System.out.println(String.join(",", names));
    }

    static Cache<String, Object> caffeineCache(int bound) {
        return Caffeine.newBuilder().maximumSize(bound).expireAfterWrite(TIMEOUT).build();
    }

    static BenchCache locMem(LocMemCache cache) {
        return new BenchCache() {
            @Override
            public Object get(String key) {
                return cache.get(key);
            }

            @Override
            public void put(String key, Object value) {
                cache.set(key, value);
            }

            @Override
            public long size() {
                return cache.size();
            }

            @Override
            public void close() {
                cache.close();
            }
        };
    }

    static BenchCache caffeine(Cache<String, Object> cache) {
        return new BenchCache() {
            @Override
            public Object get(String key) {
                return cache.getIfPresent(key);
            }

            @Override
            public void put(String key, Object value) {
                cache.put(key, value);
            }

            @Override
            public long size() {
                cache.cleanUp();
                return cache.estimatedSize();
            }
        };
    }

    /** A map used as a cache: no bound, no expiry (a {@code ConcurrentHashMap}, or a reference such as an LRU map). */
    static BenchCache map(Map<String, Object> map) {
        return new BenchCache() {
            @Override
            public Object get(String key) {
                return map.get(key);
            }

            @Override
            public void put(String key, Object value) {
                map.put(key, value);
            }

            @Override
            public long size() {
                return map.size();
            }
        };
    }

    /**
     * A Spring {@code Cache}, read as {@code CacheAspectSupport} does: {@code get(key)} and its {@code ValueWrapper}.
     * The wrapper is unwrapped here, so the JIT may remove it where it can inline the whole read.
     */
    static BenchCache spring(org.springframework.cache.Cache cache) {
        return new BenchCache() {
            @Override
            public Object get(String key) {
                org.springframework.cache.Cache.ValueWrapper wrapper = cache.get(key);
                return (wrapper != null) ? wrapper.get() : null;
            }

            @Override
            public void put(String key, Object value) {
                cache.put(key, value);
            }

            @Override
            public long size() {
                Object nativeCache = cache.getNativeCache();
                if (nativeCache instanceof java.util.Map<?, ?> map) {
                    return map.size();
                }
                if (nativeCache instanceof Cache<?, ?> caffeine) {
                    caffeine.cleanUp();
                    return caffeine.estimatedSize();
                }
                if (nativeCache instanceof LocMemCache locMem) {
                    return locMem.size();
                }
                return -1;
            }

            @Override
            public void close() {
                if (cache.getNativeCache() instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    }
                    catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                }
            }
        };
    }
}
