package dev.locmem.cache;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * What an owner of caches (an application context, a test, {@link Caches}) hands every provider that creates its
 * backends: the resources that backends of one owner share and that stay apart from every other owner's, such as the
 * local-memory stores by location. The generic SPI names no backend's types: each provider keeps what it needs here,
 * by the type of the resource, and creates it on first use.
 *
 * <p>Thread-safe: a resource is created at most once per context.
 */
public final class CacheCreationContext {

    private final ConcurrentMap<Class<?>, Object> resources = new ConcurrentHashMap<>();

    private CacheCreationContext() {
    }

    /**
     * A new context, whose resources are apart from every other context's.
     * @return an empty context
     */
    public static CacheCreationContext create() {
        return new CacheCreationContext();
    }

    /**
     * Hands the backends of this context a resource that the owner already has (a store registry it shares with
     * other code, say), instead of one created on first use.
     * @param type the resource's type, which is its key
     * @param resource the resource
     * @param <T> the resource's type
     * @return this context
     * @throws IllegalStateException when the context already holds a resource of that type
     */
    public <T> CacheCreationContext with(Class<T> type, T resource) {
        Objects.requireNonNull(resource, "resource");
        if (this.resources.putIfAbsent(Objects.requireNonNull(type, "type"), type.cast(resource)) != null) {
            throw new IllegalStateException("This context already holds a " + type.getName());
        }
        return this;
    }

    /**
     * Returns this context's resource of a type, creating it on first use.
     * @param type the resource's type, which is its key
     * @param create creates the resource when the context holds none yet
     * @param <T> the resource's type
     * @return the one resource of that type in this context
     */
    public <T> T resource(Class<T> type, Supplier<? extends T> create) {
        Objects.requireNonNull(create, "create");
        return type.cast(this.resources.computeIfAbsent(Objects.requireNonNull(type, "type"), (key) -> create.get()));
    }

    @Override
    public String toString() {
        return "CacheCreationContext" + this.resources.keySet();
    }
}
