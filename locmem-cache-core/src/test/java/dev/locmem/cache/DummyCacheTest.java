package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Django's DummyCacheTests: a backend that implements the API and keeps nothing. */
class DummyCacheTest {

    private final DummyCache cache = new DummyCache();

    // test_simple
    @Test
    void setIsIgnored() {
        this.cache.set("key", "value");
        assertThat(this.cache.get("key")).isNull();
    }

    // test_add
    @Test
    void addAlwaysSaysItStoredButKeepsNothing() {
        assertThat(this.cache.add("addkey1", "value")).isTrue();
        assertThat(this.cache.add("addkey1", "newvalue")).isTrue();
        assertThat(this.cache.get("addkey1")).isNull();
    }

    // test_non_existent
    @Test
    void getReturnsTheDefault() {
        assertThat(this.cache.get("does_not_exist")).isNull();
        assertThat(this.cache.get("does_not_exist", "bang!")).isEqualTo("bang!");
        assertThat(this.cache.get("does_not_exist", "bang!", 2)).isEqualTo("bang!");
    }

    // test_get_many
    @Test
    void getManyReturnsNothing() {
        this.cache.setMany(Map.of("a", "a", "b", "b", "c", "c", "d", "d"));
        assertThat(this.cache.getMany(List.of("a", "c", "d"))).isEmpty();
        assertThat(this.cache.getMany(List.of("a", "b", "e"))).isEmpty();
    }

    // test_delete
    @Test
    void deleteFindsNothing() {
        this.cache.setMany(Map.of("key1", "spam", "key2", "eggs"));
        assertThat(this.cache.get("key1")).isNull();
        assertThat(this.cache.delete("key1")).isFalse();
        assertThat(this.cache.get("key2")).isNull();
    }

    // test_has_key, test_in
    @Test
    void hasKeyIsAlwaysFalse() {
        this.cache.set("hello1", "goodbye1");
        assertThat(this.cache.hasKey("hello1")).isFalse();
        assertThat(this.cache.hasKey("goodbye1")).isFalse();
    }

    // test_incr
    @Test
    void incrFailsAsForAMissingKey() {
        this.cache.set("answer", 42);
        assertThatIllegalArgumentException().isThrownBy(() -> this.cache.incr("answer"))
                .withMessage("Key 'answer' not found");
        assertThatIllegalArgumentException().isThrownBy(() -> this.cache.incr("does_not_exist"));
        assertThatIllegalArgumentException().isThrownBy(() -> this.cache.incr("does_not_exist", -1));
    }

    // test_decr
    @Test
    void decrFailsAsForAMissingKey() {
        this.cache.set("answer", 42);
        assertThatIllegalArgumentException().isThrownBy(() -> this.cache.decr("answer"))
                .withMessage("Key 'answer' not found");
        assertThatIllegalArgumentException().isThrownBy(() -> this.cache.decr("does_not_exist", -1));
    }

    // test_touch
    @Test
    void touchIsAlwaysFalse() {
        this.cache.set("whatever", 1);
        assertThat(this.cache.touch("whatever")).isFalse();
    }

    // test_data_types, test_unicode, test_expiration: every value is ignored alike.
    @Test
    void everyValueIsIgnored() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("string", "this is a string");
        values.put("int", 42);
        values.put("list", List.of(1, 2, 3, 4));
        values.put("Iñtërnâtiônàlizætiøn", "Iñtërnâtiônàlizætiøn2");
        values.put("null", null);
        values.forEach((key, value) -> {
            this.cache.set(key, value, Timeout.NEVER);
            assertThat(this.cache.get(key, "missing")).as(key).isEqualTo("missing");
        });
    }

    // test_set_many
    @Test
    void setManyFailsNoKey() {
        assertThat(this.cache.setMany(Map.of("a", 1, "b", 2))).isEmpty();
        assertThat(this.cache.setMany(Map.of("a", 1, "b", 2), Timeout.ofSeconds(2), 1)).isEmpty();
    }

    // test_delete_many, test_clear
    @Test
    void deleteManyAndClearDoNothing() {
        assertThatCode(() -> this.cache.deleteMany(List.of("a", "b"))).doesNotThrowAnyException();
        assertThatCode(this.cache::clear).doesNotThrowAnyException();
    }

    // test_incr_version, test_decr_version
    @Test
    void versionsCannotMove() {
        this.cache.set("answer", 42);
        assertThatIllegalArgumentException().isThrownBy(() -> this.cache.incrVersion("answer"));
        assertThatIllegalArgumentException().isThrownBy(() -> this.cache.incrVersion("does_not_exist"));
        assertThatIllegalArgumentException().isThrownBy(() -> this.cache.decrVersion("answer"));
        assertThatIllegalArgumentException().isThrownBy(() -> this.cache.decrVersion("does_not_exist"));
    }

    // test_get_or_set, test_get_or_set_callable: the loader's value, every time, as nothing is kept.
    @Test
    void getOrSetReturnsTheLoadedValueEveryTime() {
        AtomicInteger loads = new AtomicInteger();
        assertThat(this.cache.getOrSet("mykey", () -> "default" + loads.incrementAndGet())).isEqualTo("default1");
        assertThat(this.cache.getOrSet("mykey", () -> "default" + loads.incrementAndGet())).isEqualTo("default2");
        assertThat(this.cache.getOrSet("null", () -> null)).isNull();
    }

    // test_get_many_invalid_key, test_set_many_invalid_key, test_delete_many_invalid_key: keys are still validated.
    @Test
    void badKeysStillDrawAWarning() {
        try (KeyWarningCapture capture = KeyWarningCapture.start()) {
            new DummyCache().getMany(List.of("key with spaces"));
            new DummyCache().setMany(Map.of("key with spaces", "foo"));
            new DummyCache().deleteMany(List.of("key with spaces"));
            assertThat(capture.records()).hasSize(3).allSatisfy((record) -> assertThat(record.getMessage())
                    .contains("':1:key with spaces'"));
        }
    }

    @Test
    void keysAreMadeFromTheSettings() {
        DummyCache configured = new DummyCache(CacheSettings.builder().backend("dummy").keyPrefix("site").version(3)
                .timeout(Timeout.NEVER).build());
        assertThat(configured.makeKey("k")).isEqualTo("site:3:k");
        assertThat(configured.makeKey("k", 4)).isEqualTo("site:4:k");
        assertThat(configured.defaultTimeout()).isEqualTo(Timeout.NEVER);
    }
}
