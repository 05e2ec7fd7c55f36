package dev.locmem.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's README as a user copies from it: each dependency on one of this project's modules builds as
 * written, which needs a version, since Spring Boot's dependency management knows nothing of {@code dev.locmem}.
 */
class ReadmeTest {

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    @Test
    void everyDependencyOnAModuleOfThisProjectNamesTheProjectsVersion() throws IOException {
        String version = System.getProperty("locmem.version");
        assertThat(version).as("locmem.version, which the sample's pom passes to its tests").isNotBlank();

        List<String> ours = dependenciesOfGroup(Files.readString(Path.of("..", "README.md")), "dev.locmem");

        assertThat(ours).as("the README's dependencies on dev.locmem modules").isNotEmpty()
            .allSatisfy((dependency) -> assertThat(dependency).contains("<version>" + version + "</version>"));
    }

    private static List<String> dependenciesOfGroup(String text, String groupId) {
        List<String> found = new ArrayList<>();
        Matcher matcher = DEPENDENCY.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).contains("<groupId>" + groupId + "</groupId>")) {
                found.add(matcher.group(1));
            }
        }
        return found;
    }
}
