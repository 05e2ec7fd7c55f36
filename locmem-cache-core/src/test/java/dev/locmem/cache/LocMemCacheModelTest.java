package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locmem.cache.locmem.LocMemStore;
import dev.locmem.cache.locmem.StoreContents.EntryView;
import dev.locmem.cache.locmem.StoreContents;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs random sequences of operations, on one thread, against {@link LocMemCache} and against {@link Model}, a plain
 * LRU map that states the designed semantics literally (Django's locmem.py, with our refinements: culls take expired
 * entries first and at least one entry; delete is true only for a live value). Every result, the size after every
 * operation, the statistics, and at the end the whole store (keys, values, deadlines and LRU order) must agree.
 *
 * <p>A small key space (12 keys, 3 versions) against max-entries 5 keeps the store full, so culls, overwrites of a
 * full store and expired entries come up all the time. A failure names its seed: rerun {@link #run} with it.
 */
class LocMemCacheModelTest {

    private static final int OPERATIONS = 10_000;

    private static final int MAX_ENTRIES = 5;

    private static final List<String> KEYS = IntStream.range(0, 12).mapToObj((i) -> "k" + i).toList();

    /** Stands for "no value" in results, where {@code null} is a value. */
    private static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "MISSING";
        }
    };

    /** Cull-frequencies 0 to 4, and 7: above max-entries, where a cull removes {@code max(1, 5 / 7)} entries. */
    static Stream<Arguments> seedsAndCullFrequencies() {
        return Stream.of(20261126L, 42L, 7_777_777L).flatMap((seed) -> IntStream.of(0, 1, 2, 3, 4, 7)
                .mapToObj((cullFrequency) -> Arguments.of(seed + cullFrequency, cullFrequency)));
    }

    @ParameterizedTest(name = "seed {0}, cull-frequency {1}")
    @MethodSource("seedsAndCullFrequencies")
    void cacheAgreesWithTheModel(long seed, int cullFrequency) {
        run(seed, cullFrequency);
    }

    // A new seed each build widens the search; the failure message names it, so any finding can be replayed.
    @RepeatedTest(3)
    void cacheAgreesWithTheModelOnAFreshSeed() {
        long seed = System.nanoTime();
        run(seed, (int) Math.floorMod(seed, 5L));
    }

    void run(long seed, int cullFrequency) {
        new Run(seed, cullFrequency).execute();
    }

    /** The outcome of one call: a value, or the class and message of what it threw. */
    private record Outcome(Object value, Class<?> thrown, String message) {

        static Outcome of(Supplier<?> call) {
            try {
                return new Outcome(call.get(), null, null);
            }
            catch (RuntimeException ex) {
                // The message says which key and why; an overflow's wording is the implementation's own.
                return new Outcome(null, ex.getClass(), (ex instanceof ArithmeticException) ? null : ex.getMessage());
            }
        }

        @Override
        public boolean equals(Object other) {
            // Arrays of results (getMany) compare by content; everything else by equals.
            return other instanceof Outcome that && Objects.deepEquals(this.value, that.value)
                    && Objects.equals(this.thrown, that.thrown) && Objects.equals(this.message, that.message);
        }

        @Override
        public int hashCode() {
            return Objects.hash(this.thrown, this.message);
        }
    }

    /** One random sequence against a fresh cache and a fresh model. */
    private static final class Run {

        private final long seed;

        private final int cullFrequency;

        private final Random random;

        private final FakeTicker ticker = new FakeTicker();

        private final LocMemStores stores = LocMemStores.create();

        private final LocMemCache cache;

        private final Model model;

        /** The last operations, for the failure message. */
        private final Deque<String> history = new ArrayDeque<>();

        Run(long seed, int cullFrequency) {
            this.seed = seed;
            this.cullFrequency = cullFrequency;
            this.random = new Random(seed);
            this.cache = LocMemCache.builder().stores(this.stores).ticker(this.ticker).maxEntries(MAX_ENTRIES)
                    .cullFrequency(cullFrequency).build();
            this.model = new Model(MAX_ENTRIES, cullFrequency);
        }

        void execute() {
            for (int step = 0; step < OPERATIONS; step++) {
                this.model.now = this.ticker.read();
                String description = step();
                remember(step + ": " + description);
                assertThat(this.cache.size()).as(() -> "size after " + context()).isEqualTo(this.model.data.size());
            }
            assertThat(this.cache.stats()).as(() -> "statistics, " + context()).isEqualTo(this.model.stats());
            assertStoreMatchesModel();
        }

        /** Runs one random operation on both and compares the outcomes; returns what it did. */
        private String step() {
            String key = pick(KEYS);
            Integer version = pick(List.of(Optional.NONE, Optional.ONE, Optional.TWO)).version;
            int choice = this.random.nextInt(100);
            if (choice < 16) {
                return compare("get(" + key + ", v" + version + ")",
                        () -> this.cache.get(key, MISSING, version), () -> this.model.get(key, version));
            }
            if (choice < 34) {
                Object value = value();
                Timeout timeout = timeout();
                return compare("set(" + key + ", " + value + ", " + timeout + ", v" + version + ")", () -> {
                    this.cache.set(key, value, timeout, version);
                    return null;
                }, () -> {
                    this.model.set(key, value, timeout, version);
                    return null;
                });
            }
            if (choice < 43) {
                Object value = value();
                Timeout timeout = timeout();
                return compare("add(" + key + ", " + value + ", " + timeout + ", v" + version + ")",
                        () -> this.cache.add(key, value, timeout, version),
                        () -> this.model.add(key, value, timeout, version));
            }
            if (choice < 50) {
                Timeout timeout = timeout();
                return compare("touch(" + key + ", " + timeout + ", v" + version + ")",
                        () -> this.cache.touch(key, timeout, version), () -> this.model.touch(key, timeout, version));
            }
            if (choice < 56) {
                return compare("delete(" + key + ", v" + version + ")", () -> this.cache.delete(key, version),
                        () -> this.model.delete(key, version));
            }
            if (choice < 66) {
                long delta = delta();
                return compare("incr(" + key + ", " + delta + ", v" + version + ")",
                        () -> this.cache.incr(key, delta, version), () -> this.model.incr(key, delta, version));
            }
            if (choice < 73) {
                return compare("hasKey(" + key + ", v" + version + ")", () -> this.cache.hasKey(key, version),
                        () -> this.model.hasKey(key, version));
            }
            if (choice < 78) {
                List<String> keys = someKeys();
                // As an array of entries, so that the order of the result counts.
                return compare("getMany(" + keys + ", v" + version + ")",
                        () -> this.cache.getMany(keys, version).entrySet().toArray(),
                        () -> this.model.getMany(keys, version).entrySet().toArray());
            }
            if (choice < 83) {
                Map<String, Object> data = new LinkedHashMap<>();
                someKeys().forEach((each) -> data.put(each, value()));
                Timeout timeout = timeout();
                return compare("setMany(" + data + ", " + timeout + ", v" + version + ")",
                        () -> this.cache.setMany(data, timeout, version), () -> this.model.setMany(data, timeout,
                                version));
            }
            if (choice < 86) {
                int delta = pick(List.of(1, 1, 2, -1));
                return compare("incrVersion(" + key + ", " + delta + ", v" + version + ")",
                        () -> this.cache.incrVersion(key, delta, version),
                        () -> this.model.incrVersion(key, delta, version));
            }
            if (choice < 89) {
                Object value = value();
                Timeout timeout = timeout();
                return compare("getOrSet(" + key + ", " + value + ", " + timeout + ", v" + version + ")",
                        () -> this.cache.getOrSet(key, () -> value, timeout, version),
                        () -> this.model.getOrSet(key, value, timeout, version));
            }
            if (choice < 90) {
                return compare("clear()", () -> {
                    this.cache.clear();
                    return null;
                }, () -> {
                    this.model.data.clear();
                    return null;
                });
            }
            long nanos = pick(List.of(0L, 1L, 999_999_999L, 1_000_000_000L, 500_000_000L,
                    (long) this.random.nextInt(3_000_000) * 1_000L, 300_000_000_000L));
            this.ticker.advanceNanos(nanos);
            return "advance(" + nanos + " ns)";
        }

        private String compare(String description, Supplier<?> actual, Supplier<?> expected) {
            Outcome real = Outcome.of(actual);
            Outcome modelled = Outcome.of(expected);
            assertThat(real).as(() -> context() + "then " + description).isEqualTo(modelled);
            return description;
        }

        private Object value() {
            int choice = this.random.nextInt(20);
            if (choice == 0) {
                return null;
            }
            if (choice == 1) {
                return "text" + this.random.nextInt(3);
            }
            if (choice == 2) {
                return Integer.MAX_VALUE - this.random.nextInt(3);
            }
            if (choice == 3) {
                return Long.MAX_VALUE - this.random.nextInt(3);
            }
            return this.random.nextInt(50) - 5;
        }

        private Timeout timeout() {
            int choice = this.random.nextInt(9);
            return switch (choice) {
                case 0 -> Timeout.DEFAULT;
                case 1 -> Timeout.NEVER;
                case 2 -> Timeout.ofSeconds(0);
                case 3 -> Timeout.ofSeconds(-1);
                default -> Timeout.ofSeconds(choice - 3);
            };
        }

        private long delta() {
            return pick(List.of(1L, 1L, -1L, 5L, -7L, 0L, Long.MAX_VALUE, Long.MIN_VALUE + 1));
        }

        private List<String> someKeys() {
            List<String> shuffled = new ArrayList<>(KEYS);
            java.util.Collections.shuffle(shuffled, this.random);
            return shuffled.subList(0, 1 + this.random.nextInt(6));
        }

        private <T> T pick(List<T> choices) {
            return choices.get(this.random.nextInt(choices.size()));
        }

        private void remember(String description) {
            this.history.addLast(description);
            if (this.history.size() > 12) {
                this.history.removeFirst();
            }
        }

        private String context() {
            return "seed " + this.seed + ", cull-frequency " + this.cullFrequency + ", after\n  "
                    + String.join("\n  ", this.history) + "\nmodel " + this.model.data + "\n";
        }

        /** The store itself: the same keys, values and deadlines, and stamps in the model's LRU order. */
        private void assertStoreMatchesModel() {
            LocMemStore store = this.stores.storeFor("", this.ticker);
            Map<String, Model.Item> expected = this.model.data;
            Map<String, EntryView> entries = StoreContents.entriesByMadeKey(store);
            assertThat(entries.keySet()).as(() -> "keys, " + context()).containsExactlyInAnyOrderElementsOf(
                    expected.keySet());
            entries.forEach((made, entry) -> {
                assertThat(entry.value()).as("value of %s", made).isEqualTo(expected.get(made).value());
                assertThat(entry.deadline()).as("deadline of %s", made).isEqualTo(expected.get(made).deadline());
            });
            List<String> byStamp = entries.values().stream().sorted(Comparator.comparingLong(EntryView::stamp))
                    .map(EntryView::madeKey).toList();
            assertThat(byStamp).as(() -> "LRU order, " + context()).containsExactlyElementsOf(expected.keySet());
        }
    }

    /** A version argument: the cache's own (null) or an explicit one. */
    private enum Optional {
        NONE(null), ONE(1), TWO(2);

        final Integer version;

        Optional(Integer version) {
            this.version = version;
        }
    }

    /**
     * The reference: the designed semantics, stated as plainly as possible. One {@link LinkedHashMap} from made key
     * to item, least recently used first (a use moves a key to the end), expired items included until something
     * removes them, as in Django's {@code _cache} and {@code _expire_info}.
     */
    static final class Model {

        record Item(Object value, long deadline) {
        }

        private static final long NEVER = Long.MAX_VALUE;

        private static final long DEFAULT_TIMEOUT_NANOS = 300_000_000_000L;

        final LinkedHashMap<String, Item> data = new LinkedHashMap<>();

        private final int maxEntries;

        private final int cullFrequency;

        long now;

        private long hits;

        private long misses;

        private long puts;

        private long evictions;

        private long expirations;

        Model(int maxEntries, int cullFrequency) {
            this.maxEntries = maxEntries;
            this.cullFrequency = cullFrequency;
        }

        CacheStats stats() {
            return new CacheStats(this.hits, this.misses, this.puts, this.evictions, this.expirations,
                    this.data.size());
        }

        private static String made(String key, Integer version) {
            return ":" + ((version != null) ? version : 1) + ":" + key;
        }

        private boolean expired(Item item) {
            return item.deadline() != NEVER && this.now >= item.deadline();
        }

        private long deadline(Timeout timeout) {
            if (timeout.isNever()) {
                return NEVER;
            }
            long nanos = timeout.isDefault() ? DEFAULT_TIMEOUT_NANOS : timeout.toDuration().toNanos();
            return this.now + nanos;
        }

        /** The live item of a made key; an expired one is removed, as Django's get, has_key and incr do. */
        private Item live(String made) {
            Item item = this.data.get(made);
            if (item != null && expired(item)) {
                this.data.remove(made);
                this.expirations++;
                return null;
            }
            return item;
        }

        private void use(String made) {
            this.data.put(made, this.data.remove(made));
        }

        Object get(String key, Integer version) {
            String made = made(key, version);
            Item item = live(made);
            if (item == null) {
                this.misses++;
                return MISSING;
            }
            use(made);
            this.hits++;
            return item.value();
        }

        /** Django's _set: cull a full store first, then store at the most recently used end. */
        void set(String key, Object value, Timeout timeout, Integer version) {
            String made = made(key, version);
            if (this.data.size() >= this.maxEntries) {
                cull();
            }
            this.data.remove(made);
            this.data.put(made, new Item(value, deadline(timeout)));
            this.puts++;
        }

        private void cull() {
            if (this.cullFrequency == 0) {
                long expired = this.data.values().stream().filter(this::expired).count();
                this.expirations += expired;
                this.evictions += this.data.size() - expired;
                this.data.clear();
                return;
            }
            int victims = Math.max(1, this.data.size() / this.cullFrequency);
            for (Iterator<Item> items = this.data.values().iterator(); items.hasNext();) {
                if (expired(items.next())) {
                    items.remove();
                    this.expirations++;
                    victims--;
                }
            }
            for (Iterator<Item> items = this.data.values().iterator(); victims > 0 && items.hasNext(); victims--) {
                items.next();
                items.remove();
                this.evictions++;
            }
        }

        boolean add(String key, Object value, Timeout timeout, Integer version) {
            Item item = this.data.get(made(key, version));
            if (item != null && !expired(item)) {
                return false;
            }
            set(key, value, timeout, version);
            return true;
        }

        boolean touch(String key, Timeout timeout, Integer version) {
            String made = made(key, version);
            Item item = live(made);
            if (item == null) {
                return false;
            }
            this.data.put(made, new Item(item.value(), deadline(timeout)));
            return true;
        }

        boolean delete(String key, Integer version) {
            Item item = this.data.remove(made(key, version));
            return item != null && !expired(item);
        }

        boolean hasKey(String key, Integer version) {
            return live(made(key, version)) != null;
        }

        long incr(String key, long delta, Integer version) {
            String made = made(key, version);
            Item item = live(made);
            if (item == null) {
                throw new IllegalArgumentException("Key '" + key + "' not found");
            }
            Object value = item.value();
            Object next;
            if (value instanceof Integer number) {
                long sum = Math.addExact(number.longValue(), delta);
                next = (sum == (int) sum) ? (Object) (int) sum : (Object) sum;
            }
            else if (value instanceof Long number) {
                next = Math.addExact(number, delta);
            }
            else {
                throw new IllegalArgumentException("Value of key '" + key + "' is not an integer: "
                        + ((value != null) ? value.getClass().getName() : "null"));
            }
            this.data.put(made, new Item(next, item.deadline()));
            use(made);
            return ((Number) next).longValue();
        }

        Map<String, Object> getMany(List<String> keys, Integer version) {
            Map<String, Object> found = new LinkedHashMap<>();
            for (String key : keys) {
                Object value = get(key, version);
                if (value != MISSING) {
                    found.put(key, value);
                }
            }
            return found;
        }

        List<String> setMany(Map<String, Object> data, Timeout timeout, Integer version) {
            data.forEach((key, value) -> set(key, value, timeout, version));
            return List.of();
        }

        /** Django's incr_version: get, set at the new version with the default timeout, delete the old. */
        int incrVersion(String key, int delta, Integer version) {
            int from = (version != null) ? version : 1;
            Object value = get(key, from);
            if (value == MISSING) {
                throw new IllegalArgumentException("Key '" + key + "' not found");
            }
            int to = from + delta;
            set(key, value, Timeout.DEFAULT, to);
            delete(key, from);
            return to;
        }

        /** Django's get_or_set: get; on a miss add the value, then read again without counting it as a use. */
        Object getOrSet(String key, Object value, Timeout timeout, Integer version) {
            Object present = get(key, version);
            if (present != MISSING) {
                return present;
            }
            add(key, value, timeout, version);
            Item item = this.data.get(made(key, version));
            return (item != null && !expired(item)) ? item.value() : value;
        }
    }
}
