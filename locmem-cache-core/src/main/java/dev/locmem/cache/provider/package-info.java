/**
 * The {@link dev.locmem.cache.CacheBackendProvider}s of the backends that core ships: {@code locmem} and
 * {@code dummy}, found through {@link java.util.ServiceLoader}.
 */
package dev.locmem.cache.provider;
