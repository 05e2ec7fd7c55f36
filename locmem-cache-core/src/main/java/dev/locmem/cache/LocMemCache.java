package dev.locmem.cache;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.locmem.cache.locmem.CallCounters;
import dev.locmem.cache.locmem.CullPolicy;
import dev.locmem.cache.locmem.KeySpace;
import dev.locmem.cache.locmem.LocMemStore;
import dev.locmem.cache.locmem.MadeKey;
import dev.locmem.cache.locmem.ThreadStripe;

/**
 * A per-process, thread-safe, in-memory cache: Django's {@code LocMemCache}.
 *
 * <p>Caches built with the same location (and the same {@link LocMemStores}, process-wide by default) share one
 * store, as in Django. A store holds at most {@code max-entries} entries: storing a new key into a full store first
 * culls {@code 1/cull-frequency} of it, expired entries first and then the least recently used, or all of it when
 * cull-frequency is 0. {@code get}, {@code set} and {@code incr} count as uses; {@code add} of a live key,
 * {@code touch} and {@code hasKey} do not, as in Django.
 *
 * <p><b>Concurrency.</b> Reads take no lock. Changes to an existing key lock only that key's entry; {@code incr} is
 * atomic. Inserts, deletes and culls take the store's lock, so the bound on entries is exact under any concurrency,
 * not approximate. Used from one thread, culling follows Django's least-recently-used order exactly; used from
 * several, the order between threads is exact only to about a millisecond, and reads move an entry that several
 * threads read at most once every ~16 ms, until it is written (see {@code dev.locmem.cache.locmem.AccessStamps}).
 * {@link #getOrSet} runs its loader once per key at a time.
 *
 * <p><b>Expiry.</b> Time comes from a {@link Ticker} (by default a clock refreshed every millisecond, so expiry is
 * accurate to about a millisecond). Expired entries are removed when read, when a cull needs room (before any live
 * entry is culled), when {@code touch}, {@code add} or {@code incr} find them, and by {@link #clear()}; until then they
 * hold memory, never more than {@code max-entries} entries' worth. Django leaves an expired key in place on
 * {@code touch}; removing it changes nothing a caller can read.
 *
 * <p><b>Keys</b> of any type are held by {@code equals()}, as in a {@code HashMap}: two keys share an entry exactly
 * when they are equal (and made at the same prefix and version), so {@code 1L}, {@code 1} and {@code "1"} are three
 * entries. With Django's default key function, a store keeps the entries of each {@code prefix:version:} apart and
 * finds a key by the caller's own key, so no made key is built on reads or writes. With a custom key function an
 * entry is found by the made key together with the caller's key: a key function that makes one string of two keys
 * that are not equal (folding case, hashing long keys) does not make them share an entry, as it would in Django.
 * Caches of one location share an entry when they make the same key the same way: the same prefix and version with
 * the default key function, or the same made key of an equal key with custom ones. (Django would also share between a
 * default and a custom key function, or between prefixes such as {@code a} and {@code a:1} whose made keys happen to
 * coincide; those stay apart here.) String keys that memcached would refuse draw a rate-limited warning when they are
 * stored.
 */
public final class LocMemCache extends BaseCacheBackend {

    /** Django's default {@code MAX_ENTRIES}. */
    public static final int DEFAULT_MAX_ENTRIES = 300;

    /** Django's default {@code CULL_FREQUENCY}. */
    public static final int DEFAULT_CULL_FREQUENCY = 3;

    /** The option that stores serialized copies of values; see {@link Builder#storeByValue(boolean)}. */
    public static final String STORE_BY_VALUE = "store-by-value";

    /**
     * The options that {@link #fromSettings} understands, with their defaults and rules: the one declaration of them,
     * which the {@code locmem} provider declares (and {@code dummy}, which accepts and ignores them).
     */
    public static final List<CacheBackendOption> OPTION_DECLARATIONS = List.of(
            new CacheBackendOption(CacheSettings.MAX_ENTRIES, Integer.class, DEFAULT_MAX_ENTRIES,
                    "Most entries the store holds: storing a new key into a full store first culls it. At least 1. "
                            + "Cache names without an alias get a store of their own with this bound.",
                    "a whole number of 1 or more (default " + DEFAULT_MAX_ENTRIES + ")",
                    (value) -> CullPolicy.checkMaxEntries((Integer) value)),
            new CacheBackendOption(CacheSettings.CULL_FREQUENCY, Integer.class, DEFAULT_CULL_FREQUENCY,
                    "Share of the store a cull removes: 1/cull-frequency of the entries, expired and least recently "
                            + "used first; 0 clears the whole store.",
                    "0 (a cull clears the whole store) or a whole number N of 1 or more (a cull removes 1/N of the "
                            + "entries; default " + DEFAULT_CULL_FREQUENCY + ")",
                    (value) -> CullPolicy.checkCullFrequency((Integer) value)),
            new CacheBackendOption(STORE_BY_VALUE, Boolean.class, false,
                    "Whether values are stored as serialized copies, as Django's pickling does, so that changing an "
                            + "object after caching it does not change the cached value."));

