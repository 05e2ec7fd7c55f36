package dev.locmem.cache.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/** A service with cached methods, counting how often their bodies really run. */
public class BookService {

    private final AtomicInteger titleLookups = new AtomicInteger();

    private final AtomicInteger authorLookups = new AtomicInteger();

    private final AtomicInteger priceLookups = new AtomicInteger();

    /** Cached in {@code books}, a name with no alias: created on first use, after start-up. */
    @Cacheable("books")
    public String title(String isbn) {
        this.titleLookups.incrementAndGet();
        return "Title of " + isbn;
    }

    /** Cached in {@code authors}, an alias, which exists from start-up. */
    @Cacheable(cacheNames = "authors", sync = true)
    public String author(long id) {
        this.authorLookups.incrementAndGet();
        return "Author " + id;
    }

    /** Cached asynchronously, as reactive and CompletableFuture-returning methods are. */
    @Cacheable("prices")
    public CompletableFuture<Long> price(String isbn) {
        this.priceLookups.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> (long) isbn.length());
    }

    /** Returns nothing for unknown books: null is cached too. */
    @Cacheable("books")
    public String nothing(String isbn, int edition) {
        this.titleLookups.incrementAndGet();
        return null;
    }

    /** How often {@link #title} and {@link #nothing} ran; a method, since callers hold the caching proxy. */
    public int titleLookups() {
        return this.titleLookups.get();
    }

    /** How often {@link #author} ran. */
    public int authorLookups() {
        return this.authorLookups.get();
    }

    /** How often {@link #price} ran. */
    public int priceLookups() {
        return this.priceLookups.get();
    }

    /** Forgets a title. */
    @CacheEvict("books")
    public void forget(String isbn) {
    }
}
