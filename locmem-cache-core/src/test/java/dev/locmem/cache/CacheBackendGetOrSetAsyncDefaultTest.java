package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default {@link CacheBackend#getOrSetAsync} of a backend that is no {@link BaseCacheBackend}: a read, and on a
 * miss a load and a store, for each caller. Run over a backend whose every default method is the interface's own,
 * and whose other methods are a local-memory cache's, so that its statistics show what was read and stored.
 */
class CacheBackendGetOrSetAsyncDefaultTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final LocMemCache store = LocMemCache.builder().stores(LocMemStores.create()).build();

    private final CacheBackend backend = interfaceDefaultsOver(this.store);

    @AfterEach
    void close() {
        this.store.close();
    }

    @Test
    void aMissStoresTheLoadedValueAndCountsOneMissAndOnePut() {
        assertThat(getOrSetAsync(() -> CompletableFuture.completedFuture("loaded"))).isCompletedWithValue("loaded");
        assertThat(this.store.stats().misses()).isOne();
        assertThat(this.store.stats().puts()).isOne();
        assertThat(this.store.get("key")).isEqualTo("loaded");
    }

    @Test
    void aHitAnswersTheStoredValueWithoutStartingTheLoader() {
        this.store.set("key", "stored");
        assertThat(getOrSetAsync(() -> {
            throw new AssertionError("The loader must not run on a hit");
        })).isCompletedWithValue("stored");
    }

    @Test
    void aFailedLoadStoresNothing() {
        IllegalStateException failure = new IllegalStateException("boom");
        assertThat(getOrSetAsync(() -> CompletableFuture.failedFuture(failure))).failsWithin(BOUND)
                .withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
        assertThat(this.store.hasKey("key")).isFalse();
    }

    @Test
    void aLoaderThatThrowsFailsTheFutureInsteadOfThrowing() {
        IllegalStateException failure = new IllegalStateException("boom");
        assertThat(getOrSetAsync(() -> {
            throw failure;
        })).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
    }

    @Test
    void callersOfTheDefaultFormDoNotShareALoad() {
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<Object> slow = new CompletableFuture<>();
        getOrSetAsync(() -> {
            loads.incrementAndGet();
            return slow;
        });
        getOrSetAsync(() -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture("other");
        });
        assertThat(loads).hasValue(2);
    }

    private CompletableFuture<Object> getOrSetAsync(Supplier<CompletableFuture<Object>> loader) {
        return this.backend.getOrSetAsync("key", loader, Timeout.DEFAULT, null);
    }

    /** A backend whose default methods are the interface's, and whose abstract ones are {@code target}'s. */
    private static CacheBackend interfaceDefaultsOver(CacheBackend target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(target, args);
            }
            catch (InvocationTargetException ex) {
                throw ex.getCause();
            }
        };
        return (CacheBackend) Proxy.newProxyInstance(CacheBackend.class.getClassLoader(),
                new Class<?>[] {CacheBackend.class}, handler);
    }
}
