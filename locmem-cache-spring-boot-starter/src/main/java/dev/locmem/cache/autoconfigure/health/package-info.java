/**
 * Auto-configuration of the health indicator of locmem-cache's caches.
 */
package dev.locmem.cache.autoconfigure.health;
