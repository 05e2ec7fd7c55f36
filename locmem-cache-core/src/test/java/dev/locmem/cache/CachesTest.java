package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Django's {@code caches}: backends by alias, found by name or provider class name, created and closed together. */
class CachesTest {

    private final LocMemStores stores = LocMemStores.create();

    private static CacheSettings locmem(String location) {
        return CacheSettings.builder().location(location).build();
    }

    private static Map<String, CacheSettings> aliases(Object... aliasesAndSettings) {
        // In order: Caches keeps the configuration order.
        Map<String, CacheSettings> map = new LinkedHashMap<>();
        for (int i = 0; i < aliasesAndSettings.length; i += 2) {
            map.put((String) aliasesAndSettings[i], (CacheSettings) aliasesAndSettings[i + 1]);
        }
        return map;
    }

    @Test
    void everyAliasGetsItsBackendInConfigurationOrder() {
        try (Caches caches = Caches.of(aliases("default", locmem(""), "off",
                CacheSettings.builder().backend("dummy").build(), "sessions", locmem("sessions")), this.stores)) {
            assertThat(caches.aliases()).containsExactly("default", "off", "sessions");
            assertThat(caches.get(Caches.DEFAULT_ALIAS)).isInstanceOf(LocMemCache.class);
            assertThat(caches.get("off")).isInstanceOf(DummyCache.class);
            assertThat(caches.get("default")).isSameAs(caches.get("default"));
        }
    }

    // Django's CacheHandlerTest.test_nonexistent_alias
    @Test
    void anUnknownAliasFailsNamingTheConfiguredOnes() {
        try (Caches caches = Caches.of(aliases("default", locmem(""), "other", locmem("other")), this.stores)) {
            assertThatIllegalArgumentException().isThrownBy(() -> caches.get("nonexistent"))
                    .withMessage("The cache alias 'nonexistent' is not configured; configured aliases: [default, other]");
        }
    }

    // Django's CacheHandlerTest.test_nonexistent_backend
    @Test
    void anUnknownBackendFailsNamingTheAliasAndTheKnownBackends() {
        Map<String, CacheSettings> settings = aliases("default", CacheSettings.builder().backend("memcached").build());
        assertThatIllegalArgumentException().isThrownBy(() -> Caches.of(settings, this.stores))
                .withMessageStartingWith("Cache alias 'default': Unknown cache backend 'memcached'; known backends: ")
                .withMessageContaining("dummy").withMessageContaining("locmem")
                .withMessageContaining("class name of a CacheBackendProvider");
    }

    @Test
    void aClassNameThatDoesNotExistIsAnUnknownBackend() {
        Map<String, CacheSettings> settings = aliases("default",
                CacheSettings.builder().backend("com.example.NonexistentProvider").build());
        assertThatIllegalArgumentException().isThrownBy(() -> Caches.of(settings, this.stores))
                .withMessageContaining("Unknown cache backend 'com.example.NonexistentProvider'");
    }

    @Test
    void aRegisteredProviderCanBeNamedByItsClassName() {
        try (Caches caches = Caches.of(aliases("default", CacheSettings.builder()
                .backend("dev.locmem.cache.provider.DummyCacheProvider").build()), this.stores)) {
            assertThat(caches.get("default")).isInstanceOf(DummyCache.class);
        }
    }

    @Test
    void anUnregisteredProviderIsCreatedFromItsClassName() {
        CountingProvider.closes.set(0);
        try (Caches caches = Caches.of(aliases("default", CacheSettings.builder()
                .backend(CountingProvider.class.getName()).keyPrefix("counted").build()), this.stores)) {
            assertThat(caches.get("default")).isInstanceOf(CountingBackend.class);
            assertThat(caches.get("default").makeKey("k")).isEqualTo("counted:1:k");
        }
        assertThat(CountingProvider.closes).hasValue(1);
    }

    @Test
    void aClassThatIsNoProviderIsRefused() {
        Map<String, CacheSettings> settings = aliases("default", CacheSettings.builder().backend("java.lang.String")
                .build());
        assertThatIllegalArgumentException().isThrownBy(() -> Caches.of(settings, this.stores))
                .withMessageContaining("'java.lang.String' does not implement " + CacheBackendProvider.class.getName());
    }

    @Test
    void aProviderWithoutANoArgumentConstructorIsRefused() {
        Map<String, CacheSettings> settings = aliases("default", CacheSettings.builder()
                .backend(NeedsAnArgument.class.getName()).build());
        assertThatIllegalArgumentException().isThrownBy(() -> Caches.of(settings, this.stores))
                .withMessageContaining("public no-argument constructor");
    }

    @Test
    void whenOneAliasFailsTheBackendsAlreadyCreatedAreClosed() {
        CountingProvider.closes.set(0);
        Map<String, CacheSettings> settings = aliases(
                "first", CacheSettings.builder().backend(CountingProvider.class.getName()).build(),
                "broken", CacheSettings.builder().backend("nonexistent").build());
        assertThatThrownBy(() -> Caches.of(settings, this.stores)).hasMessageContaining("'broken'");
        assertThat(CountingProvider.closes).hasValue(1);
    }

