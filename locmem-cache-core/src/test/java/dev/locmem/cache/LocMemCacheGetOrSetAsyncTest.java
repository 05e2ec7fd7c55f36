package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locmem.cache.LocMemCacheStoreByValueGetOrSetTest.Counted;
import dev.locmem.cache.contract.TestKeys.IdentityKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** LocMemCache's {@code getOrSetAsync}: one load per key across the caches of a store, keys of any type, copies. */
class LocMemCacheGetOrSetAsyncTest {

    private final LocMemStores stores = LocMemStores.create();

    private final FakeTicker ticker = new FakeTicker();

    private LocMemCache cache(boolean storeByValue) {
        return LocMemCache.builder().stores(this.stores).ticker(this.ticker).storeByValue(storeByValue).build();
    }

    @Test
    void twoCachesOfOneStoreShareARunningLoad() throws Exception {
        LocMemCache one = cache(false);
        LocMemCache other = cache(false);
        CompletableFuture<String> pending = new CompletableFuture<>();
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<Object> first = one.getOrSetAsync("key", () -> {
            loads.incrementAndGet();
            return pending;
        }, Timeout.DEFAULT, null);
        CompletableFuture<Object> second = other.getOrSetAsync("key", () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture("not this");
        }, Timeout.DEFAULT, null);
        pending.complete("loaded");
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("loaded");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("loaded");
        assertThat(loads).hasValue(1);
        assertThat(other.get("key")).isEqualTo("loaded");
    }

    @Test
    void aKeyWithoutATextFormIsLoadedAndStored() throws Exception {
        LocMemCache cache = cache(false);
        IdentityKey key = new IdentityKey("a");
        assertThat(cache.getOrSetAsync(key, () -> CompletableFuture.completedFuture("value"), Timeout.DEFAULT, null)
            .get(5, TimeUnit.SECONDS)).isEqualTo("value");
        assertThat(cache.get(key)).isEqualTo("value");
    }

    @Test
    void withStoreByValueASharerGetsACopyOfItsOwnAndTheValueIsSerializedOnce() throws Exception {
        LocMemCache cache = cache(true);
        Counted loaded = new Counted(7);
        CompletableFuture<Counted> pending = new CompletableFuture<>();
        CompletableFuture<Object> leader = cache.getOrSetAsync("key", () -> pending, Timeout.DEFAULT, null);
        CompletableFuture<Object> sharer = cache.getOrSetAsync("key", () -> pending, Timeout.DEFAULT, null);
        pending.complete(loaded);
        assertThat(leader.get(5, TimeUnit.SECONDS)).isSameAs(loaded);
        assertThat(sharer.get(5, TimeUnit.SECONDS)).isEqualTo(loaded).isNotSameAs(loaded);
        assertThat(loaded.serialized).hasValue(1);
    }

    @Test
    void aHitIsAnsweredWithoutCallingTheLoader() throws Exception {
        LocMemCache cache = cache(false);
        cache.set("key", "stored");
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.getOrSetAsync("key", () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture("loaded");
        }, Timeout.DEFAULT, null).get(5, TimeUnit.SECONDS)).isEqualTo("stored");
        assertThat(loads).hasValue(0);
        assertThat(cache.stats().hits()).isEqualTo(1);
    }
}
