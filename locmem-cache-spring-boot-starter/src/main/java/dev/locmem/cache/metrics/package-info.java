/**
 * Micrometer metrics of locmem-cache's Spring caches, with no Spring configuration inside: the
 * {@link dev.locmem.cache.metrics.CacheBackendCacheMeterBinderProvider} that Spring Boot's cache metrics use, the
 * meters themselves, and the counter of operations that failed open.
 */
package dev.locmem.cache.metrics;
