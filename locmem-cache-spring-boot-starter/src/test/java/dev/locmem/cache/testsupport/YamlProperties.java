package dev.locmem.cache.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/** Puts YAML into a context's environment as {@code application.yml} would, for tests of spellings and nulls. */
public final class YamlProperties {

    private YamlProperties() {
    }

    public static ApplicationContextInitializer<ConfigurableApplicationContext> of(String yaml) {
        return (context) -> {
            try {
                List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("test.yml",
                        new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
                sources.forEach(context.getEnvironment().getPropertySources()::addFirst);
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        };
    }
}