    @Test
    void locmemTakesItsOptionsInAnySpelling() {
        try (Caches caches = Caches.of(aliases("default", CacheSettings.builder().option("MAX_ENTRIES", 30)
                .option("cullFrequency", "0").option("store-by-value", "true").build()), this.stores)) {
            LocMemCache cache = (LocMemCache) caches.get("default");
            assertThat(cache.maxEntries()).isEqualTo(30);
            assertThat(cache.cullFrequency()).isZero();
            assertThat(cache.isStoreByValue()).isTrue();
        }
    }

    @Test
    void locmemRefusesAnUnknownOptionNamingTheKnownOnes() {
        Map<String, CacheSettings> settings = aliases("default", CacheSettings.builder().option("MAX_ENTRIE", 30)
                .build());
        assertThatIllegalArgumentException().isThrownBy(() -> Caches.of(settings, this.stores))
                .withMessage("Cache alias 'default': Unknown option 'max-entrie' for the locmem backend; known options: "
                        + "[cull-frequency, max-entries, store-by-value]");
    }

    @Test
    void locmemRefusesAnOptionValueThatIsNoNumber() {
        Map<String, CacheSettings> settings = aliases("default", CacheSettings.builder().option("max-entries", "lots")
                .build());
        assertThatIllegalArgumentException().isThrownBy(() -> Caches.of(settings, this.stores))
                .withMessageContaining("'default'").withMessageContaining("max-entries").withMessageContaining("lots");
    }

    @Test
    void locmemRefusesMaxEntriesBelowOne() {
        Map<String, CacheSettings> settings = aliases("default", CacheSettings.builder().option("max-entries", 0)
                .build());
        assertThatIllegalArgumentException().isThrownBy(() -> Caches.of(settings, this.stores))
                .withMessageContaining("'default'").withMessageContaining("max-entries");
    }

    @Test
    void aRefusedOptionIsNamedAsASettingOfTheAlias() {
        Map<String, CacheSettings> settings = aliases("default", CacheSettings.builder().option("MAX_ENTRIE", 30)
                .build());

        InvalidCacheSettingException refused = refusedSetting(() -> Caches.of(settings, this.stores));

        assertThat(refused.getSetting()).isEqualTo("options.max-entrie");
        assertThat(refused.getValue()).isEqualTo(30);
    }

    @Test
    void maxEntriesBelowOneIsNamedAsASettingOfTheAlias() {
        Map<String, CacheSettings> settings = aliases("default", CacheSettings.builder().option("max-entries", 0)
                .build());

        InvalidCacheSettingException refused = refusedSetting(() -> Caches.of(settings, this.stores));

        assertThat(refused.getSetting()).isEqualTo("options.max-entries");
        assertThat(refused.getValue()).isEqualTo(0);
    }

    @Test
    void storeByValueOtherThanTrueOrFalseIsNamedAsASettingOfTheAlias() {
        Map<String, CacheSettings> settings = aliases("default", CacheSettings.builder()
                .option("store-by-value", "yes").build());

        InvalidCacheSettingException refused = refusedSetting(() -> Caches.of(settings, this.stores));

        assertThat(refused.getSetting()).isEqualTo("options.store-by-value");
        assertThat(refused.getValue()).isEqualTo("yes");
    }

    @Test
    void cullFrequencyBelowZeroIsNamedAsASettingOfTheAlias() {
        Map<String, CacheSettings> settings = aliases("default", CacheSettings.builder().option("cull-frequency", -1)
                .build());

        InvalidCacheSettingException refused = refusedSetting(() -> Caches.of(settings, this.stores));

        assertThat(refused.getSetting()).isEqualTo("options.cull-frequency");
        assertThat(refused.getValue()).isEqualTo(-1);
    }

    @Test
    void anOptionTheDummyBackendRefusesIsNamedAsASettingOfTheAlias() {
        Map<String, CacheSettings> settings = aliases("off", CacheSettings.builder().backend("dummy")
                .option("port", 6379).build());

        InvalidCacheSettingException refused = refusedSetting(() -> Caches.of(settings, this.stores));

        assertThat(refused.getSetting()).isEqualTo("options.port");
        assertThat(refused.getValue()).isEqualTo(6379);
    }

    /** The setting refused, which {@link Caches#of} keeps as the cause of its message naming the alias. */
    private static InvalidCacheSettingException refusedSetting(ThrowingCallable creation) {
        Throwable failure = catchThrowable(creation);
        assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                .hasCauseInstanceOf(InvalidCacheSettingException.class);
        return (InvalidCacheSettingException) failure.getCause();
    }

