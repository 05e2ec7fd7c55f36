/**
 * Auto-configuration that wires locmem-cache's metrics into Spring Boot's cache metrics, apart from the metrics code
 * itself ({@code dev.locmem.cache.metrics}).
 */
package dev.locmem.cache.autoconfigure.metrics;
