package dev.locmem.cache.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.locmem.cache.testsupport.ReachableMapBackend;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@link CacheBackendCache} whose backend cannot be reached serves as if it had no cache, and says so once. */
@ExtendWith(OutputCaptureExtension.class)
class FailOpenCacheTests {

    private final ReachableMapBackend backend = new ReachableMapBackend();

    private final List<String> failedOperations = new ArrayList<>();

    private CacheBackendCache cache;

    @BeforeEach
    void createCache() {
        this.cache = new CacheBackendCache("books", this.backend, true,
                (cache, operation, exception) -> this.failedOperations.add(cache.getName() + ":" + operation));
    }

    @Test
    void readsAreMissesWhileTheBackendIsDown() {
        this.cache.put("key", "value");
        this.backend.setReachable(false);
        assertThat(this.cache.get("key")).isNull();
        assertThat(this.cache.get("key", String.class)).isNull();
        assertThat(this.cache.retrieve("key")).isNull();
    }

    @Test
    void getWithLoaderCallsTheLoaderWhileTheBackendIsDown() {
        this.backend.setReachable(false);
        assertThat(this.cache.get("key", () -> "loaded")).isEqualTo("loaded");
    }

    @Test
    void retrieveWithLoaderCompletesWithTheLoadedValueWhileTheBackendIsDown() {
        this.backend.setReachable(false);
        assertThat(this.cache.retrieve("key", () -> CompletableFuture.completedFuture("loaded")).join())
            .isEqualTo("loaded");
    }

    @Test
    void writesAndEvictionsAreSkippedWhileTheBackendIsDown() {
        this.backend.setReachable(false);
        this.cache.put("key", "value");
        assertThat(this.cache.putIfAbsent("key", "value")).isNull();
        this.cache.evict("key");
        assertThat(this.cache.evictIfPresent("key")).isFalse();
        this.cache.clear();
        assertThat(this.cache.invalidate()).isFalse();
        this.backend.setReachable(true);
        assertThat(this.backend.entries()).isEmpty();
    }

    @Test
    void everyFailedOperationIsReportedToTheListener() {
        this.backend.setReachable(false);
        this.cache.get("key");
        this.cache.put("key", "value");
        this.cache.evict("key");
        assertThat(this.failedOperations).containsExactly("books:get", "books:put", "books:evict");
    }

    @Test
    void anOutageIsLoggedAtWarnOnce(CapturedOutput output) {
        this.backend.setReachable(false);
        this.cache.get("a");
        this.cache.get("b");
        this.cache.put("c", "1");
        assertThat(this.cache.isAvailable()).isFalse();
        assertThat(countOf(output.toString(), "Cache 'books' is unavailable")).isEqualTo(1);
        assertThat(output).contains("WARN");
    }

    @Test
    void theNextOutageIsLoggedAgainAfterTheBackendAnswered(CapturedOutput output) {
        this.backend.setReachable(false);
        this.cache.get("a");
        this.backend.setReachable(true);
        this.cache.get("a");
        assertThat(this.cache.isAvailable()).isTrue();
        this.backend.setReachable(false);
        this.cache.get("a");
        assertThat(countOf(output.toString(), "Cache 'books' is unavailable")).isEqualTo(2);
    }

    @Test
    void theCacheWorksAgainWhenTheBackendIsBack() {
        this.backend.setReachable(false);
        this.cache.put("key", "lost");
        this.backend.setReachable(true);
        this.cache.put("key", "kept");
        assertThat(this.cache.get("key", String.class)).isEqualTo("kept");
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