    /** The names of {@link #OPTION_DECLARATIONS}, in kebab-case. */
    public static final Set<String> OPTIONS = OPTION_DECLARATIONS.stream().map(CacheBackendOption::name)
            .collect(Collectors.toUnmodifiableSet());

    private final LocMemStore store;

    private final Ticker ticker;

    /** This cache's max-entries and cull-frequency, handed to the store with each write that may insert. */
    private final CullPolicy cullPolicy;

    private final boolean storeByValue;

    /** Whether keys are made by Django's default function, so that a space holds them by the caller's key. */
    private final boolean defaultKeys;

    /**
     * The space of this cache's own version, pinned in the store: {@code "prefix:version:"} for Django's key function,
     * or the custom key functions' space {@code ""}.
     */
    private final KeySpace space;

    private final CallCounters counters = new CallCounters();

    private final AtomicBoolean closed = new AtomicBoolean();

    private LocMemCache(Builder builder) {
        super(builder);
        this.ticker = builder.ticker;
        this.store = builder.stores.storeFor(builder.location, builder.ticker);
        this.cullPolicy = new CullPolicy(builder.maxEntries, builder.cullFrequency);
        this.storeByValue = builder.storeByValue;
        this.defaultKeys = keyFunction() == DefaultKeyFunction.INSTANCE;
        this.space = this.store.pinnedSpace(this.defaultKeys ? DefaultKeyFunction.head(keyPrefix(), version()) : "");
        if (this.ticker == CoarseTicker.INSTANCE) {
            CoarseTicker.INSTANCE.acquire();
        }
    }

    /**
     * Starts a cache with Django's defaults: location {@code ""}, timeout 300 s, max-entries 300, cull-frequency 3.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a cache from an alias's settings; options {@code max-entries}, {@code cull-frequency} and
     * {@code store-by-value}.
     * @param settings the alias's settings
     * @param stores where the store of the settings' location is looked up
     * @return a new cache
     * @throws IllegalArgumentException for an unknown option or a bad value, naming it
     */
    public static LocMemCache fromSettings(CacheSettings settings, LocMemStores stores) {
        CacheBackendProvider.validateOptions("locmem", "backend locmem", OPTION_DECLARATIONS, settings);
        return builder().aliasSettings(settings).stores(stores).location(settings.location())
                .storeByValue(settings.booleanOption(STORE_BY_VALUE, false))
                .maxEntries(settings.intOption(CacheSettings.MAX_ENTRIES, DEFAULT_MAX_ENTRIES))
                .cullFrequency(settings.intOption(CacheSettings.CULL_FREQUENCY, DEFAULT_CULL_FREQUENCY))
                .build();
    }

    /**
     * The name of this cache's store.
     * @return the location
     */
    public String location() {
        return this.store.location();
    }

    /**
     * The most entries the store keeps when this cache stores a new key.
     * @return max-entries
     */
    public int maxEntries() {
        return this.cullPolicy.maxEntries();
    }

    /**
     * What share of the store a cull removes: 1/cull-frequency, or everything for 0.
     * @return cull-frequency
     */
    public int cullFrequency() {
        return this.cullPolicy.cullFrequency();
    }

    /**
     * Whether values are stored as serialized copies.
     * @return {@code true} when storing by value
     */
    public boolean isStoreByValue() {
        return this.storeByValue;
    }

    /**
     * A snapshot of the statistics: this cache's hits, misses and puts, and its store's evictions, expirations and
     * size. Counted without locks; see {@link CacheStats}.
     * @return the statistics now
     */
    @Override
    public CacheStats stats() {
        return new CacheStats(this.counters.hits(), this.counters.misses(), this.counters.puts(),
                this.store.evictions(), this.store.expirations(), this.store.size());
    }

    /**
     * The number of entries in the store, expired ones not yet removed included.
     * @return the store's size
     */
    public int size() {
        return this.store.size();
    }

    private boolean isOwn(Integer version) {
        return !this.defaultKeys || version == null || version == version();
    }

