package dev.locmem.cache.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.locmem.cache.Caches;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages on an alias with {@code backend: redis} are shared: two instances of one application, each its own Spring
 * context and web server, against one real {@code redis-server} that the test starts on a free loopback port and
 * stops by pid. Each instance counts its own handler runs, so a page one instance serves without running its handler
 * was rendered by the other. The middleware's key prefix keeps sites that share the server apart, as Django's
 * {@code CACHE_MIDDLEWARE_KEY_PREFIX} does.
 */
class SharedPagesOnRedisApplicationTests {

    private static RedisServerProcess server;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(PageTestController.class)
    static class SiteApplication {

        @Bean
        Invocations invocations() {
            return new Invocations();
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = RedisServerProcess.startOnFreePort();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void stopInstances() {
        this.instances.forEach(ConfigurableApplicationContext::close);
    }

    /** Starts an instance of the site on a port of its own, its pages in the shared server under a key prefix. */
    private ConfigurableApplicationContext instance(String keyPrefix) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SiteApplication.class)
            .properties("server.port=0", "spring.main.banner-mode=off", "app.caches.default.backend=redis",
                    "app.caches.default.location=redis://" + RedisServerProcess.HOST + ":" + server.port() + "/0",
                    "app.caches.default.timeout=300", "app.caches.pages.location=pages",
                    "app.cache-middleware.enabled=true",
                    "app.cache-middleware.key-prefix=" + keyPrefix)
            .run();
        this.instances.add(context);
        return context;
    }

    private static Http http(ConfigurableApplicationContext instance) {
        return new Http("localhost", ((WebServerApplicationContext) instance).getWebServer().getPort());
    }

    private static int runs(ConfigurableApplicationContext instance, String pathAndQuery) {
        return instance.getBean(Invocations.class).of(pathAndQuery);
    }

    @Test
    void aPageRenderedByOneInstanceIsServedByAnotherWithoutRunningItsHandler() throws Exception {
        ConfigurableApplicationContext first = instance("site1");
        ConfigurableApplicationContext second = instance("site1");
        String uri = "/pages/plain?case=shared";
        assertThat(http(first).get(uri).body()).isEqualTo("page 1");
        // The host and port are part of the key, as in Django: behind one load balancer, instances see one host.
        String firstHost = "localhost:" + ((WebServerApplicationContext) first).getWebServer().getPort();
        assertThat(http(second).getWithHostHeader(uri, firstHost)).endsWith("page 1");
        assertThat(runs(first, uri)).isEqualTo(1);
        assertThat(runs(second, uri)).isZero();
    }

    @Test
    void instancesWithDifferentKeyPrefixesKeepTheirPagesApart() throws Exception {
        ConfigurableApplicationContext site1 = instance("site1");
        ConfigurableApplicationContext site2 = instance("site2");
        String uri = "/pages/plain?case=prefixes";
        String host = "localhost:" + ((WebServerApplicationContext) site1).getWebServer().getPort();
        http(site1).get(uri);
        assertThat(http(site2).getWithHostHeader(uri, host)).endsWith("page 1");
        assertThat(runs(site2, uri)).isEqualTo(1);
    }

    @Test
    void clearingTheAliasInOneInstanceDropsThePageForAll() throws Exception {
        ConfigurableApplicationContext first = instance("site1");
        ConfigurableApplicationContext second = instance("site1");
        String uri = "/pages/plain?case=cleared";
        String host = "localhost:" + ((WebServerApplicationContext) first).getWebServer().getPort();
        http(first).get(uri);
        second.getBean(Caches.class).get("default").clear();
        http(first).get(uri);
        assertThat(runs(first, uri)).isEqualTo(2);
        assertThat(http(second).getWithHostHeader(uri, host)).endsWith("page 2");
        assertThat(runs(second, uri)).isZero();
    }
}
