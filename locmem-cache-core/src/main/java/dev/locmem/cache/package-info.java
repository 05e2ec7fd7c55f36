/**
 * Django's cache framework for Java: the backend API ({@link dev.locmem.cache.CacheBackend}, Django's
 * {@code BaseCache}), the local-memory backend ({@link dev.locmem.cache.LocMemCache}), the dummy backend, and the
 * configured caches by alias ({@link dev.locmem.cache.Caches}, Django's {@code caches}).
 *
 * <p>The public types are the API; the package-private ones are the concurrent machinery of the local-memory store
 * ({@code LocMemStore}, {@code EntryTable}, {@code Entry}, {@code AccessStamps}, {@code CallCounters},
 * {@code ThreadStripe}, {@code CullPolicy}, {@code CoarseTicker}, {@code KeySpace}), each with its invariants in its
 * Javadoc.
 */
package dev.locmem.cache;
