package dev.locmem.cache.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;

/** How many times the test handlers ran, by path and query: a count that does not grow is a hit. */
class Invocations {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    int record(HttpServletRequest request) {
        return this.counts.computeIfAbsent(key(request.getRequestURI(), request.getQueryString()),
                (key) -> new AtomicInteger()).incrementAndGet();
    }

    int of(String pathAndQuery) {
        AtomicInteger count = this.counts.get(pathAndQuery);
        return (count != null) ? count.get() : 0;
    }

    private static String key(String path, String query) {
        return (query != null) ? path + "?" + query : path;
    }
}
