/**
 * The Spring cache abstraction over core's backends, usable without Spring Boot: {@link
 * dev.locmem.cache.spring.CacheBackendCache} (a Spring {@code Cache} over one {@code CacheBackend}), {@link
 * dev.locmem.cache.spring.LocMemCacheManager} (a {@code CacheManager} over the aliases of a {@code Caches}); keys of
 * any type go to the backend as they are, held by {@code equals()}.
 */
package dev.locmem.cache.spring;
