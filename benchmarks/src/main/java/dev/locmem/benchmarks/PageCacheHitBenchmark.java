package dev.locmem.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.Caches;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.web.PageCache;
import dev.locmem.cache.web.PageCacheFilter;
import dev.locmem.cache.web.PageCacheInterceptor;
import dev.locmem.cache.web.PagePolicies;
import dev.locmem.cache.web.PagePolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The page cache's own cost on a hit, in one JVM without a server: a GET through {@link PageCacheFilter} and
 * {@link PageCacheInterceptor} (the site-wide policy on a locmem alias) that finds the page and writes it, against the
 * least any page cache must do, a {@code ConcurrentHashMap} lookup of the body by URI written to the same kind of
 * response. Both build a Spring mock request and response per call, which costs the same in each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class PageCacheHitBenchmark {

    private static final String URI = "/catalogue/fantasy";

    private static final byte[] BODY = ("<!DOCTYPE html>\n<html><body><h1>Books: fantasy</h1><ul>"
            + "<li>A book, An author: 12.00</li>".repeat(20) + "</ul></body></html>\n").getBytes(StandardCharsets.UTF_8);

    private static final Object HANDLER = new Object();

    private Caches caches;

    private PageCacheFilter filter;

    private PageCacheInterceptor interceptor;

    private final ConcurrentHashMap<String, byte[]> bodies = new ConcurrentHashMap<>();

    private FilterChain handlerChain;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        this.caches = Caches.of(Map.of("default", CacheSettings.builder().location("pages").build()),
                LocMemStores.create());
        PageCache pageCache = new PageCache(this.caches, Clock.systemUTC());
        this.interceptor = new PageCacheInterceptor(new PagePolicies(PagePolicy.cache("default", "", 600, List.of(),
                "benchmark")), pageCache);
        this.filter = new PageCacheFilter(pageCache);
        this.handlerChain = (request, response) -> {
            HttpServletResponse http = (HttpServletResponse) response;
            if (preHandle((HttpServletRequest) request, http)) {
                http.setContentType("text/html;charset=UTF-8");
                http.getOutputStream().write(BODY);
            }
        };
        this.bodies.put(URI, BODY);
        // The first request renders and stores the page; every measured one is a hit.
        MockHttpServletResponse first = pageCacheGet();
        MockHttpServletResponse second = pageCacheGet();
        if (first.getStatus() != 200 || second.getHeader("Age") == null) {
            throw new IllegalStateException("The page was not served from the page cache: " + second.getHeaderNames());
        }
    }

    /** The interceptor as Spring MVC calls it, its checked exception as a filter may throw one. */
    private boolean preHandle(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        try {
            return this.interceptor.preHandle(request, response, HANDLER);
        }
        catch (IOException | ServletException | RuntimeException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new ServletException(ex);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.caches.close();
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", URI);
        request.setServerName("localhost");
        request.setServerPort(8080);
        return request;
    }

    private MockHttpServletResponse pageCacheGet() throws ServletException, IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        this.filter.doFilter(request(), response, this.handlerChain);
        return response;
    }

    /** A GET answered by the page cache: filter, interceptor, lookup in the alias, the stored page written. */
    @Benchmark
    public MockHttpServletResponse pageCacheHit() throws ServletException, IOException {
        return pageCacheGet();
    }

    /** The reference: the body looked up by URI in a ConcurrentHashMap and written to the response. */
    @Benchmark
    public MockHttpServletResponse concurrentHashMapHit() throws IOException {
        MockHttpServletRequest request = request();
        MockHttpServletResponse response = new MockHttpServletResponse();
        byte[] body = this.bodies.get(request.getRequestURI());
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(body);
        return response;
    }
}
