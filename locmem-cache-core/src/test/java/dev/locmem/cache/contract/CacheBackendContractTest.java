package dev.locmem.cache.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.fail;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.CompositeKey;
import dev.locmem.cache.KeyFunction;
import dev.locmem.cache.Timeout;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CacheBackend} shares: Django's {@code BaseCacheTests} (tests/cache/tests.py), ported to
 * the Java API. A backend module runs it against itself by extending this class and implementing
 * {@link #createBackend(CacheSettings)} and {@link #advanceTime(Duration)}.
 *
 * <p>Each test method is named after the Django case it ports (Django's {@code test_get_many} is {@link #getMany()});
 * cases that check a refinement of ours say so in a comment. Django cases that do not apply to Java are left out:
 * {@code test_in} (no {@code in} operator; {@code hasKey} covers it), the model-instance, middleware and async cases,
 * and {@code test_get_or_set_racing} (it mocks {@code add}).
 *
 * <p>What the tests expect of the backend:
 * <ul>
 * <li>Values are any {@link Serializable} objects and come back {@linkplain Object#equals equal}, of the same type,
 * {@code null} included. Values written by {@code incr}/{@code decr} are only required to read back as a
 * {@link Number} of the right value.</li>
 * <li>Every backend of one test shares one namespace: the tests never set a location, so every call of
 * {@link #createBackend(CacheSettings)} within a test gets the same (default) location. The settings' backend name
 * is left at its default and is not meant to be read; key prefix, version, key function, default timeout and options
 * are.</li>
 * <li>Failures are Django's, as Java exceptions: {@code IllegalArgumentException("Key 'k' not found")} for
 * {@code incr}, {@code decr} and {@code incrVersion} of a missing or expired key, an {@code IllegalArgumentException}
 * naming the key for {@code incr} of a value that is no integer, and an {@code ArithmeticException} for an
 * {@code incr} that overflows a {@code long}, with the value unchanged.</li>
 * <li>{@code delete} returns {@code true} only when it deleted a live value (Django's locmem also answers
 * {@code true} for an expired key not yet purged; Redis does not, and neither do we).</li>
 * <li>Keys that memcached would refuse (spaces, control characters, more than 250 characters) work; at most they
 * draw a warning.</li>
 * <li>Time: expiry tests store values with a timeout of one second and then call {@code advanceTime} with 1.1 s,
 * once per test; there are few of them, because each costs a real second on a backend that sleeps.</li>
 * <li>Culling tests (options {@code max-entries} and {@code cull-frequency}) run only when {@link #culls()} is
 * {@code true}; they are skipped, with the reason, for a backend whose size bound is its server's eviction policy.</li>
 * </ul>
 */
public abstract class CacheBackendContractTest {

    /** The timeout of the values that expiry tests let expire. */
    private static final Timeout ONE_SECOND = Timeout.ofSeconds(1);

    /** How long expiry tests wait for a one-second value to expire: a margin over the second. */
    private static final Duration PAST_ONE_SECOND = Duration.ofMillis(1100);

    private final List<CacheBackend> backends = new ArrayList<>();

    /** The backend with default settings: Django's {@code cache}. */
    private CacheBackend cache;

    /**
     * Creates a backend with the given settings over an empty namespace. It may be called several times in one test;
     * backends whose settings have equal locations must then share one namespace (the tests never change the location,
     * so all the backends of one test share it). Each test starts from an empty namespace: a subclass may empty it in
     * its own {@code @BeforeEach}, which runs before the first call.
     * @param settings the key prefix, version, key function, default timeout and options to honour
     * @return a new backend, which the test closes when it ends (after the subclass's {@code @AfterEach} methods,
     *     as JUnit orders them)
     */
    protected abstract CacheBackend createBackend(CacheSettings settings);

    /**
     * Lets time pass, as the backend sees it, by at least {@code duration}: a fake ticker for an in-process backend,
     * a sleep for a server.
     * @param duration how much time passes
     */
    protected abstract void advanceTime(Duration duration);

    /**
     * Whether this backend culls by the options {@code max-entries} and {@code cull-frequency}, as Django's
     * local-memory, file and database backends do.
     * @return {@code false} for a backend whose size bound is its server's own eviction policy; the culling tests are
     *     then skipped
     */
    protected boolean culls() {
        return true;
    }

    // The default backend is created on first use, not in a @BeforeEach, because JUnit runs a superclass's
    // @BeforeEach before the subclass's: a backend module's own set-up (a client, a flush) comes first that way.
    private CacheBackend cache() {
        if (this.cache == null) {
            this.cache = backend(UnaryOperator.identity());
        }
        return this.cache;
    }

    @AfterEach
    void closeBackends() {
        this.backends.forEach(CacheBackend::close);
    }

    /** A backend whose settings are the defaults changed by {@code customizer}, closed at the end of the test. */
    private CacheBackend backend(UnaryOperator<CacheSettings.Builder> customizer) {
        CacheBackend backend = createBackend(customizer.apply(CacheSettings.builder()).build());
        this.backends.add(backend);
        return backend;
    }

    /** Django's {@code caches["v2"]}. */
    private CacheBackend v2() {
        return backend((settings) -> settings.version(2));
    }

    /** Django's {@code custom_key_func}. */
    private static String customKey(String key, String keyPrefix, int version) {
        return "CUSTOM-" + keyPrefix + "-" + version + "-" + key;
    }

    private static void assertNumber(Object value, long expected) {
        assertThat(value).isInstanceOf(Number.class);
        assertThat(((Number) value).longValue()).isEqualTo(expected);
    }

    private static Map<String, Object> mapOf(Object... keysAndValues) {
        // Map.of refuses null values, which the cache must keep.
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    // test_simple
    @Test
    void simple() {
        cache().set("key", "value");
        assertThat(cache().get("key")).isEqualTo("value");
    }

    // test_default_used_when_none_is_set: a stored null is a hit, so the default is not used.
    @Test
    void storedNullIsReturnedInsteadOfTheDefault() {
        cache().set("key_default_none", null);
        assertThat(cache().get("key_default_none", "default")).isNull();
    }

    // test_add
    @Test
    void add() {
        assertThat(cache().add("addkey1", "value")).isTrue();
        assertThat(cache().add("addkey1", "newvalue")).isFalse();
        assertThat(cache().get("addkey1")).isEqualTo("value");
    }

    // test_prefix
    @Test
    void prefix() {
        CacheBackend prefixed = backend((settings) -> settings.keyPrefix("cacheprefix"));
        cache().set("somekey", "value");
        assertThat(prefixed.hasKey("somekey")).isFalse();

        prefixed.set("somekey", "value2");
        assertThat(cache().get("somekey")).isEqualTo("value");
        assertThat(prefixed.get("somekey")).isEqualTo("value2");
    }

    // test_non_existent
    @Test
    void nonExistent() {
        assertThat(cache().get("does_not_exist")).isNull();
        assertThat(cache().get("does_not_exist", "bang!")).isEqualTo("bang!");
    }

    // test_get_many, plus the order of the result, which our API promises.
    @Test
    void getMany() {
        cache().setMany(Map.of("a", "a", "b", "b", "c", "c", "d", "d"));
        assertThat(cache().getMany(List.of("a", "c", "d"))).containsExactly(entry("a", "a"), entry("c", "c"),
                entry("d", "d"));
        assertThat(cache().getMany(List.of("d", "e", "b", "a"))).containsExactly(entry("d", "d"), entry("b", "b"),
                entry("a", "a"));
        cache().setMany(mapOf("x", null, "y", 1));
        assertThat(cache().getMany(List.of("x", "y"))).containsExactly(entry("x", null), entry("y", 1));
    }

    // test_delete
    @Test
    void delete() {
        cache().setMany(Map.of("key1", "spam", "key2", "eggs"));
        assertThat(cache().get("key1")).isEqualTo("spam");
        assertThat(cache().delete("key1")).isTrue();
        assertThat(cache().get("key1")).isNull();
        assertThat(cache().get("key2")).isEqualTo("eggs");
    }

    // test_delete_nonexistent
    @Test
    void deleteNonexistent() {
        assertThat(cache().delete("nonexistent_key")).isFalse();
    }

    // Ours, not Django's: Django's locmem returns True for a key that is expired but not yet removed; we return true
    // only when a live value was deleted, as Redis does, so that the answer does not depend on when entries are purged.
    @Test
    void deleteOfAnExpiredKeyReturnsFalse() {
        cache().set("expires", "value", ONE_SECOND);
        advanceTime(PAST_ONE_SECOND);
        assertThat(cache().delete("expires")).isFalse();
    }

    // test_has_key
    @Test
    void hasKey() {
        cache().set("hello1", "goodbye1");
        assertThat(cache().hasKey("hello1")).isTrue();
        assertThat(cache().hasKey("goodbye1")).isFalse();
        cache().set("no_expiry", "here", Timeout.NEVER);
        assertThat(cache().hasKey("no_expiry")).isTrue();
        cache().set("null", null);
        assertThat(cache().hasKey("null")).isTrue();
    }

    // test_incr
    @Test
    void incr() {
        cache().set("answer", 41);
        assertThat(cache().incr("answer")).isEqualTo(42);
        assertNumber(cache().get("answer"), 42);
        assertThat(cache().incr("answer", 10)).isEqualTo(52);
        assertNumber(cache().get("answer"), 52);
        assertThat(cache().incr("answer", -10)).isEqualTo(42);
        assertThatIllegalArgumentException().isThrownBy(() -> cache().incr("does_not_exist"))
                .withMessage("Key 'does_not_exist' not found");
        assertThatIllegalArgumentException().isThrownBy(() -> cache().incr("does_not_exist", -1));
    }

    // test_incr, the part with a non-integer value (Django's incr_decr_type_error): here IllegalArgumentException.
    @Test
    void incrOfANonIntegerFailsNamingTheKey() {
        cache().set("null", null);
        assertThatIllegalArgumentException().isThrownBy(() -> cache().incr("null")).withMessageContaining("'null'");
        cache().set("text", "forty-two");
        assertThatIllegalArgumentException().isThrownBy(() -> cache().incr("text")).withMessageContaining("'text'");
        assertThat(cache().get("text")).isEqualTo("forty-two");
    }

    // test_decr
    @Test
    void decr() {
        cache().set("answer", 43);
        assertThat(cache().decr("answer")).isEqualTo(42);
        assertNumber(cache().get("answer"), 42);
        assertThat(cache().decr("answer", 10)).isEqualTo(32);
        assertNumber(cache().get("answer"), 32);
        assertThat(cache().decr("answer", -10)).isEqualTo(42);
        assertThatIllegalArgumentException().isThrownBy(() -> cache().decr("does_not_exist"))
                .withMessage("Key 'does_not_exist' not found");
        cache().set("null", null);
        assertThatIllegalArgumentException().isThrownBy(() -> cache().decr("null"));
    }

    // Ours: Python integers do not overflow; a long does, and the value must not wrap around.
    @Test
    void incrOrDecrThatOverflowsFailsAndKeepsTheValue() {
        cache().set("max", Long.MAX_VALUE);
        cache().set("min", Long.MIN_VALUE);
        assertThatThrownBy(() -> cache().incr("max")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> cache().decr("min")).isInstanceOf(ArithmeticException.class);
        assertNumber(cache().get("max"), Long.MAX_VALUE);
        assertNumber(cache().get("min"), Long.MIN_VALUE);
    }

    // Ours (memcached's and Django's locmem rule, see LocMemCacheTests.test_incr_decr_timeout): incr keeps the expiry.
    @Test
    void incrKeepsTheExpiry() {
        cache().set("counter", 1, ONE_SECOND);
        assertThat(cache().incr("counter")).isEqualTo(2);
        assertThat(cache().decr("counter", 5)).isEqualTo(-3);
        advanceTime(PAST_ONE_SECOND);
        assertThat(cache().hasKey("counter")).isFalse();
    }

    // test_close: closing releases the backend, not the data, which other backends of the namespace still read.
    @Test
    void closeKeepsTheDataForOtherBackends() {
        CacheBackend other = backend(UnaryOperator.identity());
        cache().set("kept", "value");
        cache().close();
        assertThat(other.get("kept")).isEqualTo("value");
    }

    // test_data_types: Java's counterparts of Django's (a Class for "class", an enum constant for "function").
    @Test
    void dataTypes() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("string", "this is a string");
        values.put("int", 42);
        values.put("long", 42L);
        values.put("double", 4.2d);
        values.put("bool", true);
        values.put("list", List.of(1, 2, 3, 4));
        values.put("array", new int[] { 1, 2, 3, 4 });
        values.put("dict", Map.of("A", 1, "B", 2));
        values.put("mutable", new ArrayList<>(List.of("x", "y")));
        values.put("record", new Poll("Well?", 3));
        values.put("enum", TimeUnit.SECONDS);
        values.put("class", Integer.class);
        values.forEach((key, value) -> {
            cache().set(key, value);
            assertThat(cache().get(key)).as(key).isEqualTo(value).hasSameClassAs(value);
        });
    }

    // test_expiration
    @Test
    void expiration() {
        cache().set("expire1", "very quickly", ONE_SECOND);
        cache().set("expire2", "very quickly", ONE_SECOND);
        cache().set("expire3", "very quickly", ONE_SECOND);
        cache().set("expire4", 1, ONE_SECOND);

        advanceTime(PAST_ONE_SECOND);
        assertThat(cache().get("expire1")).isNull();
        assertThat(cache().add("expire2", "newvalue")).isTrue();
        assertThat(cache().get("expire2")).isEqualTo("newvalue");
        assertThat(cache().hasKey("expire3")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> cache().incr("expire4"))
                .withMessage("Key 'expire4' not found");
    }

    // test_touch, with one wait instead of Django's three: each key checks one way that touch sets the timeout.
    @Test
    void touch() {
        cache().set("lengthened", "value", ONE_SECOND);
        cache().set("defaulted", "value", ONE_SECOND);
        cache().set("shortened", "value", Timeout.NEVER);
        assertThat(cache().touch("lengthened", Timeout.ofSeconds(60))).isTrue();
        assertThat(cache().touch("defaulted")).isTrue();
        assertThat(cache().touch("shortened", ONE_SECOND)).isTrue();

        advanceTime(PAST_ONE_SECOND);
        assertThat(cache().hasKey("lengthened")).isTrue();
        assertThat(cache().hasKey("defaulted")).isTrue();
        assertThat(cache().hasKey("shortened")).isFalse();
        assertThat(cache().touch("shortened")).isFalse();
    }

    // test_touch, its last line
    @Test
    void touchOfAMissingKeyReturnsFalse() {
        assertThat(cache().touch("nonexistent")).isFalse();
        assertThat(cache().hasKey("nonexistent")).isFalse();
    }

    // test_unicode
    @Test
    void unicode() {
        Map<String, Object> stuff = new LinkedHashMap<>();
        stuff.put("ascii", "ascii_value");
        stuff.put("unicode_ascii", "Iñtërnâtiônàlizætiøn1");
        stuff.put("Iñtërnâtiônàlizætiøn", "Iñtërnâtiônàlizætiøn2");
        stuff.put("ascii2", Map.of("x", 1));
        stuff.put("清", "清");
        stuff.forEach((key, value) -> {
            cache().set(key, value);
            assertThat(cache().get(key)).as("set %s", key).isEqualTo(value);
        });
        stuff.forEach((key, value) -> {
            assertThat(cache().delete(key)).as("delete %s", key).isTrue();
            assertThat(cache().add(key, value)).as("add %s", key).isTrue();
            assertThat(cache().get(key)).as("get %s", key).isEqualTo(value);
        });
        stuff.keySet().forEach((key) -> assertThat(cache().delete(key)).isTrue());
        cache().setMany(stuff);
        assertThat(cache().getMany(stuff.keySet())).isEqualTo(stuff);
    }

    // test_binary_string
    @Test
    void binaryString() throws DataFormatException {
        String value = "value_to_be_compressed";
        byte[] compressed = compress(value.getBytes(StandardCharsets.UTF_8));

        cache().set("binary1", compressed);
        assertThat(decompress((byte[]) cache().get("binary1"))).isEqualTo(value);

        assertThat(cache().add("binary1-add", compressed)).isTrue();
        assertThat(decompress((byte[]) cache().get("binary1-add"))).isEqualTo(value);

        cache().setMany(Map.of("binary1-set_many", compressed));
        assertThat((byte[]) cache().get("binary1-set_many")).isEqualTo(compressed);
    }

    private static byte[] compress(byte[] input) {
        Deflater deflater = new Deflater();
        deflater.setInput(input);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static String decompress(byte[] input) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!inflater.finished()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        inflater.end();
        return out.toString(StandardCharsets.UTF_8);
    }

    // test_set_many
    @Test
    void setMany() {
        cache().setMany(Map.of("key1", "spam", "key2", "eggs"));
        assertThat(cache().get("key1")).isEqualTo("spam");
        assertThat(cache().get("key2")).isEqualTo("eggs");
    }

    // test_set_many_returns_empty_list_on_success
    @Test
    void setManyReturnsEmptyListOnSuccess() {
        assertThat(cache().setMany(Map.of("key1", "spam", "key2", "eggs"))).isEmpty();
        assertThat(cache().setMany(Map.of("key1", "spam"), Timeout.ofSeconds(2), 1)).isEmpty();
    }

    // test_set_many_expiration
    @Test
    void setManyExpiration() {
        cache().setMany(Map.of("key1", "spam", "key2", "eggs"), ONE_SECOND);
        advanceTime(PAST_ONE_SECOND);
        assertThat(cache().get("key1")).isNull();
        assertThat(cache().get("key2")).isNull();
    }

    // test_set_many_empty_data
    @Test
    void setManyEmptyData() {
        assertThat(cache().setMany(Map.of())).isEmpty();
    }

    // test_delete_many
    @Test
    void deleteMany() {
        cache().setMany(Map.of("key1", "spam", "key2", "eggs", "key3", "ham"));
        cache().deleteMany(List.of("key1", "key2"));
        assertThat(cache().get("key1")).isNull();
        assertThat(cache().get("key2")).isNull();
        assertThat(cache().get("key3")).isEqualTo("ham");
    }

    // test_delete_many_no_keys
    @Test
    void deleteManyNoKeys() {
        cache().set("key1", "spam");
        cache().deleteMany(List.of());
        assertThat(cache().get("key1")).isEqualTo("spam");
    }

    // test_clear
    @Test
    void clear() {
        cache().setMany(Map.of("key1", "spam", "key2", "eggs"));
        cache().clear();
        assertThat(cache().get("key1")).isNull();
        assertThat(cache().get("key2")).isNull();
    }

    // test_long_timeout: more than 30 days is still relative (memcached would read it as a timestamp).
    @Test
    void longTimeout() {
        Timeout thirtyDaysAndASecond = Timeout.ofSeconds(60 * 60 * 24 * 30 + 1);
        cache().set("key1", "eggs", thirtyDaysAndASecond);
        assertThat(cache().get("key1")).isEqualTo("eggs");

        assertThat(cache().add("key2", "ham", thirtyDaysAndASecond)).isTrue();
        assertThat(cache().get("key2")).isEqualTo("ham");

        cache().setMany(Map.of("key3", "sausage", "key4", "lobster bisque"), thirtyDaysAndASecond);
        assertThat(cache().get("key3")).isEqualTo("sausage");
        assertThat(cache().get("key4")).isEqualTo("lobster bisque");
    }

    // test_forever_timeout
    @Test
    void foreverTimeout() {
        cache().set("key1", "eggs", Timeout.NEVER);
        assertThat(cache().get("key1")).isEqualTo("eggs");

        assertThat(cache().add("key2", "ham", Timeout.NEVER)).isTrue();
        assertThat(cache().get("key2")).isEqualTo("ham");
        assertThat(cache().add("key1", "new eggs", Timeout.NEVER)).isFalse();
        assertThat(cache().get("key1")).isEqualTo("eggs");

        cache().setMany(Map.of("key3", "sausage", "key4", "lobster bisque"), Timeout.NEVER);
        assertThat(cache().get("key3")).isEqualTo("sausage");
        assertThat(cache().get("key4")).isEqualTo("lobster bisque");

        cache().set("key5", "belgian fries", ONE_SECOND);
        assertThat(cache().touch("key5", Timeout.NEVER)).isTrue();
        advanceTime(PAST_ONE_SECOND);
        assertThat(cache().get("key5")).isEqualTo("belgian fries");
    }

    // test_zero_timeout
    @Test
    void zeroTimeout() {
        cache().set("key1", "eggs", Timeout.ofSeconds(0));
        assertThat(cache().get("key1")).isNull();

        assertThat(cache().add("key2", "ham", Timeout.ofSeconds(0))).isTrue();
        assertThat(cache().get("key2")).isNull();

        cache().setMany(Map.of("key3", "sausage", "key4", "lobster bisque"), Timeout.ofSeconds(0));
        assertThat(cache().get("key3")).isNull();
        assertThat(cache().get("key4")).isNull();

        cache().set("key5", "belgian fries", Timeout.ofSeconds(5));
        assertThat(cache().touch("key5", Timeout.ofSeconds(0))).isTrue();
        assertThat(cache().get("key5")).isNull();
    }

    // Django's get_backend_timeout treats a negative timeout as zero.
    @Test
    void negativeTimeoutStoresNothingReadable() {
        cache().set("key1", "eggs", Timeout.ofSeconds(-1));
        assertThat(cache().get("key1")).isNull();
        assertThat(cache().add("key2", "ham", Timeout.of(Duration.ofMillis(-500)))).isTrue();
        assertThat(cache().hasKey("key2")).isFalse();
    }

    // Ours: a zero timeout also replaces a live value, which then cannot be read.
    @Test
    void zeroTimeoutOverwritesALiveValue() {
        cache().set("key1", "eggs", Timeout.NEVER);
        cache().set("key1", "ham", Timeout.ofSeconds(0));
        assertThat(cache().get("key1", "gone")).isEqualTo("gone");
    }

    // test_float_timeout: a timeout that is not whole seconds.
    @Test
    void fractionalTimeout() {
        cache().set("key1", "spam", Timeout.of(Duration.ofMillis(100_200)));
        assertThat(cache().get("key1")).isEqualTo("spam");
    }

    // test_cull
    @Test
    void cull() {
        Assumptions.assumeTrue(culls(), "the backend's size bound is its server's eviction policy");
        CacheBackend cullCache = backend((settings) -> settings.option(CacheSettings.MAX_ENTRIES, 30));
        assertThat(countAfterOverflowing(cullCache, 50)).isEqualTo(29);
    }

    // test_zero_cull
    @Test
    void zeroCull() {
        Assumptions.assumeTrue(culls(), "the backend's size bound is its server's eviction policy");
        CacheBackend cullCache = backend((settings) -> settings.option(CacheSettings.MAX_ENTRIES, 30)
                .option(CacheSettings.CULL_FREQUENCY, 0));
        assertThat(countAfterOverflowing(cullCache, 50)).isEqualTo(19);
    }

    // test_cull_delete_when_store_empty, for our bound: a cull removes at least one entry, so with max-entries 1 and
    // cull-frequency 3 (1 // 3 = 0 in Django) the store still holds only the newest key.
    @Test
    void cullRemovesAtLeastOneEntry() {
        Assumptions.assumeTrue(culls(), "the backend's size bound is its server's eviction policy");
        CacheBackend cullCache = backend((settings) -> settings.option(CacheSettings.MAX_ENTRIES, 1));
        cullCache.set("first", "value", Timeout.ofSeconds(1000));
        cullCache.set("force_cull_delete", "value", Timeout.ofSeconds(1000));
        assertThat(cullCache.hasKey("force_cull_delete")).isTrue();
        assertThat(cullCache.hasKey("first")).isFalse();
    }

    /** Django's {@code _perform_cull_test}: sets keys 1 to {@code initialCount - 1}, counts the ones left. */
    private static int countAfterOverflowing(CacheBackend cullCache, int initialCount) {
        for (int i = 1; i < initialCount; i++) {
            cullCache.set("cull" + i, "value", Timeout.ofSeconds(1000));
        }
        int count = 0;
        for (int i = 1; i < initialCount; i++) {
            if (cullCache.hasKey("cull" + i)) {
                count++;
            }
        }
        return count;
    }

    // test_invalid_key_characters: a key memcached would refuse draws a warning, never an error, and works.
    @Test
    void invalidKeyCharactersOnlyWarn() {
        invalidKeyOnlyWarns("key with spaces and 清\u0007");
    }

    // test_invalid_key_length
    @Test
    void invalidKeyLengthOnlyWarns() {
        invalidKeyOnlyWarns("a".repeat(250) + "清");
    }

    // test_invalid_with_version_key_length: a key function that makes the key too long.
    @Test
    void invalidWithVersionKeyLengthOnlyWarns() {
        KeyFunction addsVersion = (key, keyPrefix, version) -> key + ":" + version;
        CacheBackend versioned = backend((settings) -> settings.keyFunction(addsVersion));
        String key = "a".repeat(249);
        assertThat(versioned.makeKey(key)).hasSize(251);
        assertThatCode(() -> versioned.set(key, 1)).doesNotThrowAnyException();
        assertThat(versioned.get(key)).isEqualTo(1);
    }

    /** Django's {@code _perform_invalid_key_test}, with "works and throws nothing" in place of "warns". */
    private void invalidKeyOnlyWarns(String key) {
        assertThat(cache().add(key, 1)).isTrue();
        assertThat(cache().get(key)).isEqualTo(1);
        cache().set(key, 1);
        assertThat(cache().incr(key)).isEqualTo(2);
        assertThat(cache().decr(key)).isEqualTo(1);
        assertThat(cache().touch(key)).isTrue();
        assertThat(cache().delete(key)).isTrue();
        assertThat(cache().setMany(mapOf(key, 1, "b", 2))).isEmpty();
        assertThat(cache().getMany(List.of(key, "b"))).containsOnlyKeys(key, "b");
        cache().deleteMany(List.of(key, "b"));
        assertThat(cache().hasKey(key)).isFalse();
    }

    // test_cache_versioning_get_set
    @Test
    void cacheVersioningGetSet() {
        CacheBackend v2 = v2();
        // set, using default version = 1
        cache().set("answer1", 42);
        assertThat(cache().get("answer1")).isEqualTo(42);
        assertThat(cache().get("answer1", null, 1)).isEqualTo(42);
        assertThat(cache().get("answer1", null, 2)).isNull();
        assertThat(v2.get("answer1")).isNull();
        assertThat(v2.get("answer1", null, 1)).isEqualTo(42);
        assertThat(v2.get("answer1", null, 2)).isNull();

        // set, default version = 1, but manually override version = 2
        cache().set("answer2", 42, Timeout.DEFAULT, 2);
        assertThat(cache().get("answer2")).isNull();
        assertThat(cache().get("answer2", null, 1)).isNull();
        assertThat(cache().get("answer2", null, 2)).isEqualTo(42);
        assertThat(v2.get("answer2")).isEqualTo(42);
        assertThat(v2.get("answer2", null, 1)).isNull();
        assertThat(v2.get("answer2", null, 2)).isEqualTo(42);

        // v2 set, using default version = 2
        v2.set("answer3", 42);
        assertThat(cache().get("answer3")).isNull();
        assertThat(cache().get("answer3", null, 1)).isNull();
        assertThat(cache().get("answer3", null, 2)).isEqualTo(42);
        assertThat(v2.get("answer3")).isEqualTo(42);
        assertThat(v2.get("answer3", null, 1)).isNull();
        assertThat(v2.get("answer3", null, 2)).isEqualTo(42);

        // v2 set, default version = 2, but manually override version = 1
        v2.set("answer4", 42, Timeout.DEFAULT, 1);
        assertThat(cache().get("answer4")).isEqualTo(42);
        assertThat(cache().get("answer4", null, 1)).isEqualTo(42);
        assertThat(cache().get("answer4", null, 2)).isNull();
        assertThat(v2.get("answer4")).isNull();
        assertThat(v2.get("answer4", null, 1)).isEqualTo(42);
        assertThat(v2.get("answer4", null, 2)).isNull();
    }

    // test_cache_versioning_add
    @Test
    void cacheVersioningAdd() {
        CacheBackend v2 = v2();
        // add, default version = 1, but manually override version = 2
        assertThat(cache().add("answer1", 42, Timeout.DEFAULT, 2)).isTrue();
        assertThat(cache().get("answer1", null, 1)).isNull();
        assertThat(cache().get("answer1", null, 2)).isEqualTo(42);
        assertThat(cache().add("answer1", 37, Timeout.DEFAULT, 2)).isFalse();
        assertThat(cache().get("answer1", null, 1)).isNull();
        assertThat(cache().get("answer1", null, 2)).isEqualTo(42);
        assertThat(cache().add("answer1", 37, Timeout.DEFAULT, 1)).isTrue();
        assertThat(cache().get("answer1", null, 1)).isEqualTo(37);
        assertThat(cache().get("answer1", null, 2)).isEqualTo(42);

        // v2 add, using default version = 2
        assertThat(v2.add("answer2", 42)).isTrue();
        assertThat(cache().get("answer2", null, 1)).isNull();
        assertThat(cache().get("answer2", null, 2)).isEqualTo(42);
        assertThat(v2.add("answer2", 37)).isFalse();
        assertThat(cache().get("answer2", null, 1)).isNull();
        assertThat(cache().get("answer2", null, 2)).isEqualTo(42);
        assertThat(v2.add("answer2", 37, Timeout.DEFAULT, 1)).isTrue();
        assertThat(cache().get("answer2", null, 1)).isEqualTo(37);
        assertThat(cache().get("answer2", null, 2)).isEqualTo(42);

        // v2 add, default version = 2, but manually override version = 1
        assertThat(v2.add("answer3", 42, Timeout.DEFAULT, 1)).isTrue();
        assertThat(cache().get("answer3", null, 1)).isEqualTo(42);
        assertThat(cache().get("answer3", null, 2)).isNull();
        assertThat(v2.add("answer3", 37, Timeout.DEFAULT, 1)).isFalse();
        assertThat(cache().get("answer3", null, 1)).isEqualTo(42);
        assertThat(cache().get("answer3", null, 2)).isNull();
        assertThat(v2.add("answer3", 37)).isTrue();
        assertThat(cache().get("answer3", null, 1)).isEqualTo(42);
        assertThat(cache().get("answer3", null, 2)).isEqualTo(37);
    }

    // test_cache_versioning_has_key
    @Test
    void cacheVersioningHasKey() {
        CacheBackend v2 = v2();
        cache().set("answer1", 42);
        assertThat(cache().hasKey("answer1")).isTrue();
        assertThat(cache().hasKey("answer1", 1)).isTrue();
        assertThat(cache().hasKey("answer1", 2)).isFalse();
        assertThat(v2.hasKey("answer1")).isFalse();
        assertThat(v2.hasKey("answer1", 1)).isTrue();
        assertThat(v2.hasKey("answer1", 2)).isFalse();
    }

    // test_cache_versioning_delete
    @Test
    void cacheVersioningDelete() {
        CacheBackend v2 = v2();
        setBothVersions("answer1");
        assertThat(cache().delete("answer1")).isTrue();
        assertThat(cache().get("answer1", null, 1)).isNull();
        assertThat(cache().get("answer1", null, 2)).isEqualTo(42);

        setBothVersions("answer2");
        assertThat(cache().delete("answer2", 2)).isTrue();
        assertThat(cache().get("answer2", null, 1)).isEqualTo(37);
        assertThat(cache().get("answer2", null, 2)).isNull();

        setBothVersions("answer3");
        assertThat(v2.delete("answer3")).isTrue();
        assertThat(cache().get("answer3", null, 1)).isEqualTo(37);
        assertThat(cache().get("answer3", null, 2)).isNull();

        setBothVersions("answer4");
        assertThat(v2.delete("answer4", 1)).isTrue();
        assertThat(cache().get("answer4", null, 1)).isNull();
        assertThat(cache().get("answer4", null, 2)).isEqualTo(42);
    }

    /** 37 at version 1 and 42 at version 2, as Django's versioning tests set them. */
    private void setBothVersions(String key) {
        cache().set(key, 37, Timeout.DEFAULT, 1);
        cache().set(key, 42, Timeout.DEFAULT, 2);
    }

    // test_cache_versioning_incr_decr
    @Test
    void cacheVersioningIncrDecr() {
        CacheBackend v2 = v2();
        setBothVersions("answer1");
        assertThat(cache().incr("answer1")).isEqualTo(38);
        assertNumber(cache().get("answer1", null, 1), 38);
        assertThat(cache().get("answer1", null, 2)).isEqualTo(42);
        assertThat(cache().decr("answer1")).isEqualTo(37);
        assertNumber(cache().get("answer1", null, 1), 37);
        assertThat(cache().get("answer1", null, 2)).isEqualTo(42);

        setBothVersions("answer2");
        assertThat(cache().incr("answer2", 1, 2)).isEqualTo(43);
        assertThat(cache().get("answer2", null, 1)).isEqualTo(37);
        assertNumber(cache().get("answer2", null, 2), 43);
        assertThat(cache().decr("answer2", 1, 2)).isEqualTo(42);
        assertThat(cache().get("answer2", null, 1)).isEqualTo(37);
        assertNumber(cache().get("answer2", null, 2), 42);

        setBothVersions("answer3");
        assertThat(v2.incr("answer3")).isEqualTo(43);
        assertThat(cache().get("answer3", null, 1)).isEqualTo(37);
        assertNumber(cache().get("answer3", null, 2), 43);
        assertThat(v2.decr("answer3")).isEqualTo(42);
        assertThat(cache().get("answer3", null, 1)).isEqualTo(37);
        assertNumber(cache().get("answer3", null, 2), 42);

        setBothVersions("answer4");
        assertThat(v2.incr("answer4", 1, 1)).isEqualTo(38);
        assertNumber(cache().get("answer4", null, 1), 38);
        assertThat(cache().get("answer4", null, 2)).isEqualTo(42);
        assertThat(v2.decr("answer4", 1, 1)).isEqualTo(37);
        assertNumber(cache().get("answer4", null, 1), 37);
        assertThat(cache().get("answer4", null, 2)).isEqualTo(42);
    }

    // test_cache_versioning_get_set_many
    @Test
    void cacheVersioningGetSetMany() {
        CacheBackend v2 = v2();
        // set, using default version = 1
        cache().setMany(Map.of("ford1", 37, "arthur1", 42));
        Map<String, Object> both1 = Map.of("ford1", 37, "arthur1", 42);
        assertThat(cache().getMany(List.of("ford1", "arthur1"))).isEqualTo(both1);
        assertThat(cache().getMany(List.of("ford1", "arthur1"), 1)).isEqualTo(both1);
        assertThat(cache().getMany(List.of("ford1", "arthur1"), 2)).isEmpty();
        assertThat(v2.getMany(List.of("ford1", "arthur1"))).isEmpty();
        assertThat(v2.getMany(List.of("ford1", "arthur1"), 1)).isEqualTo(both1);
        assertThat(v2.getMany(List.of("ford1", "arthur1"), 2)).isEmpty();

        // set, default version = 1, but manually override version = 2
        cache().setMany(Map.of("ford2", 37, "arthur2", 42), Timeout.DEFAULT, 2);
        Map<String, Object> both2 = Map.of("ford2", 37, "arthur2", 42);
        assertThat(cache().getMany(List.of("ford2", "arthur2"))).isEmpty();
        assertThat(cache().getMany(List.of("ford2", "arthur2"), 1)).isEmpty();
        assertThat(cache().getMany(List.of("ford2", "arthur2"), 2)).isEqualTo(both2);
        assertThat(v2.getMany(List.of("ford2", "arthur2"))).isEqualTo(both2);
        assertThat(v2.getMany(List.of("ford2", "arthur2"), 1)).isEmpty();
        assertThat(v2.getMany(List.of("ford2", "arthur2"), 2)).isEqualTo(both2);

        // v2 set, using default version = 2
        v2.setMany(Map.of("ford3", 37, "arthur3", 42));
        Map<String, Object> both3 = Map.of("ford3", 37, "arthur3", 42);
        assertThat(cache().getMany(List.of("ford3", "arthur3"))).isEmpty();
        assertThat(cache().getMany(List.of("ford3", "arthur3"), 1)).isEmpty();
        assertThat(cache().getMany(List.of("ford3", "arthur3"), 2)).isEqualTo(both3);
        assertThat(v2.getMany(List.of("ford3", "arthur3"))).isEqualTo(both3);
        assertThat(v2.getMany(List.of("ford3", "arthur3"), 1)).isEmpty();
        assertThat(v2.getMany(List.of("ford3", "arthur3"), 2)).isEqualTo(both3);

        // v2 set, default version = 2, but manually override version = 1
        v2.setMany(Map.of("ford4", 37, "arthur4", 42), Timeout.DEFAULT, 1);
        Map<String, Object> both4 = Map.of("ford4", 37, "arthur4", 42);
        assertThat(cache().getMany(List.of("ford4", "arthur4"))).isEqualTo(both4);
        assertThat(cache().getMany(List.of("ford4", "arthur4"), 1)).isEqualTo(both4);
        assertThat(cache().getMany(List.of("ford4", "arthur4"), 2)).isEmpty();
        assertThat(v2.getMany(List.of("ford4", "arthur4"))).isEmpty();
        assertThat(v2.getMany(List.of("ford4", "arthur4"), 1)).isEqualTo(both4);
        assertThat(v2.getMany(List.of("ford4", "arthur4"), 2)).isEmpty();
    }

    // test_incr_version
    @Test
    void incrVersion() {
        CacheBackend v2 = v2();
        cache().set("answer", 42, Timeout.DEFAULT, 2);
        assertThat(cache().get("answer")).isNull();
        assertThat(cache().get("answer", null, 1)).isNull();
        assertThat(cache().get("answer", null, 2)).isEqualTo(42);
        assertThat(cache().get("answer", null, 3)).isNull();

        assertThat(cache().incrVersion("answer", 1, 2)).isEqualTo(3);
        assertThat(cache().get("answer")).isNull();
        assertThat(cache().get("answer", null, 1)).isNull();
        assertThat(cache().get("answer", null, 2)).isNull();
        assertThat(cache().get("answer", null, 3)).isEqualTo(42);

        v2.set("answer2", 42);
        assertThat(v2.get("answer2")).isEqualTo(42);
        assertThat(v2.get("answer2", null, 1)).isNull();
        assertThat(v2.get("answer2", null, 2)).isEqualTo(42);
        assertThat(v2.get("answer2", null, 3)).isNull();

        assertThat(v2.incrVersion("answer2")).isEqualTo(3);
        assertThat(v2.get("answer2")).isNull();
        assertThat(v2.get("answer2", null, 1)).isNull();
        assertThat(v2.get("answer2", null, 2)).isNull();
        assertThat(v2.get("answer2", null, 3)).isEqualTo(42);

        assertThatIllegalArgumentException().isThrownBy(() -> cache().incrVersion("does_not_exist"))
                .withMessage("Key 'does_not_exist' not found");

        cache().set("null", null);
        assertThat(cache().incrVersion("null")).isEqualTo(2);
        assertThat(cache().hasKey("null", 2)).isTrue();
        assertThat(cache().hasKey("null", 1)).isFalse();
    }

    // test_decr_version
    @Test
    void decrVersion() {
        CacheBackend v2 = v2();
        cache().set("answer", 42, Timeout.DEFAULT, 2);
        assertThat(cache().get("answer")).isNull();
        assertThat(cache().get("answer", null, 1)).isNull();
        assertThat(cache().get("answer", null, 2)).isEqualTo(42);

        assertThat(cache().decrVersion("answer", 1, 2)).isEqualTo(1);
        assertThat(cache().get("answer")).isEqualTo(42);
        assertThat(cache().get("answer", null, 1)).isEqualTo(42);
        assertThat(cache().get("answer", null, 2)).isNull();

        v2.set("answer2", 42);
        assertThat(v2.get("answer2")).isEqualTo(42);
        assertThat(v2.get("answer2", null, 1)).isNull();
        assertThat(v2.get("answer2", null, 2)).isEqualTo(42);

        assertThat(v2.decrVersion("answer2")).isEqualTo(1);
        assertThat(v2.get("answer2")).isNull();
        assertThat(v2.get("answer2", null, 1)).isEqualTo(42);
        assertThat(v2.get("answer2", null, 2)).isNull();

        assertThatIllegalArgumentException().isThrownBy(() -> cache().decrVersion("does_not_exist", 1, 2));

        cache().set("null", null, Timeout.DEFAULT, 2);
        assertThat(cache().decrVersion("null", 1, 2)).isEqualTo(1);
        assertThat(cache().hasKey("null", 1)).isTrue();
    }

    // Ours, as Django's incr_version does: the value moves with the default timeout, not with its remaining lifetime.
    @Test
    void incrVersionMovesTheValueWithTheDefaultTimeout() {
        cache().set("short", "value", ONE_SECOND);
        assertThat(cache().incrVersion("short")).isEqualTo(2);
        advanceTime(PAST_ONE_SECOND);
        assertThat(cache().get("short", null, 2)).isEqualTo("value");
    }

    // test_custom_key_func: two caches with different key functions do not see each other's keys; two with equal
    // ones do (Django's custom_key and custom_key2, the same function given twice).
    @Test
    void customKeyFunc() {
        CacheBackend customKey = backend((settings) -> settings.keyFunction(CacheBackendContractTest::customKey));
        CacheBackend customKey2 = backend((settings) -> settings.keyFunction(CacheBackendContractTest::customKey));
        assertThat(customKey.makeKey("answer2")).isEqualTo("CUSTOM--1-answer2");

        cache().set("answer1", 42);
        assertThat(cache().get("answer1")).isEqualTo(42);
        assertThat(customKey.get("answer1")).isNull();
        assertThat(customKey2.get("answer1")).isNull();

        customKey.set("answer2", 42);
        assertThat(cache().get("answer2")).isNull();
        assertThat(customKey.get("answer2")).isEqualTo(42);
        assertThat(customKey2.get("answer2")).isEqualTo(42);
    }

    // Django's make_key: "prefix:version:key" by default.
    @Test
    void makeKeyIsPrefixVersionKey() {
        CacheBackend prefixed = backend((settings) -> settings.keyPrefix("site").version(7));
        assertThat(cache().makeKey("k")).isEqualTo(":1:k");
        assertThat(cache().makeKey("k", 3)).isEqualTo(":3:k");
        assertThat(prefixed.makeKey("k")).isEqualTo("site:7:k");
        assertThat(prefixed.makeKey("k", null)).isEqualTo("site:7:k");
    }

    // test_add_fail_on_pickleerror and test_set_fail_on_pickleerror are store-by-value rules (LocMemCacheTest).

    // test_get_or_set (Django's non-callable default is a loader here)
    @Test
    void getOrSet() {
        assertThat(cache().get("projector")).isNull();
        assertThat(cache().getOrSet("projector", () -> 42)).isEqualTo(42);
        assertThat(cache().get("projector")).isEqualTo(42);
        assertThat(cache().getOrSet("null", () -> null)).isNull();
        // The previous getOrSet stored null.
        assertThat(cache().get("null", "default")).isNull();
    }

    // test_get_or_set_callable
    @Test
    void getOrSetCallable() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(cache().getOrSet("mykey", () -> "value" + calls.incrementAndGet())).isEqualTo("value1");
        assertThat(cache().getOrSet("mykey", () -> "value" + calls.incrementAndGet())).isEqualTo("value1");
        assertThat(calls).hasValue(1);
    }

    // test_get_or_set_version
    @Test
    void getOrSetVersion() {
        assertThat(cache().getOrSet("brian", () -> 1979, Timeout.DEFAULT, 2)).isEqualTo(1979);
        assertThat(cache().get("brian", null, 1)).isNull();
        assertThat(cache().getOrSet("brian", () -> 42, Timeout.DEFAULT, 1)).isEqualTo(42);
        assertThat(cache().getOrSet("brian", () -> 1979, Timeout.DEFAULT, 2)).isEqualTo(1979);
        assertThat(cache().get("brian", null, 3)).isNull();
    }

    // Ours: a present value is returned without calling the loader.
    @Test
    void getOrSetDoesNotLoadAPresentValue() {
        cache().set("present", "cached");
        assertThat(cache().getOrSet("present", () -> fail("the loader ran for a present key"))).isEqualTo("cached");
    }

    // CacheBackend#getOrSet: when nothing can be read back (a zero timeout), the loaded value is returned.
    @Test
    void getOrSetWithZeroTimeoutReturnsTheLoadedValue() {
        assertThat(cache().getOrSet("fleeting", () -> "loaded", Timeout.ofSeconds(0))).isEqualTo("loaded");
        assertThat(cache().hasKey("fleeting")).isFalse();
    }

    // Ours: a loader's exception reaches the caller, and nothing is stored.
    @Test
    void getOrSetLoaderExceptionStoresNothing() {
        IllegalStateException failure = new IllegalStateException("loader failed");
        assertThatThrownBy(() -> cache().getOrSet("failing", () -> {
            throw failure;
        })).isSameAs(failure);
        assertThat(cache().hasKey("failing")).isFalse();
        assertThat(cache().getOrSet("failing", () -> "second try")).isEqualTo("second try");
    }

    // Ours: keys of any type the backend holds share an entry only when they are equal (Spring's Cache contract).
    @Test
    void keysOfDifferentTypesWithTheSameDigitsAreDifferentEntries() {
        cache().set(1L, "long");
        cache().set(1, "int");
        cache().set("1", "string");
        assertThat(cache().get(1L)).isEqualTo("long");
        assertThat(cache().get(1)).isEqualTo("int");
        assertThat(cache().get("1")).isEqualTo("string");
        assertThat(cache().get((short) 1)).isNull();
    }

    // Ours: a record key finds its entry by an equal record, and a string that looks like another key's text does not.
    @Test
    void aRecordKeyFindsItsEntryByAnEqualRecord() {
        cache().set(new Poll("favourite", 1), "value");
        assertThat(cache().get(new Poll("favourite", 1))).isEqualTo("value");
        assertThat(cache().get(new Poll("favourite", 2))).isNull();
        assertThat(cache().hasKey(new Poll("favourite", 1))).isTrue();
        assertThat(cache().delete(new Poll("favourite", 1))).isTrue();
        assertThat(cache().hasKey(new Poll("favourite", 1))).isFalse();
    }

    // Ours: a composite key (Spring's key of several parameters) compares its arrays by content.
    @Test
    void aCompositeKeyComparesItsPartsAndTheirArraysByContent() {
        cache().set(CompositeKey.of("a", new int[] { 1, 2 }), "ints");
        assertThat(cache().get(CompositeKey.of("a", new int[] { 1, 2 }))).isEqualTo("ints");
        assertThat(cache().get(CompositeKey.of("a", new long[] { 1, 2 }))).isNull();
        assertThat(cache().get(CompositeKey.of("a", 1, 2))).isNull();
    }

    // Ours: incr, touch, getMany, setMany and incrVersion take keys of any type the backend holds.
    @Test
    void everyOperationTakesKeysOfOtherTypes() {
        cache().set(42L, 1);
        assertNumber(cache().incr(42L), 2);
        assertThat(cache().touch(42L, Timeout.NEVER)).isTrue();
        assertThat(cache().setMany(Map.of(7L, "seven", 8L, "eight"))).isEmpty();
        assertThat(cache().getMany(List.of(7L, 8L, 9L))).containsOnly(entry(7L, "seven"), entry(8L, "eight"));
        assertThat(cache().incrVersion(7L)).isEqualTo(2);
        assertThat(cache().get(7L, null, 2)).isEqualTo("seven");
        cache().deleteMany(List.of(8L));
        assertThat(cache().hasKey(8L)).isFalse();
    }

    /** A small serializable value type for {@link #dataTypes()}. */
    private record Poll(String question, int votes) implements Serializable {
    }
}
