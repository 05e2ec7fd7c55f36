package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code getOrSet} with store-by-value: each caller gets its own copy, and a loaded value is serialized once. */
class LocMemCacheStoreByValueGetOrSetTest {

    private final LocMemCache cache = LocMemCache.builder().stores(LocMemStores.create()).ticker(new FakeTicker())
            .storeByValue(true).build();

    @Test
    void aLoadedValueIsSerializedOnceAndTheCallerGetsACopy() {
        Counted loaded = new Counted(7);
        Object result = this.cache.getOrSet("key", () -> loaded);
        assertThat(result).isEqualTo(loaded).isNotSameAs(loaded);
        assertThat(loaded.serialized).hasValue(1);
        assertThat(this.cache.get("key")).isEqualTo(loaded);
    }

    @Test
    void aValueThatCannotBeReadBackIsReturnedItself() {
        Counted loaded = new Counted(7);
        assertThat(this.cache.getOrSet("key", () -> loaded, Timeout.ofSeconds(0))).isSameAs(loaded);
        assertThat(loaded.serialized).hasValue(1);
        assertThat(this.cache.hasKey("key")).isFalse();
    }

    /** A value that counts how often it is serialized. */
    static final class Counted implements Serializable {

        private static final long serialVersionUID = 1L;

        final int value;

        final transient AtomicInteger serialized = new AtomicInteger();

        Counted(int value) {
            this.value = value;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            this.serialized.incrementAndGet();
            out.defaultWriteObject();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Counted that && this.value == that.value;
        }

        @Override
        public int hashCode() {
            return this.value;
        }
    }
}
