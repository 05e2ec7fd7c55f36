/**
 * Actuator endpoints for locmem-cache's caches, with no Spring configuration inside: the
 * {@link dev.locmem.cache.actuate.endpoint.LocMemCachesEndpoint}, Spring Boot's {@code caches} endpoint with clear
 * operations that report a clear that did not happen.
 */
package dev.locmem.cache.actuate.endpoint;
