package dev.locmem.cache.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CachedPage}: what is kept of a response, and that it survives serialization (as the redis backend needs). */
class CachedPageTests {

    private static CachedPage page() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Page", List.of("a", "b"));
        headers.put("Set-Cookie", List.of("s=1"));
        headers.put("Content-Length", List.of("4"));
        headers.put("Content-Type", List.of("text/plain"));
        return CachedPage.of(200, headers, "text/plain", "body".getBytes(), 1000L);
    }

    @Test
    void headersThatBelongToOneTransferAreNotKept() {
        assertThat(page().headers()).extracting(CachedPage.Header::name).containsExactly("X-Page", "X-Page");
    }

    @Test
    void aPageSurvivesJavaSerializationUnchanged() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(page());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(page());
        }
    }

    @Test
    void theBodyIsCopiedInAndOut() {
        byte[] body = "body".getBytes();
        CachedPage page = new CachedPage(200, List.of(), null, body, 0L);
        body[0] = 'X';
        page.body()[1] = 'X';
        assertThat(page.body()).isEqualTo("body".getBytes());
    }
}
