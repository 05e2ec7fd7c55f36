/**
 * Django's cache framework for Java: the backend API ({@link dev.locmem.cache.CacheBackend}, Django's
 * {@code BaseCache}), the local-memory backend ({@link dev.locmem.cache.LocMemCache}), the dummy backend, and the
 * configured caches by alias ({@link dev.locmem.cache.Caches}, Django's {@code caches}).
 *
 * <p>Everything public here is the API that applications and other backends build on. The local-memory backend's
 * store, its entries and its cull live apart, in {@link dev.locmem.cache.locmem}, as Django keeps
 * {@code backends/locmem.py} apart from {@code backends/base.py}.
 */
package dev.locmem.cache;
