package dev.locmem.cache;

import java.util.Collection;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds a {@link CacheBackendProvider} by name or class name. */
final class CacheBackendProviders {

    private CacheBackendProviders() {
    }

    /** Finds a provider, preferring {@code preferred} to the ones {@link ServiceLoader} finds under the same name. */
    static CacheBackendProvider find(String backend, Collection<? extends CacheBackendProvider> preferred) {
        Map<String, CacheBackendProvider> byName = new TreeMap<>();
        for (CacheBackendProvider provider : preferred) {
            byName.putIfAbsent(provider.name(), provider);
        }
        ClassLoader classLoader = classLoader();
        for (CacheBackendProvider provider : ServiceLoader.load(CacheBackendProvider.class, classLoader)) {
            byName.putIfAbsent(provider.name(), provider);
        }
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
            throw new IllegalArgumentException("Cache backend class '" + className + "' does not implement "
                    + CacheBackendProvider.class.getName());
        }
        try {
            return (CacheBackendProvider) type.getDeclaredConstructor().newInstance();
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalArgumentException("Cache backend class '" + className
                    + "' could not be created with a public no-argument constructor: " + ex, ex);
        }
    }

    private static IllegalArgumentException unknown(String backend, Map<String, CacheBackendProvider> byName) {
        return new IllegalArgumentException("Unknown cache backend '" + backend + "'; known backends: "
                + String.join(", ", byName.keySet()) + " (or the class name of a CacheBackendProvider)");
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return (context != null) ? context : CacheBackendProviders.class.getClassLoader();
    }
}
