package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.locmem.cache.contract.TestKeys.IdentityKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How {@link KeyEncoding} writes keys: readable, and never the same text for keys that are not equal. */
class KeyEncodingTest {

    record Isbn(String value) {
    }

    record Pair(Object left, Object right) {
    }

    enum Format {
        PAPER
    }

    @Test
    void aStringIsItsOwnText() {
        assertThat(KeyEncoding.encode("isbn-1")).isEqualTo("isbn-1");
    }

    @Test
    void aStringThatStartsWithTheMarkerIsEscaped() {
        assertThat(KeyEncoding.encode("§L:1")).isEqualTo("§s:§L:1");
        assertThat(KeyEncoding.encode("§L:1")).isNotEqualTo(KeyEncoding.encode(1L));
    }

    @Test
    void numbersAreTaggedWithTheirType() {
        assertThat(KeyEncoding.encode(1L)).isEqualTo("§L:1");
        assertThat(KeyEncoding.encode(1)).isEqualTo("§I:1");
        assertThat(KeyEncoding.encode(1.5d)).isEqualTo("§D:1.5");
        assertThat(KeyEncoding.encode(new BigDecimal("1.50"))).isEqualTo("§N:1.50")
            .isNotEqualTo(KeyEncoding.encode(new BigDecimal("1.5")));
    }

    @Test
    void otherValueTypesAreTaggedText() {
        UUID id = UUID.randomUUID();
        assertThat(KeyEncoding.encode(id)).isEqualTo("§U:" + id);
        assertThat(KeyEncoding.encode(true)).isEqualTo("§Z:true");
        assertThat(KeyEncoding.encode(LocalDate.of(2026, 11, 26))).isEqualTo("§T:LocalDate:2026-11-26");
        assertThat(KeyEncoding.encode(Format.PAPER)).isEqualTo("§E:" + Format.class.getName() + "#PAPER");
    }

    @Test
    void aRecordIsItsClassAndItsFramedComponents() {
        assertThat(KeyEncoding.encode(new Isbn("abc"))).isEqualTo("§R:" + Isbn.class.getName() + "(3:abc)");
        assertThat(KeyEncoding.encode(new Pair(7L, null))).isEqualTo("§R:" + Pair.class.getName() + "(4:§L:72:§0)");
    }

    @Test
    void framingKeepsPartsThatLookAlikeApart() {
        assertThat(KeyEncoding.encode(new Pair("a,b", "c"))).isNotEqualTo(KeyEncoding.encode(new Pair("a", "b,c")));
        assertThat(KeyEncoding.encode(new Pair("1:a", ""))).isNotEqualTo(KeyEncoding.encode(new Pair("", "1:a")));
    }

    @Test
    void aCompositeKeyIsItsFramedParts() {
        assertThat(KeyEncoding.encode(CompositeKey.of("a", 7L))).isEqualTo("§K:(1:a4:§L:7)");
        assertThat(KeyEncoding.encode(CompositeKey.of())).isEqualTo("§K:()");
    }

    @Test
    void arraysInACompositeKeyAreWrittenByContentAndType() {
        assertThat(KeyEncoding.encode(CompositeKey.of((Object) new int[] { 1, 2 })))
            .isEqualTo(KeyEncoding.encode(CompositeKey.of((Object) new int[] { 1, 2 })))
            .isNotEqualTo(KeyEncoding.encode(CompositeKey.of((Object) new long[] { 1, 2 })));
    }

    @Test
    void equalListsOfAnyImplementationHaveOneText() {
        assertThat(KeyEncoding.encode(new ArrayList<>(List.of("a", 1L))))
            .isEqualTo(KeyEncoding.encode(new LinkedList<>(List.of("a", 1L))))
            .isNotEqualTo(KeyEncoding.encode(List.of(1L, "a")));
    }

    @Test
    void anArrayOutsideACompositeKeyIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> KeyEncoding.encode(new int[] { 1 }))
            .withMessageContaining("an array (int[])").withMessageContaining("equal only to itself");
    }

    @Test
    void aSerializableKeyWithIdentityEqualsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> KeyEncoding.encode(new IdentityKey("same")))
            .withMessageContaining(IdentityKey.class.getName()).withMessageContaining("key expression");
    }

    @Test
    void aSetIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> KeyEncoding.encode(Set.of("a")));
    }

    @Test
    void aPartThatCannotBeEncodedRefusesTheWholeKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> KeyEncoding.encode(CompositeKey.of("a", new Object())))
            .withMessageContaining(CompositeKey.class.getName());
    }

    @Test
    void aNullKeyIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> KeyEncoding.encode(null));
    }

    @Test
    void aPlainObjectIsRefusedWithWhatToDoInstead() {
        assertThatIllegalArgumentException().isThrownBy(() -> KeyEncoding.encode(new Object()))
            .withMessageContaining("java.lang.Object").withMessageContaining("key expression");
    }
}