    /** The space of a version's keys, or {@code null} when none was ever stored: reads create no spaces. */
    private KeySpace spaceToRead(Integer version) {
        return isOwn(version) ? this.space : this.store.existingSpace(DefaultKeyFunction.head(keyPrefix(), version));
    }

    /** The head of the space of a version's keys. */
    private String head(Integer version) {
        return isOwn(version) ? this.space.head() : DefaultKeyFunction.head(keyPrefix(), version);
    }

    private KeySpace spaceToWrite(Integer version) {
        return isOwn(version) ? this.space : this.store.space(DefaultKeyFunction.head(keyPrefix(), version));
    }

    /**
     * The key within its space: the caller's key with Django's key function, else the made key together with the
     * caller's key (see {@link MadeKey}).
     */
    private Object keyInSpace(Object key, Integer version) {
        if (this.defaultKeys) {
            return key;
        }
        // A key without a text form can still be held here, by equals(): the key function gets its String.valueOf.
        String text = KeyEncoding.encodeOrNull(key);
        return new MadeKey(makeKeyOfText((text != null) ? text : String.valueOf(key), version), key);
    }

    /**
     * Warns, as Django's {@code validate_key}, about a made key that memcached would refuse; only when storing, and
     * only for the keys Django has, strings.
     */
    private void validate(KeySpace space, Object keyInSpace) {
        if (keyInSpace instanceof MadeKey made) {
            if (made.key() instanceof String) {
                validateKey("", made.made());
            }
        }
        else if (keyInSpace instanceof String key) {
            validateKey(space.head(), key);
        }
    }

    /** What identifies a key of a space in the store's running loads. */
    private record LoadKey(String head, Object keyInSpace) {
    }

    @Override
    public Object get(Object key, Object defaultValue, Integer version) {
        Objects.requireNonNull(key, "key");
        int stripe = ThreadStripe.current();
        Object stored = this.store.read(spaceToRead(version), keyInSpace(key, version), stripe);
        boolean hit = stored != LocMemStore.ABSENT;
        // One count for both outcomes: the JIT inlines the counter's code once, not once per branch.
        this.counters.read(stripe, hit);
        if (!hit) {
            return defaultValue;
        }
        // The check here and the copy in a call: C2 may compile this method while a new cache still misses every
        // read, and then keeps each call that only hits make out of line (its site not reached yet) for as long as
        // the compiled code lives; a check this small is inlined even so.
        return ValueCopier.isSerialized(stored) ? ValueCopier.fromStored(stored) : stored;
    }

    /** A read of the stored form, or {@link #MISSING}, that counts neither as a use nor in the statistics. */
    private Object peekStored(Object key, Integer version) {
        Object stored = this.store.peek(spaceToRead(version), keyInSpace(key, version));
        return (stored != LocMemStore.ABSENT) ? stored : MISSING;
    }

    @Override
    public void set(Object key, Object value, Timeout timeout, Integer version) {
        setStored(key, toStored(key, value), timeout, version);
    }

    private void setStored(Object key, Object stored, Timeout timeout, Integer version) {
        Objects.requireNonNull(key, "key");
        long now = this.ticker.read();
        long deadline = resolve(timeout).deadlineFrom(now);
        Object keyInSpace = keyInSpace(key, version);
        KeySpace existing = spaceToRead(version);
        if (existing == null || !this.store.overwrite(existing, keyInSpace, stored, deadline, now, this.cullPolicy)) {
            KeySpace space = spaceToWrite(version);
            validate(space, keyInSpace);
            this.store.insert(space, keyInSpace, stored, deadline, now, this.cullPolicy);
        }
        this.counters.put();
    }

    @Override
    public boolean add(Object key, Object value, Timeout timeout, Integer version) {
        return addStored(key, value, timeout, version) != MISSING;
    }

    /** Django's {@code add}; returns the form it stored, or {@link #MISSING} when the key holds a live value. */
    private Object addStored(Object key, Object value, Timeout timeout, Integer version) {
        Objects.requireNonNull(key, "key");
        Object keyInSpace = keyInSpace(key, version);
        // Checked before the copy is made, so that an add that cannot store serializes nothing.
        if (this.store.peek(spaceToRead(version), keyInSpace) != LocMemStore.ABSENT) {
            return MISSING;
        }
        long now = this.ticker.read();
        Object stored = toStored(key, value);
        KeySpace space = spaceToWrite(version);
        validate(space, keyInSpace);
        boolean added = this.store.add(space, keyInSpace, stored, resolve(timeout).deadlineFrom(now), now,
                this.cullPolicy);
        if (!added) {
            return MISSING;
        }
        this.counters.put();
        return stored;
    }

