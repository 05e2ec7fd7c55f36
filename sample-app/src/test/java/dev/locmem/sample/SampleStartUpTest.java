package dev.locmem.sample;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a person starting the sample sees in its log before any request: a typo in a cache setting stops it before the
 * database is created and filled (which takes most of its start-up), and the default profile says nothing about Spring
 * Data repositories, which the sample does not have.
 *
 * <p>Each test starts the application with a cache setting that does not convert, so that start-up stops as soon as
 * the bean definitions are known: the repository scanning the second test is about happens while they are registered,
 * and nothing after that is needed.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleStartUpTest {

    private static final String TYPO = "--app.caches.default.timeout=soon";

    @Test
    void aCacheSettingTypoFailsStartUpNamingThePropertyBeforeTheDatabaseIsCreated(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start(TYPO));

        assertThat(output).contains("app.caches.default.timeout").contains("soon");
        assertThat(output).as("the connection pool of the database, which schema.sql and data.sql fill")
            .doesNotContain("HikariPool");
    }

    @Test
    void theDefaultProfileLogsNothingAboutSpringDataRepositories(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start(TYPO));

        assertThat(output).contains("app.caches.default.timeout")
            .doesNotContain("Multiple Spring Data modules found")
            .doesNotContain("Bootstrapping Spring Data");
    }

    private static void start(String... args) {
        new SpringApplicationBuilder(SampleApplication.class).run(withFreePort(args)).close();
    }

    /** Port 0: should start-up get as far as the web server, it must not need port 8080 to be free. */
    private static String[] withFreePort(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--server.port=0";
        return all;
    }
}
