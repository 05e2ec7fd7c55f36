/**
 * Actuator health of locmem-cache's caches, with no Spring configuration inside: the
 * {@link dev.locmem.cache.actuate.health.LocMemCacheHealthIndicator}, which reports a cache whose server is down
 * without taking the application's health down with it.
 */
package dev.locmem.cache.actuate.health;