    /**
     * {@inheritDoc}
     * <p>The loader runs at most once per key at a time in this process, across every cache of the same store: other
     * callers for that key wait and receive the same result, or the loader's exception. A loader that calls
     * {@code getOrSet} for its own key fails with {@link IllegalStateException} instead of waiting for itself.
     */
    @Override
    public Object getOrSet(Object key, Supplier<?> loader, Timeout timeout, Integer version) {
        Objects.requireNonNull(loader, "loader");
        Object value = get(key, MISSING, version);
        if (value != MISSING) {
            return value;
        }
        // What the waiters are given: the stored form, so that store-by-value serializes a loaded value once (in add)
        // and each caller deserializes its own copy.
        Object[] shared = new Object[1];
        return this.store.loads().run(new LoadKey(head(version), keyInSpace(key, version)), key, () -> {
            // Another caller may have stored the key between our miss and our start of the load.
            Object stored = peekStored(key, version);
            if (stored == MISSING) {
                Object loaded = loader.get();
                Object added = addStored(key, loaded, timeout, version);
                // As in Django: read again, so that a value another caller stored first wins.
                stored = peekStored(key, version);
                if (stored == MISSING) {
                    // Nothing to read back (a zero timeout, or removed meanwhile): the loaded value itself.
                    shared[0] = (added != MISSING) ? added : toStored(key, loaded);
                    return loaded;
                }
            }
            shared[0] = stored;
            return ValueCopier.fromStored(stored);
        }, (result) -> shared[0], ValueCopier::fromStored);
    }

