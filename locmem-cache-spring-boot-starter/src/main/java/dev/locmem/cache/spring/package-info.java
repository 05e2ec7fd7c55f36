/**
 * The Spring cache abstraction over core's backends, usable without Spring Boot: {@link
 * dev.locmem.cache.spring.CacheBackendCache} (a Spring {@code Cache} over one {@code CacheBackend}), {@link
 * dev.locmem.cache.spring.LocMemCacheManager} (a {@code CacheManager} over the aliases of a {@code Caches}) and
 * {@link dev.locmem.cache.spring.CacheKeyEncoder} (how keys of any type become backend keys).
 */
package dev.locmem.cache.spring;
