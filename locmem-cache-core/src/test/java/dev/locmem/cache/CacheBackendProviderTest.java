package dev.locmem.cache;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.locmem.cache.provider.DummyCacheProvider;
import dev.locmem.cache.provider.LocMemCacheProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What the provider SPI says about a backend: its options, their checks, its namespaces and its statistics. */
class CacheBackendProviderTest {

    /** A provider that declares one option and keeps nothing. */
    static final class OneOptionProvider implements CacheBackendProvider {

        @Override
        public String name() {
            return "one-option";
        }

        @Override
        public List<CacheBackendOption> options() {
            return List.of(new CacheBackendOption("shards", Integer.class, 4, "How many shards."));
        }

        @Override
        public CacheBackend create(CacheSettings settings) {
            return new DummyCache(settings);
        }
    }

    @Test
    void anOptionThatIsNotDeclaredIsRefusedNamingTheDeclaredOnes() {
        CacheSettings settings = CacheSettings.builder().option("colour", "blue").build();
        assertThatExceptionOfType(InvalidCacheSettingException.class)
            .isThrownBy(() -> new OneOptionProvider().validate(settings))
            .withMessage("Unknown option 'colour' for the one-option backend; known options: [shards]")
            .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("options.colour"));
    }

    @Test
    void aDeclaredOptionOfTheWrongTypeIsRefusedNamingIt() {
        CacheSettings settings = CacheSettings.builder().option("shards", "many").build();
        assertThatExceptionOfType(InvalidCacheSettingException.class)
            .isThrownBy(() -> new OneOptionProvider().validate(settings))
            .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("options.shards"));
    }

    /** A provider whose one option declares what it accepts and checks it. */
    static final class CheckedOptionProvider implements CacheBackendProvider {

        @Override
        public String name() {
            return "checked";
        }

        @Override
        public List<CacheBackendOption> options() {
            return List.of(new CacheBackendOption("shards", Integer.class, 4, "How many shards.",
                    "a whole number from 1 to 64", (value) -> {
                        if ((Integer) value < 1 || (Integer) value > 64) {
                            throw new IllegalArgumentException("shards must be from 1 to 64, but was " + value);
                        }
                    }));
        }

        @Override
        public CacheBackend create(CacheSettings settings) {
            return new DummyCache(settings);
        }
    }

    @Test
    void aDeclaredCheckRefusesAValueNamingTheOptionAndWhatItAccepts() {
        CacheSettings settings = CacheSettings.builder().option("shards", 65).build();
        assertThatExceptionOfType(InvalidCacheSettingException.class)
            .isThrownBy(() -> new CheckedOptionProvider().validate(settings))
            .withMessage("shards must be from 1 to 64, but was 65")
            .satisfies((ex) -> {
                assertThat(ex.getSetting()).isEqualTo("options.shards");
                assertThat(ex.getValue()).isEqualTo(65);
                assertThat(ex.getAccepted()).isEqualTo("a whole number from 1 to 64");
            });
    }

    @Test
    void aValueThatDoesNotConvertIsRefusedSayingWhatTheOptionAccepts() {
        CacheSettings settings = CacheSettings.builder().option("shards", "many").build();
        assertThatExceptionOfType(InvalidCacheSettingException.class)
            .isThrownBy(() -> new CheckedOptionProvider().validate(settings))
            .satisfies((ex) -> assertThat(ex.getAccepted()).isEqualTo("a whole number from 1 to 64"));
    }

    @Test
    void aDeclaredCheckPassesAValueInRange() {
        assertThatCode(() -> new CheckedOptionProvider().validate(CacheSettings.builder().option("shards", "64")
            .build())).doesNotThrowAnyException();
    }

    @Test
    void theDefaultOfACheckedOptionIsNotJudged() {
        CacheBackendOption alwaysRefusing = new CacheBackendOption("shards", Integer.class, 0, "How many shards.",
                "never", (value) -> {
                    throw new IllegalArgumentException("refused");
                });
        assertThat(alwaysRefusing.validate(CacheSettings.builder().build())).isEqualTo(0);
    }

    @Test
    void locmemFromSettingsAppliesTheSameRulesAsItsProvider() {
        CacheSettings settings = CacheSettings.builder().option("cull-frequency", -1).build();
        assertThatExceptionOfType(InvalidCacheSettingException.class)
            .isThrownBy(() -> LocMemCache.fromSettings(settings, LocMemStores.create()))
            .withMessageContaining("cull-frequency must be 0 or more")
            .satisfies((ex) -> assertThat(ex.getAccepted()).contains("0 (a cull clears the whole store)"));
    }

    @Test
    void aProviderThatDeclaresNoOptionsLeavesThemToCreate() {
        CacheBackendProvider undeclared = new CacheBackendProvider() {
            @Override
            public String name() {
                return "undeclared";
            }

            @Override
            public CacheBackend create(CacheSettings settings) {
                return new DummyCache(settings);
            }
        };
        undeclared.validate(CacheSettings.builder().option("anything", 1).build());
    }

    @Test
    void locmemRefusesMaxEntriesBelowOneInValidate() {
        CacheSettings settings = CacheSettings.builder().option("max-entries", 0).build();
        assertThatExceptionOfType(InvalidCacheSettingException.class)
            .isThrownBy(() -> new LocMemCacheProvider().validate(settings))
            .withMessageContaining("max-entries must be at least 1")
            .satisfies((ex) -> {
                assertThat(ex.getSetting()).isEqualTo("options.max-entries");
                assertThat(ex.getAccepted()).contains("1 or more");
            });
    }

    @Test
    void locmemRefusesANegativeCullFrequencyInValidate() {
        CacheSettings settings = CacheSettings.builder().option("cull-frequency", -1).build();
        assertThatExceptionOfType(InvalidCacheSettingException.class)
            .isThrownBy(() -> new LocMemCacheProvider().validate(settings))
            .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("options.cull-frequency"));
    }

    @Test
    void locmemDeclaresItsOptionsWithDjangosDefaults() {
        assertThat(new LocMemCacheProvider().options()).extracting(CacheBackendOption::name, CacheBackendOption::defaultValue)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("max-entries", 300),
                    org.assertj.core.groups.Tuple.tuple("cull-frequency", 3),
                    org.assertj.core.groups.Tuple.tuple("store-by-value", false));
        assertThat(new DummyCacheProvider().options()).isEqualTo(new LocMemCacheProvider().options());
    }

    @Test
    void locmemNamespacesANameByLocation() {
        CacheSettings settings = CacheSettings.builder().location("shop").keyPrefix("p").build();
        CacheSettings books = new LocMemCacheProvider().namespace(settings, "books");
        assertThat(books.location()).isEqualTo("shop#books");
        assertThat(books.keyPrefix()).isEqualTo("p");
    }

    @Test
    void otherBackendsNamespaceANameByKeyPrefix() {
        CacheSettings settings = CacheSettings.builder().backend("one-option").keyPrefix("shop").build();
        CacheSettings books = new OneOptionProvider().namespace(settings, "books");
        assertThat(books.keyPrefix()).isEqualTo("shop#books");
        assertThat(books.location()).isEmpty();
    }

    @Test
    void aBackendThatDoesNotCountReportsUnknownStatistics() {
        CacheStats stats = new DummyCache().stats();
        assertThat(stats).isEqualTo(CacheStats.UNKNOWN);
        assertThat(stats.countsCalls()).isFalse();
        assertThat(stats.knowsStore()).isFalse();
        assertThat(stats.hitRate()).isNaN();
    }

    @Test
    void locmemReportsItsOwnStatisticsThroughTheInterface() {
        CacheBackend backend = LocMemCache.builder().stores(LocMemStores.create()).build();
        backend.set("k", "v");
        backend.get("k");
        backend.get("missing");
        CacheStats stats = backend.stats();
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.knowsStore()).isTrue();
        assertThat(stats.size()).isEqualTo(1);
        backend.close();
    }

    @Test
    void aRefusalInCachesNamesTheAliasAndTheSetting() {
        Map<String, CacheSettings> settings = Map.of("reports", CacheSettings.builder().option("max-entries", 0).build());
        assertThatExceptionOfType(InvalidCacheSettingException.class)
            .isThrownBy(() -> Caches.of(settings, CacheCreationContext.create(), List.of()))
            .satisfies((ex) -> {
                assertThat(ex.getAlias()).isEqualTo("reports");
                assertThat(ex.getSetting()).isEqualTo("options.max-entries");
                assertThat(ex.getValue()).isEqualTo(0);
                assertThat(ex).hasMessageStartingWith("Cache alias 'reports': ");
            });
    }

    @Test
    void anUnknownBackendInCachesNamesTheAliasAndTheBackendSetting() {
        Map<String, CacheSettings> settings = Map.of("reports", CacheSettings.builder().backend("memcached").build());
        assertThatExceptionOfType(InvalidCacheSettingException.class)
            .isThrownBy(() -> Caches.of(settings, CacheCreationContext.create(), List.of()))
            .satisfies((ex) -> {
                assertThat(ex.getAlias()).isEqualTo("reports");
                assertThat(ex.getSetting()).isEqualTo("backend");
            });
    }

    @Test
    void backendsOfOneContextShareAStoreByLocationAndNotWithAnotherContext() {
        CacheCreationContext one = CacheCreationContext.create();
        CacheCreationContext other = CacheCreationContext.create();
        LocMemCacheProvider provider = new LocMemCacheProvider();
        CacheSettings settings = CacheSettings.builder().location("shared").build();
        try (CacheBackend a = provider.create(settings, one); CacheBackend b = provider.create(settings, one);
                CacheBackend c = provider.create(settings, other)) {
            a.set("k", "v");
            assertThat(b.get("k")).isEqualTo("v");
            assertThat(c.get("k")).isNull();
        }
    }
}
