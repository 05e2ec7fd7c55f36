package dev.locmem.cache.autoconfigure;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.locmem.cache.testsupport.ClassLoaderWithoutRedisModule;
import dev.locmem.cache.testsupport.ReachableMapBackendProvider;
import dev.locmem.cache.testsupport.YamlProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad {@code app.caches} configuration fails start-up, naming the property, its value and what is
 * accepted.
 */
class InvalidCacheConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class));


    private ApplicationContextRunner withYaml(String yaml) {
        return this.runner.withInitializer(YamlProperties.of(yaml));
    }

    private void assertFailure(AssertableApplicationContext context, String property, String value,
            String... accepted) {
        assertThat(context).hasFailed();
        org.springframework.boot.diagnostics.FailureAnalysis analysis = new InvalidCachePropertyFailureAnalyzer()
            .analyze(context.getStartupFailure());
        assertThat(analysis).as("an InvalidCachePropertyException caused the failure").isNotNull();
        assertThat(analysis.getDescription()).contains("Property: " + property).contains("Value: " + value);
        assertThat(analysis.getDescription().substring(analysis.getDescription().indexOf("Accepted:")))
            .contains(accepted);
        assertThat(analysis.getAction()).contains(property).contains(accepted);
    }

    @Test
    void anUnknownPropertyOfAnAliasFailsNamingTheAcceptedOnes() {
        this.runner.withPropertyValues("app.caches.default.timout=60").run((context) -> assertFailure(context,
                "app.caches.default.timout", "\"60\"", "app.caches.default.timeout", "app.caches.default.key-prefix"));
    }

    @Test
    void aMisspeltPropertyFailsNamingItExactly() {
        this.runner.withPropertyValues("app.caches.default.max-entires=500").run((context) -> assertFailure(context,
                "app.caches.default.max-entires", "\"500\"", "app.caches.default.options.max-entries"));
    }

    @Test
    void anOptionWrittenDirectlyUnderTheAliasFailsSuggestingTheOption() {
        this.runner.withPropertyValues("app.caches.default.max-entries=500").run((context) -> {
            assertFailure(context, "app.caches.default.max-entries", "\"500\"", "app.caches.default.timeout");
            assertThat(context.getStartupFailure())
                .hasMessageContaining("(app.caches.default.options.max-entries is)");
        });
    }

    @Test
    void everyUnknownPropertyIsNamed() {
        this.runner.withPropertyValues("app.caches.default.timout=60", "app.caches.default.prefix=shop")
            .run((context) -> {
                assertFailure(context, "app.caches.default.prefix", "\"shop\"", "app.caches.default.key-prefix");
                assertThat(context.getStartupFailure()).hasMessageContaining("app.caches.default.timout");
            });
    }

    @Test
    void anUnknownPropertyFromAnEnvironmentVariableFails() {
        this.runner
            .withInitializer((context) -> context.getEnvironment().getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("systemEnvironment",
                        Map.of("APP_CACHES_DEFAULT_TIMOUT", "60"))))
            .run((context) -> assertFailure(context, "app.caches.default.timout", "\"60\"",
                    "app.caches.default.timeout"));
    }

    @Test
    void theOptionsAcceptedAreThoseOfTheAliasesBackend() {
        this.runner.withPropertyValues("app.caches.default.backend=redis", "app.caches.default.timout=60")
            .run((context) -> assertFailure(context, "app.caches.default.timout", "\"60\"",
                    "app.caches.default.options.serializer", "app.caches.default.options.scan-count"));
    }

    @Test
    void theFailureSaysWhereTheValueWasWritten() {
        withYaml("""
                app:
                  caches:
                    default:
                      OPTIONS:
                        MAX_ENTRIES: 0
                """).run((context) -> {
            assertFailure(context, "app.caches.default.OPTIONS.MAX_ENTRIES", "\"0\"", "1 or more");
            assertThat(new InvalidCachePropertyFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                .contains("Origin: ").contains("5:22");
        });
    }

    @Test
    void anUnknownDjangoSpellingFailsNamingTheSpringNames() {
        withYaml("""
                app:
                  caches:
                    default:
                      KEY_FUNC: x
                """).run((context) -> assertFailure(context, "app.caches.default.KEY_FUNC", "\"x\"",
                "app.caches.default.key-function"));
    }

    @Test
    void anUnknownOptionFailsNamingTheAcceptedOnes() {
        withYaml("""
                app:
                  caches:
                    default:
                      OPTIONS:
                        CULL_FREQ: 2
                """).run((context) -> assertFailure(context, "app.caches.default.OPTIONS.CULL_FREQ", "\"2\"",
                "cull-frequency", "max-entries"));
    }

    @Test
    void anUnknownBackendFailsNamingTheKnownOnes() {
        this.runner.withPropertyValues("app.caches.default.backend=memcached").run((context) -> assertFailure(
                context, "app.caches.default.backend", "\"memcached\"", "dummy", "locmem", "CacheBackendProvider"));
    }

    @Test
    void aBackendClassThatIsNotAProviderFails() {
        this.runner.withPropertyValues("app.caches.default.backend=java.lang.String").run((context) -> assertFailure(
                context, "app.caches.default.backend", "\"java.lang.String\"", "CacheBackendProvider"));
    }

    @Test
    void redisWithoutItsModuleFailsSayingWhatIsMissing() {
        this.runner.withClassLoader(new ClassLoaderWithoutRedisModule())
            .withPropertyValues("app.caches.default.backend=redis")
            .run((context) -> {
                assertFailure(context, "app.caches.default.backend", "\"redis\"", "locmem");
                assertThat(context.getStartupFailure()).hasMessageContaining("locmem-cache-redis");
            });
    }

    @Test
    void maxEntriesBelowOneFails() {
        this.runner.withPropertyValues("app.caches.default.options.max-entries=0").run((context) -> assertFailure(
                context, "app.caches.default.options.max-entries", "\"0\"", "1 or more"));
    }

    @Test
    void aNegativeCullFrequencyFails() {
        this.runner.withPropertyValues("app.caches.default.options.cull-frequency=-1").run((context) -> assertFailure(
                context, "app.caches.default.options.cull-frequency", "\"-1\"", "0 (a cull clears the whole store)"));
    }

    @Test
    void anUnparseableTimeoutFails() {
        this.runner.withPropertyValues("app.caches.default.timeout=soon").run((context) -> assertFailure(context,
                "app.caches.default.timeout", "\"soon\"", "number of seconds", "'none'", "10m"));
    }

    @Test
    void aKeyFunctionClassThatIsNotAKeyFunctionFails() {
        this.runner.withPropertyValues("app.caches.default.key-function=java.lang.String").run((context) -> {
            assertFailure(context, "app.caches.default.key-function", "\"java.lang.String\"", "KeyFunction");
            assertThat(context.getStartupFailure()).hasMessageContaining("does not implement");
        });
    }

    @Test
    void aKeyFunctionBeanThatIsNotAKeyFunctionFails() {
        this.runner.withBean("notAKeyFunction", String.class, () -> "text")
            .withPropertyValues("app.caches.default.key-function=notAKeyFunction")
            .run((context) -> assertFailure(context, "app.caches.default.key-function", "\"notAKeyFunction\"",
                    "KeyFunction"));
    }

    @Test
    void aKeyFunctionThatIsNeitherABeanNorAClassFails() {
        this.runner.withPropertyValues("app.caches.default.key-function=com.example.Missing")
            .run((context) -> assertFailure(context, "app.caches.default.key-function", "\"com.example.Missing\"",
                    "KeyFunction"));
    }

    @Test
    void maxEntriesThatIsNotANumberFailsNamingWhatIsAccepted() {
        this.runner.withPropertyValues("app.caches.default.options.max-entries=many").run((context) -> assertFailure(
                context, "app.caches.default.options.max-entries", "\"many\"", "a whole number of 1 or more"));
    }

    @Test
    void anEmptyMaxEntriesFailsRatherThanBecomingTheDefault() {
        this.runner.withPropertyValues("app.caches.default.options.max-entries=").run((context) -> assertFailure(
                context, "app.caches.default.options.max-entries", "\"\"", "a whole number of 1 or more"));
    }

    @Test
    void aCullFrequencyThatIsNotANumberFailsNamingWhatIsAccepted() {
        this.runner.withPropertyValues("app.caches.default.options.cull-frequency=x").run((context) -> assertFailure(
                context, "app.caches.default.options.cull-frequency", "\"x\"", "0 (a cull clears the whole store)",
                "1/N"));
    }

    @Test
    void aVersionThatIsNotANumberFailsNamingWhatIsAccepted() {
        this.runner.withPropertyValues("app.caches.default.version=abc").run((context) -> assertFailure(context,
                "app.caches.default.version", "\"abc\"", "a whole number"));
    }

    @Test
    void aStoreByValueThatIsNotABooleanFailsNamingWhatIsAccepted() {
        this.runner.withPropertyValues("app.caches.default.options.store-by-value=maybe").run((context) -> assertFailure(
                context, "app.caches.default.options.store-by-value", "\"maybe\"", "true or false", "yes/no"));
    }

    @Test
    void anAllowNullValuesThatIsNotABooleanFailsNamingWhatIsAccepted() {
        this.runner.withPropertyValues("app.caches.reports.allow-null-values=perhaps",
                "app.caches.default.timeout=60").run((context) -> assertFailure(context,
                "app.caches.reports.allow-null-values", "\"perhaps\"", "true or false"));
    }

    @Test
    void aValueThatDoesNotConvertFailsBeforeAnyOtherBeanIsCreated() {
        AtomicInteger created = new AtomicInteger();
        this.runner.withBean("slowStartUp", Object.class, () -> created.incrementAndGet())
            .withPropertyValues("app.caches.default.options.cull-frequency=x")
            .run((context) -> {
                assertFailure(context, "app.caches.default.options.cull-frequency", "\"x\"", "1/N");
                assertThat(created).as("beans created before the failure").hasValue(0);
            });
    }

    @Test
    void aCheckedMistakeFailsBeforeAnyOtherBeanIsCreated() {
        AtomicInteger created = new AtomicInteger();
        this.runner.withBean("slowStartUp", Object.class, () -> created.incrementAndGet())
            .withPropertyValues("app.caches.default.timeout=soon")
            .run((context) -> {
                assertFailure(context, "app.caches.default.timeout", "\"soon\"", "number of seconds");
                assertThat(created).as("beans created before the failure").hasValue(0);
            });
    }

    @Test
    void aKeyFunctionClassThatIsNotAKeyFunctionFailsBeforeAnyOtherBeanIsCreated() {
        AtomicInteger created = new AtomicInteger();
        this.runner.withBean("slowStartUp", Object.class, () -> created.incrementAndGet())
            .withPropertyValues("app.caches.default.key-function=java.lang.String")
            .run((context) -> {
                assertFailure(context, "app.caches.default.key-function", "\"java.lang.String\"", "KeyFunction");
                assertThat(created).as("beans created before the failure").hasValue(0);
            });
    }

    @Test
    void aliasesWithoutADefaultFail() {
        this.runner.withPropertyValues("app.caches.sessions.timeout=60")
            .run((context) -> assertFailure(context, "app.caches", "\"[sessions]\"", "app.caches.default"));
    }

    @Test
    void anOptionThatNoLocalBackendTakesFailsForDummy() {
        this.runner.withPropertyValues("app.caches.default.backend=dummy", "app.caches.default.options.port=6379")
            .run((context) -> assertFailure(context, "app.caches.default.options.port", "\"6379\"",
                    "for backends locmem and dummy"));
    }

    @Test
    void anOptionThatAThirdPartyBackendRefusesFails() {
        this.runner
            .withPropertyValues("app.caches.default.backend=" + ReachableMapBackendProvider.class.getName(),
                    "app.caches.default.options.port=6379")
            .run((context) -> {
                assertFailure(context, "app.caches.default", "\"{port=6379}\"", "accepts");
                assertThat(context.getStartupFailure()).hasMessageContaining("Unknown option 'port'");
            });
    }

    @Test
    void withoutItsProviderBeanABackendNameIsUnknown() {
        this.runner.withPropertyValues("app.caches.default.backend=reachable-map").run((context) -> assertFailure(
                context, "app.caches.default.backend", "\"reachable-map\"", "locmem"));
    }
}
