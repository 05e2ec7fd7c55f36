/**
 * Auto-configuration of the actuator endpoints of locmem-cache's caches.
 */
package dev.locmem.cache.autoconfigure.endpoint;