    /**
     * {@inheritDoc}
     * <p>Here, as {@link #getOrSet}'s, the load is shared across every cache of the same store, by the key as the store
     * holds it, so that keys of any type work (apart from {@code getOrSet}'s synchronous loads, which block a thread).
     * A loaded value is stored once, serialized once under store-by-value, and every caller but the leader is given a
     * copy of its own.
     */
    @Override
    public CompletableFuture<Object> getOrSetAsync(Object key, Supplier<? extends CompletableFuture<?>> loader,
            Timeout timeout, Integer version) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        Object flightKey;
        try {
            flightKey = new LoadKey(head(version), keyInSpace(key, version));
        }
        catch (RuntimeException ex) {
            // A key the key function refuses fails the future, as every other failure does.
            return CompletableFuture.failedFuture(ex);
        }
        // The stored form of a value loaded, for the sharers: serialized once, in the store, under store-by-value.
        Object[] stored = new Object[1];
        return this.store.loads().runAsync(flightKey, () -> {
            Object value = get(key, MISSING, version);
            if (value != MISSING) {
                return CompletableFuture.completedFuture(value);
            }
            CompletableFuture<?> loading = Objects.requireNonNull(loader.get(), "The loader returned no future");
            return loading.thenApply((loaded) -> {
                stored[0] = toStored(key, loaded);
                setStored(key, stored[0], timeout, version);
                return loaded;
            });
        }, (result) -> (stored[0] != null) ? stored[0] : toStored(key, result), ValueCopier::fromStored);
    }

    @Override
    public boolean touch(Object key, Timeout timeout, Integer version) {
        Objects.requireNonNull(key, "key");
        return this.store.touch(spaceToRead(version), keyInSpace(key, version), resolve(timeout));
    }

    @Override
    public boolean delete(Object key, Integer version) {
        Objects.requireNonNull(key, "key");
        return this.store.delete(spaceToRead(version), keyInSpace(key, version), this.ticker.read());
    }

    @Override
    public boolean hasKey(Object key, Integer version) {
        Objects.requireNonNull(key, "key");
        return this.store.contains(spaceToRead(version), keyInSpace(key, version));
    }

    /**
     * {@inheritDoc}
     * <p>{@code Integer}, {@code Long}, {@code Short}, {@code Byte} and {@code BigInteger} values can be incremented.
     * The result keeps the value's type where it fits ({@code Integer}, {@code Long}, {@code BigInteger}); a smaller
     * type becomes an {@code Integer}, and an {@code Integer} that overflows becomes a {@code Long}.
     */
    @Override
    public long incr(Object key, long delta, Integer version) {
        Objects.requireNonNull(key, "key");
        Object next = this.store.update(spaceToRead(version), keyInSpace(key, version),
                (current) -> add(key, current, delta));
        if (next == null) {
            throw notFound(key);
        }
        return ((Number) next).longValue();
    }

    private static Object add(Object key, Object current, long delta) {
        if (current instanceof Long number) {
            return addExact(key, number, delta);
        }
        if (current instanceof Integer || current instanceof Short || current instanceof Byte) {
            long sum = addExact(key, ((Number) current).longValue(), delta);
            return (sum == (int) sum) ? (Object) (int) sum : (Object) sum;
        }
        if (current instanceof BigInteger number) {
            BigInteger sum = number.add(BigInteger.valueOf(delta));
            if (sum.bitLength() > 63) {
                throw new ArithmeticException("incr of key '" + key + "' overflows a long: " + sum);
            }
            return sum;
        }
        // Name the class the caller stored, not the serialized form that store-by-value keeps.
        Object value = ValueCopier.fromStored(current);
        throw new IllegalArgumentException("Value of key '" + key + "' is not an integer: "
                + ((value != null) ? value.getClass().getName() : "null"));
    }

    private static long addExact(Object key, long value, long delta) {
        try {
            return Math.addExact(value, delta);
        }
        catch (ArithmeticException ex) {
            throw new ArithmeticException("incr of key '" + key + "' by " + delta + " overflows a long (value "
                    + value + ")");
        }
    }

    /**
     * {@inheritDoc}
     * <p>With store-by-value, every value is copied before any is stored: one that cannot be copied fails the call
     * and nothing is stored.
     */
    @Override
    public <K> List<K> setMany(Map<? extends K, ?> data, Timeout timeout, Integer version) {
        Objects.requireNonNull(data, "data");
        Map<K, Object> stored = new LinkedHashMap<>();
        data.forEach((key, value) -> stored.put(key, toStored(key, value)));
        stored.forEach((key, value) -> setStored(key, value, timeout, version));
        return new ArrayList<>(0);
    }

    /** Removes every entry of the store, which caches of the same location share, as in Django. */
    @Override
    public void clear() {
        this.store.clear();
    }

    /** Releases this cache's use of the default clock; the store and its data stay for the other caches. */
    @Override
    public void close() {
        if (this.closed.compareAndSet(false, true) && this.ticker == CoarseTicker.INSTANCE) {
            CoarseTicker.INSTANCE.release();
        }
    }

    private Object toStored(Object key, Object value) {
        return this.storeByValue ? ValueCopier.toStored(key, value) : value;
    }

    @Override
    public String toString() {
        return "LocMemCache[location='" + location() + "', maxEntries=" + maxEntries() + ", cullFrequency="
                + cullFrequency() + ", keyPrefix='" + keyPrefix() + "', version=" + version() + "]";
    }

    /** Builds a {@link LocMemCache}; starts from Django's defaults. */
    public static final class Builder extends AliasSettingsBuilder<Builder> {

        private String location = "";

        private int maxEntries = DEFAULT_MAX_ENTRIES;

        private int cullFrequency = DEFAULT_CULL_FREQUENCY;

        private boolean storeByValue;

        private Ticker ticker = CoarseTicker.INSTANCE;

        private LocMemStores stores = LocMemStores.processWide();

        private Builder() {
        }

        /**
         * Sets the location: caches with the same location share one store.
         * @param location the store's name; {@code null} is {@code ""}
         * @return this builder
         */
        public Builder location(String location) {
            this.location = (location != null) ? location : "";
            return this;
        }

        /**
         * Sets how many entries the store holds before a cull.
         * @param maxEntries at least 1; default 300
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder maxEntries(int maxEntries) {
            this.maxEntries = CullPolicy.checkMaxEntries(maxEntries);
            return this;
        }

        /**
         * Sets what share of the store a cull removes: 1/cullFrequency.
         * @param cullFrequency 0 or more; 0 clears the whole store on a cull; default 3
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder cullFrequency(int cullFrequency) {
            this.cullFrequency = CullPolicy.checkCullFrequency(cullFrequency);
            return this;
        }

        /**
         * Stores serialized copies of values, as Django's pickling does: changing an object after storing it does not
         * change the cached value, and each read gets its own copy. Default off, as in Caffeine.
         * @param storeByValue whether to store by value
         * @return this builder
         */
        public Builder storeByValue(boolean storeByValue) {
            this.storeByValue = storeByValue;
            return this;
        }

        /**
         * Sets the source of time, for tests. Caches that share a store must share its ticker.
         * @param ticker the ticker; default {@link Ticker#system()}
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Sets where the store of the location is looked up.
         * @param stores the stores; default {@link LocMemStores#processWide()}
         * @return this builder
         */
        public Builder stores(LocMemStores stores) {
            this.stores = Objects.requireNonNull(stores, "stores");
            return this;
        }

        /**
         * Builds the cache, joining the store of its location or creating it.
         * @return the cache
         */
        public LocMemCache build() {
            return new LocMemCache(this);
        }
    }
}
