package dev.locmem.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Hit ratios on the zipfian trace of {@link MixedBenchmark} (s = 0.99, 8x more keys than the bound), single-threaded,
 * for each candidate, in two ways:
 * <ul>
 * <li>{@code demand}: every access is a get, and a miss puts the key (cache-aside, the {@code @Cacheable} pattern);</li>
 * <li>{@code mixed}: the benchmark's own 90/10 trace; the ratio counts the gets that hit.</li>
 * </ul>
 * Each candidate is warmed with one trace (seed 3) and measured on {@link #PASSES} other traces of the same key
 * popularity. {@code lru} is an exact LRU (an access-ordered LinkedHashMap) and {@code caffeine-sync} a Caffeine whose
 * maintenance runs on the caller, for reference.
 *
 * <p>{@code java -cp benchmarks.jar dev.locmem.benchmarks.HitRatio [out.json]}
 */
public final class HitRatio {

    static final int PASSES = 4;

    private HitRatio() {
    }

    public static void main(String[] args) throws Exception {
        String[] keys = Workloads.keys(MixedBenchmark.KEY_SPACE);
        String[] warm = Workloads.trace(Workloads.zipfIndices(keys.length, 3), keys);
        boolean[] warmWrites = Workloads.writeMask(MixedBenchmark.WRITE_SHARE, 4);
        List<String[]> traces = new ArrayList<>();
        List<boolean[]> writes = new ArrayList<>();
        for (int p = 0; p < PASSES; p++) {
            traces.add(Workloads.trace(Workloads.zipfIndices(keys.length, 100 + p), keys));
            writes.add(Workloads.writeMask(MixedBenchmark.WRITE_SHARE, 200 + p));
        }
        List<String> names = new ArrayList<>(List.of(Candidates.LOCMEM, Candidates.CAFFEINE, "caffeine-sync", "lru",
                Candidates.CHM));
        Map<String, Object> results = new LinkedHashMap<>();
        System.out.printf("%-16s %10s %10s %12s%n", "candidate", "demand", "mixed", "size after");
        for (String name : names) {
            Map<String, Object> row = new LinkedHashMap<>();
            // Demand fill.
            try (BenchCache cache = create(name, MixedBenchmark.MAX_ENTRIES)) {
                demand(cache, warm);
                long hits = 0;
                long gets = 0;
                for (String[] trace : traces) {
                    hits += demand(cache, trace);
                    gets += trace.length;
                }
                row.put("demand", (double) hits / gets);
                row.put("sizeAfterDemand", cache.size());
            }
            // The 90/10 mix.
            try (BenchCache cache = create(name, MixedBenchmark.MAX_ENTRIES)) {
                mixed(cache, warm, warmWrites);
                long hits = 0;
                long gets = 0;
                for (int p = 0; p < PASSES; p++) {
                    long[] counts = mixed(cache, traces.get(p), writes.get(p));
                    hits += counts[0];
                    gets += counts[1];
                }
                row.put("mixed", (double) hits / gets);
            }
            results.put(name, row);
            System.out.printf("%-16s %10.4f %10.4f %12s%n", name, row.get("demand"), row.get("mixed"),
                    row.get("sizeAfterDemand"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("maxEntries", MixedBenchmark.MAX_ENTRIES);
        out.put("keySpace", MixedBenchmark.KEY_SPACE);
        out.put("zipfExponent", Workloads.ZIPF_EXPONENT);
        out.put("accessesMeasured", (long) PASSES * Workloads.TRACE_LENGTH);
        out.put("results", results);
        if (args.length > 0) {
            Json.write(args[0], out);
        }
    }

    private static long demand(BenchCache cache, String[] trace) {
        long hits = 0;
        for (String key : trace) {
            if (cache.get(key) != null) {
                hits++;
            }
            else {
                cache.put(key, Workloads.VALUE);
            }
        }
        return hits;
    }

    private static long[] mixed(BenchCache cache, String[] trace, boolean[] writes) {
        long hits = 0;
        long gets = 0;
        for (int i = 0; i < trace.length; i++) {
            if (writes[i]) {
                cache.put(trace[i], Workloads.VALUE);
            }
            else {
                gets++;
                if (cache.get(trace[i]) != null) {
                    hits++;
                }
            }
        }
        return new long[] { hits, gets };
    }

    static BenchCache create(String name, int bound) {
        switch (name) {
            case "caffeine-sync":
                return Candidates.caffeine(Caffeine.newBuilder().maximumSize(bound)
                        .expireAfterWrite(Duration.ofSeconds(300)).executor(Runnable::run).build());
            case "lru":
                return lru(bound);
            default:
                return Candidates.create(name, bound);
        }
    }

    /** An exact, single-threaded LRU of {@code bound} entries. */
    static BenchCache lru(int bound) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(2 * bound, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > bound;
            }
        };
        return Candidates.map(map);
    }
}
