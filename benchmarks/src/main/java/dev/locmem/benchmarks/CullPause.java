package dev.locmem.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The longest pause of a set at {@link #MAX_ENTRIES} entries: each set is timed with {@link System#nanoTime()} while
 * a new cache is filled with {@link #MAX_ENTRIES} new keys and then {@link #CULLS} culls' worth more, single-threaded.
 *
 * <p>For LocMemCache, a set that finds the store full culls a third of it under the store's lock (Django's
 * {@code _cull}); those sets are reported one by one. Every set slower than a millisecond is recorded with the GC
 * time that accrued since the previous one (a GC pause always makes a slow set), so that pauses of the collector are
 * told apart from pauses of the cache. For the other candidates the longest sets are reported for reference: Caffeine evicts one entry per insert beyond its bound (on
 * its maintenance executor), ConcurrentHashMap never evicts but resizes its table. Before measuring, the same
 * procedure runs at a tenth of the size to compile the code paths.
 *
 * <p>{@code java -Xms4g -Xmx4g -cp benchmarks.jar dev.locmem.benchmarks.CullPause [out.json]}
 */
public final class CullPause {

    static final int MAX_ENTRIES = 1_000_000;

    static final int CULLS = 4;

    static final int REPEATS = 3;

    private CullPause() {
    }

    public static void main(String[] args) throws Exception {
        // Enough keys for the fill and CULLS culls of a third each (cull-frequency 3).
        int total = MAX_ENTRIES + CULLS * (MAX_ENTRIES / 3 + 1) + 16;
        String[] keys = Workloads.keys(total);
        List<String> names = List.of(Candidates.LOCMEM, Candidates.CAFFEINE, Candidates.CHM);
        for (int w = 0; w < 3; w++) {
            for (String name : names) {
                run(name, MAX_ENTRIES / 10, keys, (MAX_ENTRIES / 10) * 2);
            }
        }
        Map<String, Object> results = new LinkedHashMap<>();
        for (String name : names) {
            List<Object> rounds = new ArrayList<>();
            for (int r = 0; r < REPEATS; r++) {
                Map<String, Object> round = run(name, MAX_ENTRIES, keys, total);
                rounds.add(round);
                System.out.printf("%-10s round %d: %s%n", name, r + 1, round);
            }
            results.put(name, rounds);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("maxEntries", MAX_ENTRIES);
        out.put("sets", total);
        out.put("unit", "microseconds");
        out.put("results", results);
        if (args.length > 0) {
            Json.write(args[0], out);
        }
    }

    /** A set that took longer than {@link #SLOW_NANOS}, with the GC time that accrued since the previous one. */
    private record Slow(int set, long nanos, long gcMillis, boolean cull) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("set", this.set);
            map.put("micros", this.nanos / 1000);
            map.put("gcMillis", this.gcMillis);
            return map;
        }
    }

    /** Sets slower than this are recorded one by one; every GC pause makes one, so GC time is attributed to them. */
    static final long SLOW_NANOS = 1_000_000;

    private static Map<String, Object> run(String name, int max, String[] keys, int count) {
        BenchCache cache = Candidates.create(name, max);
        boolean locMem = name.equals(Candidates.LOCMEM);
        long[] nanos = new long[count];
        List<Slow> slow = new ArrayList<>();
        long lastGc = gcMillis();
        for (int i = 0; i < count; i++) {
            boolean culling = locMem && cache.size() >= max;
            long start = System.nanoTime();
            cache.put(keys[i], Workloads.VALUE);
            long elapsed = System.nanoTime() - start;
            nanos[i] = elapsed;
            if (elapsed > SLOW_NANOS || culling) {
                long gc = gcMillis();
                slow.add(new Slow(i, elapsed, gc - lastGc, culling));
                lastGc = gc;
            }
        }
        cache.close();
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long longestWithoutGc = sorted[count - 1];
        for (int i = count - 1; i >= 0 && i >= count - slow.size(); i--) {
            // The slow sets are the longest ones: walk them down until one had no GC inside.
            long candidate = sorted[i];
            boolean hadGc = slow.stream().anyMatch((s) -> s.nanos() == candidate && s.gcMillis() > 0);
            if (!hadGc) {
                longestWithoutGc = candidate;
                break;
            }
            longestWithoutGc = (i > 0) ? sorted[i - 1] : 0;
        }
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("maxMicros", sorted[count - 1] / 1000);
        round.put("maxWithoutGcMicros", longestWithoutGc / 1000);
        round.put("p999Micros", sorted[(int) (count * 0.999)] / 1000.0);
        round.put("medianNanos", sorted[count / 2]);
        round.put("slowSets", slow.size());
        round.put("gcMillisInSlowSets", slow.stream().mapToLong(Slow::gcMillis).sum());
        round.put("culls", slow.stream().filter(Slow::cull).map(Slow::toMap).toList());
        round.put("longest", slow.stream().sorted((a, b) -> Long.compare(b.nanos(), a.nanos())).limit(5)
                .map(Slow::toMap).toList());
        return round;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
