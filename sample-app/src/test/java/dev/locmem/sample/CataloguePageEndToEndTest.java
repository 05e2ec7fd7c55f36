package dev.locmem.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's catalogue page over real HTTP: cached whole by {@code @CachePage}, one copy per language by
 * {@code @VaryOnHeaders("Accept-Language")}. Each test reads a genre of its own, so that no test finds another's page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        // A database of its own: another test class's context, kept alive beside this one, holds the default one.
        properties = "spring.datasource.url=jdbc:h2:mem:bookshop-catalogue;OPTIMIZE_REUSE_RESULTS=FALSE")
class CataloguePageEndToEndTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private CatalogueController catalogue;

    @Test
    void aSecondRequestForAPageIsAnsweredWithoutRenderingIt() throws Exception {
        long before = this.catalogue.renders();
        HttpResponse<String> first = get("/catalogue/fantasy", "en");
        HttpResponse<String> second = get("/catalogue/fantasy", "en");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("<h1>Books: fantasy</h1>").contains("<li>");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Age")).isPresent();
        assertThat(this.catalogue.renders() - before).isEqualTo(1);
    }

    @Test
    void eachLanguageGetsACopyOfItsOwn() throws Exception {
        long before = this.catalogue.renders();
        HttpResponse<String> french = get("/catalogue/mystery", "fr");
        HttpResponse<String> german = get("/catalogue/mystery", "de");
        HttpResponse<String> frenchAgain = get("/catalogue/mystery", "fr");
        assertThat(french.body()).contains("<h1>Livres: mystery</h1>");
        assertThat(german.body()).contains("<h1>Bücher: mystery</h1>");
        assertThat(frenchAgain.body()).isEqualTo(french.body());
        assertThat(this.catalogue.renders() - before).isEqualTo(2);
    }

    @Test
    void aPageCarriesDjangosCacheHeaders() throws Exception {
        HttpResponse<String> page = get("/catalogue/poetry", "en");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("max-age=60");
        assertThat(page.headers().firstValue("Expires")).isPresent();
        assertThat(page.headers().allValues("Vary")).anySatisfy((vary) -> assertThat(vary).contains("Accept-Language"));
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("text/html"));
    }

    private HttpResponse<String> get(String path, String language) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
                .header("Accept-Language", language).timeout(Duration.ofSeconds(10)).GET().build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
