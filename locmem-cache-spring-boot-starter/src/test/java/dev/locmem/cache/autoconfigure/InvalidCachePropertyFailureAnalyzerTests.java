package dev.locmem.cache.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** How bad cache configuration reads on the console when an application fails to start. */
@ExtendWith(OutputCaptureExtension.class)
class InvalidCachePropertyFailureAnalyzerTests {

    @SpringBootConfiguration
    @ImportAutoConfiguration(LocMemCacheAutoConfiguration.class)
    static class Application {

    }

    @Test
    void anApplicationWithBadCacheConfigurationExplainsItOnStartUp(CapturedOutput output) {
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(() -> application.run("--app.caches.default.timeout=soon").close());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Property: app.caches.default.timeout")
            .contains("Value: \"soon\"")
            .contains("Accepted: a number of seconds");
    }

    @Test
    void theAnalysisNamesThePropertyTheValueAndWhatIsAccepted() {
        InvalidCachePropertyException cause = new InvalidCachePropertyException("app.caches.default.backend",
                "memcached", "'memcached' is not a known backend", "dummy, locmem");
        FailureAnalysis analysis = new InvalidCachePropertyFailureAnalyzer()
            .analyze(new IllegalStateException("wrapped", cause));
        assertThat(analysis.getDescription()).contains("Property: app.caches.default.backend")
            .contains("Value: \"memcached\"")
            .contains("Reason: 'memcached' is not a known backend")
            .contains("Accepted: dummy, locmem");
        assertThat(analysis.getAction())
            .isEqualTo("Change app.caches.default.backend to an accepted value: dummy, locmem");
    }
}
