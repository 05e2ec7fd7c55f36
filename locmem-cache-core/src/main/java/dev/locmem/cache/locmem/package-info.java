/**
 * The local-memory store behind {@link dev.locmem.cache.LocMemCache}: what Django keeps in {@code _caches},
 * {@code _expire_info} and {@code _locks}, made concurrent.
 *
 * <p>{@link dev.locmem.cache.locmem.LocMemStore} is the only writer of entries; a cache finds its keys' spaces and
 * hands every change to it. The entries ({@code Entry}), their hash table ({@code EntryTable}) and the access stamps
 * that order them for culling ({@code AccessStamps}) are package-private, each with its invariants in its Javadoc.
 * The public types here are what {@code LocMemCache} needs to drive the store: the store itself, its
 * {@link dev.locmem.cache.locmem.KeySpace key spaces}, the {@link dev.locmem.cache.locmem.CullPolicy cull policy}
 * (max-entries, cull-frequency and the choice of victims), and the per-thread
 * {@link dev.locmem.cache.locmem.CallCounters counters} with their {@link dev.locmem.cache.locmem.ThreadStripe
 * stripes}. They are not meant for applications, which use {@code LocMemCache}.
 */
package dev.locmem.cache.locmem;
