package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A probe must find exactly what the made string finds: its hash must be {@code String.hashCode()} of the
 * concatenation, for keys short and long (the table of powers of 31 stops at 256), or reads miss their keys.
 */
class KeyProbeTest {

    private static final String[] HEADS = { "", ":1:", "site:42:", "清:-3:" };

    @ParameterizedTest(name = "key length {0}")
    @ValueSource(ints = { 0, 1, 2, 31, 255, 256, 257, 1000, 4099 })
    void probeHashesAndComparesAsTheMadeKey(int length) {
        String key = "kÿ清".repeat(length).substring(0, length);
        for (String head : HEADS) {
            String made = head + key;
            KeyProbe probe = new KeyProbe(head, head.hashCode(), key);
            assertThat(probe.hashCode()).as("hash with head '%s'", head).isEqualTo(made.hashCode());
            assertThat(probe.equals(made)).isTrue();
            assertThat(probe).hasToString(made);
        }
    }

    @ParameterizedTest(name = "key length {0}")
    @ValueSource(ints = { 0, 1, 300 })
    void probeFindsTheEntryOfTheMadeKeyAndNoOther(int length) {
        String key = "k".repeat(length);
        ConcurrentHashMap<Object, String> map = new ConcurrentHashMap<>();
        map.put(":1:" + key, "mine");
        map.put(":2:" + key, "other version");
        map.put(":1:" + key + "x", "longer");
        map.put(":1" + key, "shorter head");
        assertThat(map.get(new KeyProbe(":1:", ":1:".hashCode(), key))).isEqualTo("mine");
        assertThat(map.get(new KeyProbe(":3:", ":3:".hashCode(), key))).isNull();
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = { 0, 1, 255, 256, 257, 511, 600, 100_000 })
    void powerOf31IsThatOfIntArithmetic(int n) {
        int expected = 1;
        for (int i = 0; i < n; i++) {
            expected *= 31;
        }
        assertThat(KeyProbe.powerOf31(n)).isEqualTo(expected);
    }
}