    @Test
    void dummyAcceptsAndIgnoresTheLocmemOptionsAsDjangosDoes() {
        try (Caches caches = Caches.of(aliases("off", CacheSettings.builder().backend("dummy")
                .option("max-entries", 3).option("CULL_FREQUENCY", 0).build()), this.stores)) {
            assertThat(caches.get("off")).isInstanceOf(DummyCache.class);
        }
    }

    @Test
    void dummyRefusesAnOptionThatNoLocalBackendTakes() {
        Map<String, CacheSettings> settings = aliases("off", CacheSettings.builder().backend("dummy")
                .option("port", 6379).build());
        assertThatIllegalArgumentException().isThrownBy(() -> Caches.of(settings, this.stores))
                .withMessageContaining("'off'").withMessageContaining("Unknown option 'port' for the dummy backend");
    }

    @Test
    void aliasesOfTheSameLocationShareOneStore() {
        try (Caches caches = Caches.of(aliases("default", locmem("shared"), "prefixed",
                CacheSettings.builder().location("shared").keyPrefix("p").build(), "other", locmem("other")),
                this.stores)) {
            caches.get("default").set("key", "value");
            assertThat(caches.get("prefixed").get("key", null, null)).isNull();
            caches.get("prefixed").clear();
            assertThat(caches.get("default").hasKey("key")).isFalse();
            caches.get("other").set("kept", 1);
            caches.get("default").clear();
            assertThat(caches.get("other").hasKey("kept")).isTrue();
        }
    }

    @Test
    void withoutStoresAliasesShareTheirStoresProcessWide() {
        String location = "caches-" + UUID.randomUUID();
        try (Caches one = Caches.of(aliases("default", locmem(location)));
                Caches other = Caches.of(aliases("default", locmem(location)))) {
            one.get("default").set("key", "value");
            assertThat(other.get("default").get("key")).isEqualTo("value");
        }
    }

    @Test
    void cachesOfSeparateStoresAreApart() {
        try (Caches one = Caches.of(aliases("default", locmem("")), LocMemStores.create());
                Caches other = Caches.of(aliases("default", locmem("")), LocMemStores.create())) {
            one.get("default").set("key", "value");
            assertThat(other.get("default").get("key")).isNull();
        }
    }

    // Django's DefaultNonExpiringCacheKeyTests: the alias's timeout is the backends' default.
    @Test
    void theAliasTimeoutIsTheBackendsDefault() {
        try (Caches caches = Caches.of(aliases("never", CacheSettings.builder().timeout(Timeout.NEVER).build(),
                "unset", locmem("")), this.stores)) {
            assertThat(((LocMemCache) caches.get("never")).defaultTimeout()).isEqualTo(Timeout.NEVER);
            assertThat(((LocMemCache) caches.get("unset")).defaultTimeout()).isEqualTo(Timeout.ofSeconds(300));
        }
    }

    @Test
    void aliasesCannotBeChanged() {
        try (Caches caches = Caches.of(aliases("default", locmem("")), this.stores)) {
            assertThatThrownBy(() -> caches.aliases().add("more")).isInstanceOf(UnsupportedOperationException.class);
            assertThat(caches.aliases()).containsExactlyElementsOf(List.of("default"));
        }
    }

    /** A provider that only its class name can select: it is not registered with ServiceLoader. */
    public static final class CountingProvider implements CacheBackendProvider {

        static final AtomicInteger closes = new AtomicInteger();

        /** Called by Caches, by reflection. */
        public CountingProvider() {
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public CacheBackend create(CacheSettings settings) {
            return new CountingBackend(settings);
        }
    }

    /** A provider that cannot be created by class name. */
    public static final class NeedsAnArgument implements CacheBackendProvider {

        /**
         * Not what Caches can call.
         * @param name ignored
         */
        public NeedsAnArgument(String name) {
        }

        @Override
        public String name() {
            return "needs-an-argument";
        }

        @Override
        public CacheBackend create(CacheSettings settings) {
            throw new UnsupportedOperationException();
        }
    }

    /** Keeps nothing and counts closes, so that tests see when Caches closes its backends. */
    static final class CountingBackend extends BaseCacheBackend {

        CountingBackend(CacheSettings settings) {
            super(settings.keyPrefix(), settings.version(), settings.keyFunction(), settings.timeout());
        }

        @Override
        public Object get(Object key, Object defaultValue, Integer version) {
            return defaultValue;
        }

        @Override
        public void set(Object key, Object value, Timeout timeout, Integer version) {
        }

        @Override
        public boolean add(Object key, Object value, Timeout timeout, Integer version) {
            return true;
        }

        @Override
        public boolean touch(Object key, Timeout timeout, Integer version) {
            return false;
        }

        @Override
        public boolean delete(Object key, Integer version) {
            return false;
        }

        @Override
        public boolean hasKey(Object key, Integer version) {
            return false;
        }

        @Override
        public long incr(Object key, long delta, Integer version) {
            throw notFound(key);
        }

        @Override
        public void clear() {
        }

        @Override
        public void close() {
            CountingProvider.closes.incrementAndGet();
        }
    }
}
