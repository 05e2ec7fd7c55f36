package dev.locmem.cache;

/**
 * Creates the backends of one kind from an alias's settings: the Java form of Django's {@code BACKEND} path.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader} under their {@link #name()} ({@code locmem},
 * {@code dummy}, {@code redis}, ...), or named by their class name in {@link CacheSettings#backend()}. A provider
 * needs a public no-argument constructor.
 */
public interface CacheBackendProvider {

    /**
     * The short name that selects this provider in {@link CacheSettings#backend()}.
     * @return the name, such as {@code locmem}
     */
    String name();

    /**
     * Creates a backend for one alias.
     * @param settings the alias's settings
     * @return a new backend
     * @throws IllegalArgumentException when the settings do not suit this backend, naming what is wrong; an
     *     {@link InvalidCacheSettingException} when one setting is to blame, so that it can be named exactly
     */
    CacheBackend create(CacheSettings settings);

    /**
     * Creates a backend for one alias whose local-memory stores are kept in {@code stores}. Providers that keep no
     * data in this process ignore {@code stores}.
     * @param settings the alias's settings
     * @param stores where stores are looked up by location
     * @return a new backend
     */
    default CacheBackend create(CacheSettings settings, LocMemStores stores) {
        return create(settings);
    }
}
