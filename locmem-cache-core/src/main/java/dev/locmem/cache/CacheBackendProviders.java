package dev.locmem.cache;

import java.util.Collection;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds a {@link CacheBackendProvider} by name or class name: the one lookup of a backend, for {@link Caches} and for
 * whoever reads settings (the Spring Boot starter checks a backend with it before any cache exists).
 */
public final class CacheBackendProviders {

    /** The setting that names the backend, as {@link InvalidCacheSettingException#getSetting()} names it. */
    public static final String BACKEND = "backend";

    /** Backends that this project ships in modules of their own, by name: a lookup of one that is absent says so. */
    private static final Map<String, String> MODULES = Map.of("redis", "dev.locmem:locmem-cache-redis");

    private CacheBackendProviders() {
    }

    /**
     * The providers that serve a name: {@code preferred}, then those that {@link ServiceLoader} finds, the first of
     * a name winning.
     * @param preferred providers that take precedence
     * @return the providers by name, sorted
     */
    public static Map<String, CacheBackendProvider> known(Collection<? extends CacheBackendProvider> preferred) {
        Map<String, CacheBackendProvider> byName = new TreeMap<>();
        for (CacheBackendProvider provider : preferred) {
            byName.putIfAbsent(provider.name(), provider);
        }
        for (CacheBackendProvider provider : ServiceLoader.load(CacheBackendProvider.class, classLoader())) {
            byName.putIfAbsent(provider.name(), provider);
        }
        return byName;
    }

    /**
     * Finds a provider, preferring {@code preferred} to the ones {@link ServiceLoader} finds under the same name.
     * @param backend a provider's name or class name
     * @param preferred providers that take precedence
     * @return the provider
     * @throws InvalidCacheSettingException for setting {@link #BACKEND} when none serves the backend, naming the
     *     known ones
     */
    public static CacheBackendProvider find(String backend, Collection<? extends CacheBackendProvider> preferred) {
        Map<String, CacheBackendProvider> byName = known(preferred);
        ClassLoader classLoader = classLoader();
        CacheBackendProvider named = byName.get(backend);
        if (named != null) {
            return named;
        }
        for (CacheBackendProvider provider : byName.values()) {
            if (provider.getClass().getName().equals(backend)) {
                return provider;
            }
        }
        if (backend.contains(".")) {
            return instantiate(backend, classLoader, byName);
        }
        throw unknown(backend, byName);
    }

    private static CacheBackendProvider instantiate(String className, ClassLoader classLoader,
            Map<String, CacheBackendProvider> byName) {
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw unknown(className, byName);
        }
        if (!CacheBackendProvider.class.isAssignableFrom(type)) {
            throw InvalidCacheSettingException.accepting(BACKEND, className, "Cache backend class '" + className
                    + "' does not implement " + CacheBackendProvider.class.getName(), accepted(byName));
        }
        try {
            return (CacheBackendProvider) type.getDeclaredConstructor().newInstance();
        }
        catch (ReflectiveOperationException ex) {
            throw new InvalidCacheSettingException(BACKEND, className, "Cache backend class '" + className
                    + "' could not be created with a public no-argument constructor: " + ex, ex);
        }
    }

    private static InvalidCacheSettingException unknown(String backend, Map<String, CacheBackendProvider> byName) {
        String module = MODULES.get(backend);
        String missing = (module != null) ? "; backend '" + backend + "' needs " + module + " on the classpath" : "";
        return InvalidCacheSettingException.accepting(BACKEND, backend, "Unknown cache backend '" + backend + "'"
                + missing + "; known backends: " + String.join(", ", byName.keySet())
                + " (or the class name of a CacheBackendProvider)", accepted(byName));
    }

    /** What a backend setting accepts: a known name, or a provider's class name. */
    private static String accepted(Map<String, CacheBackendProvider> byName) {
        return String.join(", ", byName.keySet()) + ", or the class name of a " + CacheBackendProvider.class.getName();
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return (context != null) ? context : CacheBackendProviders.class.getClassLoader();
    }
}
