package dev.locmem.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retained heap per entry at {@link #ENTRIES} entries: heap used after full GCs, before and after filling a new
 * candidate with {@link #ENTRIES} freshly created keys that only the cache holds, all mapped to one shared value;
 * the difference divided by the entry count, averaged over {@link #REPEATS} fills.
 *
 * <p>What it includes: the map's table and nodes, the candidate's entry objects and policy structures (Caffeine's
 * frequency sketch), and one key string per entry; LocMemCache holds its made key {@code ":1:" + key}, three
 * characters longer than the caller's. The bytes of the key strings alone are measured the same way and reported, so
 * the cache's own overhead can be read off.
 *
 * <p>{@code java -Xms4g -Xmx4g -cp benchmarks.jar dev.locmem.benchmarks.HeapPerEntry [out.json]}
 */
public final class HeapPerEntry {

    static final int ENTRIES = 1_000_000;

    static final int REPEATS = 3;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapPerEntry() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = List.of(Candidates.LOCMEM, Candidates.CAFFEINE, Candidates.CHM,
                Candidates.SPRING_CONCURRENT_MAP);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("keys-alone", keysAlone(false));
        results.put("made-keys-alone", keysAlone(true));
        for (String name : names) {
            List<Double> samples = new ArrayList<>();
            for (int r = 0; r < REPEATS; r++) {
                long before = usedAfterGc();
                BenchCache cache = Candidates.create(name, ENTRIES);
                for (int i = 0; i < ENTRIES; i++) {
                    cache.put(Workloads.freshKey(i), Workloads.VALUE);
                }
                long size = cache.size();
                long after = usedAfterGc();
                if (size != ENTRIES) {
                    throw new IllegalStateException(name + " holds " + size + " entries, expected " + ENTRIES);
                }
                samples.add((double) (after - before) / ENTRIES);
                Reference.reachabilityFence(cache);
                cache.close();
            }
            results.put(name, summary(samples));
            System.out.printf("%-22s %s%n", name, results.get(name));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", ENTRIES);
        out.put("repeats", REPEATS);
        out.put("unit", "bytes per entry");
        out.put("results", results);
        if (args.length > 0) {
            Json.write(args[0], out);
        }
    }

    /** The same measurement for the key strings alone, held by an array (whose 4 bytes a slot are taken off). */
    private static Map<String, Object> keysAlone(boolean made) {
        List<Double> samples = new ArrayList<>();
        for (int r = 0; r < REPEATS; r++) {
            long before = usedAfterGc();
            String[] keys = new String[ENTRIES];
            for (int i = 0; i < ENTRIES; i++) {
                keys[i] = made ? ":1:" + Workloads.freshKey(i) : Workloads.freshKey(i);
                keys[i].hashCode();
            }
            long after = usedAfterGc();
            Reference.reachabilityFence(keys);
            samples.add((double) (after - before) / ENTRIES - 4.0);
        }
        Map<String, Object> summary = summary(samples);
        System.out.printf("%-22s %s%n", made ? "made-keys-alone" : "keys-alone", summary);
        return summary;
    }

    private static Map<String, Object> summary(List<Double> samples) {
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double sample : samples) {
            sum += sample;
            min = Math.min(min, sample);
            max = Math.max(max, sample);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("mean", sum / samples.size());
        summary.put("min", min);
        summary.put("max", max);
        return summary;
    }

    static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
