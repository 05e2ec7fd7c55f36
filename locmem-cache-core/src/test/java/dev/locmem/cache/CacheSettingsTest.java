package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One alias's settings: Django's CACHES["alias"], with Django's defaults. */
class CacheSettingsTest {

    @Test
    void defaultsAreDjangos() {
        CacheSettings settings = CacheSettings.builder().build();
        assertThat(settings.backend()).isEqualTo("locmem");
        assertThat(settings.location()).isEmpty();
        assertThat(settings.timeout()).isEqualTo(Timeout.ofSeconds(300));
        assertThat(settings.keyPrefix()).isEmpty();
        assertThat(settings.version()).isEqualTo(1);
        assertThat(settings.keyFunction().makeKey("key", "prefix", 2)).isEqualTo("prefix:2:key");
        assertThat(settings.options()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "MAX_ENTRIES, max-entries", "maxEntries, max-entries", "max-entries, max-entries",
            "CULL_FREQUENCY, cull-frequency", "cullFrequency, cull-frequency", "store.by.value, store-by-value",
            "storeByValue, store-by-value", "db, db" })
    void optionNamesAreStoredInKebabCase(String name, String canonical) {
        assertThat(CacheSettings.canonicalOptionName(name)).isEqualTo(canonical);
        assertThat(CacheSettings.builder().option(name, 1).build().options()).containsOnlyKeys(canonical);
    }

    @Test
    void aLaterSpellingOfAnOptionReplacesAnEarlierOne() {
        CacheSettings settings = CacheSettings.builder().option("MAX_ENTRIES", 10).option("maxEntries", 20).build();
        assertThat(settings.options()).containsExactly(org.assertj.core.api.Assertions.entry("max-entries", 20));
    }

    @Test
    void aNullOptionValueRemovesTheOption() {
        CacheSettings settings = CacheSettings.builder().option("max-entries", 10).option("MAX_ENTRIES", null).build();
        assertThat(settings.options()).isEmpty();
    }

    @Test
    void intOptionReadsWholeNumbersAndNumericText() {
        CacheSettings settings = CacheSettings.builder().option("a", 7).option("b", 8L).option("c", (short) 9)
                .option("d", " 10 ").build();
        assertThat(settings.intOption("a", 0)).isEqualTo(7);
        assertThat(settings.intOption("b", 0)).isEqualTo(8);
        assertThat(settings.intOption("c", 0)).isEqualTo(9);
        assertThat(settings.intOption("d", 0)).isEqualTo(10);
        assertThat(settings.intOption("unset", 300)).isEqualTo(300);
    }

    @Test
    void intOptionRefusesWhatIsNoIntNamingTheOption() {
        CacheSettings settings = CacheSettings.builder().option("text", "lots").option("fraction", 2.5)
                .option("huge", Long.MAX_VALUE).build();
        assertThatIllegalArgumentException().isThrownBy(() -> settings.intOption("text", 0))
                .withMessage("Option 'text' must be a whole number, but was 'lots'")
                .isInstanceOfSatisfying(InvalidCacheSettingException.class,
                        (ex) -> assertThat(ex.getSetting()).isEqualTo("options.text"));
        assertThatIllegalArgumentException().isThrownBy(() -> settings.intOption("fraction", 0))
                .withMessageContaining("'fraction'");
        assertThatIllegalArgumentException().isThrownBy(() -> settings.intOption("huge", 0))
                .withMessageContaining("'huge'");
    }

    @Test
    void booleanOptionReadsBooleansAndTheirTextInAnyCase() {
        CacheSettings settings = CacheSettings.builder().option("a", true).option("b", " FALSE ").option("c", "True")
                .build();
        assertThat(settings.booleanOption("a", false)).isTrue();
        assertThat(settings.booleanOption("b", true)).isFalse();
        assertThat(settings.booleanOption("c", false)).isTrue();
        assertThat(settings.booleanOption("unset", true)).isTrue();
    }

    @Test
    void booleanOptionRefusesOtherTextNamingTheOption() {
        CacheSettings settings = CacheSettings.builder().option("store-by-value", "yes").option("one", 1).build();
        assertThatIllegalArgumentException().isThrownBy(() -> settings.booleanOption("store-by-value", false))
                .withMessage("Option 'store-by-value' must be true or false, but was 'yes'")
                .isInstanceOfSatisfying(InvalidCacheSettingException.class,
                        (ex) -> assertThat(ex.getSetting()).isEqualTo("options.store-by-value"));
        assertThatIllegalArgumentException().isThrownBy(() -> settings.booleanOption("one", false))
                .withMessageContaining("'one'");
    }

    @Test
    void optionsCannotBeChangedAfterBuilding() {
        CacheSettings settings = CacheSettings.builder().option("max-entries", 1).build();
        assertThatThrownBy(() -> settings.options().put("cull-frequency", 2))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void timeoutDefaultKeepsDjangos300SecondsAndNeverIsKept() {
        assertThat(CacheSettings.builder().timeout(Timeout.DEFAULT).build().timeout()).isEqualTo(Timeout.ofSeconds(300));
        assertThat(CacheSettings.builder().timeout(Timeout.NEVER).build().timeout()).isEqualTo(Timeout.NEVER);
    }

    @Test
    void aNullTimeoutIsRefusedPointingToNever() {
        assertThatNullPointerException().isThrownBy(() -> CacheSettings.builder().timeout(null))
                .withMessageContaining("Timeout.NEVER");
    }

    @Test
    void nullsMeanTheDefaults() {
        CacheSettings settings = CacheSettings.builder().location(null).keyPrefix(null).keyFunction(null).build();
        assertThat(settings).isEqualTo(CacheSettings.builder().build());
    }

    @Test
    void aBlankBackendIsRefusedAndABackendIsTrimmed() {
        assertThatIllegalArgumentException().isThrownBy(() -> CacheSettings.builder().backend(" "));
        assertThat(CacheSettings.builder().backend(" dummy ").build().backend()).isEqualTo("dummy");
    }

    @Test
    void toBuilderGivesEqualSettings() {
        KeyFunction keys = (key, prefix, version) -> key;
        CacheSettings settings = CacheSettings.builder().backend("dummy").location("here")
                .timeout(Timeout.ofSeconds(5)).keyPrefix("p").version(3).keyFunction(keys).option("db", 2).build();
        assertThat(settings.toBuilder().build()).isEqualTo(settings).hasSameHashCodeAs(settings);
        assertThat(settings.toBuilder().version(4).build()).isNotEqualTo(settings);
    }

    @Test
    void toStringShowsEverySetting() {
        assertThat(CacheSettings.builder().location("here").option("MAX_ENTRIES", 3).build().toString())
                .contains("backend=locmem").contains("location='here'").contains("max-entries=3")
                .contains("prefix:version:key");
    }
}
