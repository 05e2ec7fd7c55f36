package dev.locmem.cache.spring;

import java.math.BigDecimal;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** How {@link CacheKeyEncoder} writes keys: readable, and never the same text for keys that are not equal. */
class CacheKeyEncoderTests {

    record Isbn(String value) {
    }

    record Pair(Object left, Object right) {
    }

    enum Format {
        PAPER
    }

    @Test
    void aStringIsItsOwnKey() {
        assertThat(CacheKeyEncoder.encode("isbn-1")).isEqualTo("isbn-1");
    }

    @Test
    void aStringThatStartsWithTheMarkerIsEscaped() {
        assertThat(CacheKeyEncoder.encode("§L:1")).isEqualTo("§s:§L:1");
        assertThat(CacheKeyEncoder.encode("§L:1")).isNotEqualTo(CacheKeyEncoder.encode(1L));
    }

    @Test
    void numbersAreTaggedWithTheirType() {
        assertThat(CacheKeyEncoder.encode(1L)).isEqualTo("§L:1");
        assertThat(CacheKeyEncoder.encode(1)).isEqualTo("§I:1");
        assertThat(CacheKeyEncoder.encode(1.5d)).isEqualTo("§D:1.5");
        assertThat(CacheKeyEncoder.encode(new BigDecimal("1.50"))).isEqualTo("§N:1.50");
    }

    @Test
    void otherValueTypesAreTaggedText() {
        UUID id = UUID.randomUUID();
        assertThat(CacheKeyEncoder.encode(id)).isEqualTo("§U:" + id);
        assertThat(CacheKeyEncoder.encode(true)).isEqualTo("§Z:true");
        assertThat(CacheKeyEncoder.encode(Format.PAPER)).isEqualTo("§E:" + Format.class.getName() + "#PAPER");
    }

    @Test
    void aRecordIsItsClassAndItsFramedComponents() {
        assertThat(CacheKeyEncoder.encode(new Isbn("abc")))
            .isEqualTo("§R:" + Isbn.class.getName() + "(3:abc)");
        assertThat(CacheKeyEncoder.encode(new Pair(7L, null)))
            .isEqualTo("§R:" + Pair.class.getName() + "(4:§L:72:§0)");
    }

    @Test
    void framingKeepsComponentsThatLookAlikeApart() {
        assertThat(CacheKeyEncoder.encode(new Pair("a,b", "c")))
            .isNotEqualTo(CacheKeyEncoder.encode(new Pair("a", "b,c")));
        assertThat(CacheKeyEncoder.encode(new Pair("1:a", "")))
            .isNotEqualTo(CacheKeyEncoder.encode(new Pair("", "1:a")));
    }

    @Test
    void aSimpleKeyIsItsFramedParameters() {
        assertThat(CacheKeyEncoder.encode(new SimpleKey("a", 7L))).isEqualTo("§K:(1:a4:§L:7)");
        assertThat(CacheKeyEncoder.encode(SimpleKey.EMPTY)).isEqualTo("§K:()");
    }

    @Test
    void arraysInASimpleKeyAreWrittenByContentAndType() {
        assertThat(CacheKeyEncoder.encode(new SimpleKey((Object) new int[] { 1, 2 })))
            .isEqualTo(CacheKeyEncoder.encode(new SimpleKey((Object) new int[] { 1, 2 })))
            .isNotEqualTo(CacheKeyEncoder.encode(new SimpleKey((Object) new long[] { 1, 2 })));
    }

    @Test
    void anArrayOutsideASimpleKeyIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CacheKeyEncoder.encode(new int[] { 1 }))
            .withMessageContaining("equal only to themselves");
    }

    @Test
    void anotherSerializableKeyIsItsSerializedForm() {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 26);
        assertThat(CacheKeyEncoder.encode(day)).startsWith("§J:")
            .isEqualTo(CacheKeyEncoder.encode(java.time.LocalDate.of(2026, 11, 26)))
            .isNotEqualTo(CacheKeyEncoder.encode(day.plusDays(1)));
    }

    @Test
    void aNullKeyIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CacheKeyEncoder.encode(null));
    }

    @Test
    void aKeyThatIsNeitherAValueTypeNorARecordNorSerializableIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CacheKeyEncoder.encode(new Object()))
            .withMessageContaining("key expression");
    }
}
