package dev.locmem.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * get on a hit, as in {@link GetPutBenchmark} and {@link SizeScanBenchmark}, but with two candidates in one fork
 * taking turns iteration by iteration, so that their ratio is measured a second apart rather than minutes apart.
 *
 * <p><b>Why.</b> On the shared machines this project is measured on, one candidate's throughput changes by up to 3x
 * with nothing changed, in phases of a few seconds (ConcurrentHashMap's zipfian hits alternated between about 50 and
 * 18 ops/µs, in one fork as in another). A ratio of two forks run ten seconds or more apart inherits that swing; two
 * neighbouring 200 ms iterations mostly fall in one phase, and the median of many such pairs sets aside the few that
 * straddle a change.
 *
 * <p><b>How.</b> Iterations, warm-up ones included, go to the {@link #subject} and the {@link #reference} in the order
 * S R R S S R R S ..., so each candidate is measured as often before its partner as after it and a steady drift
 * cancels out; measurement iteration {@code j} belongs to the subject when {@code (warmups + j) % 4} is 0 or 3, where
 * {@code warmups} is the warm-up count. The JMH score mixes both and means nothing: report.py pairs iterations
 * {@code 2m} and {@code 2m + 1} of the JSON's raw data and reports the median of their ratios. Use an even number of
 * warm-up and of measurement iterations. Each candidate is called from a call site of its own, so both stay
 * monomorphic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms3g", "-Xmx3g" })
public class PairedGetBenchmark extends TakingTurns {

    /** The candidate measured. */
    @Param({ Candidates.LOCMEM })
    public String subject;

    /** The candidate it is measured against. */
    @Param({ Candidates.CHM, Candidates.CAFFEINE })
    public String reference;

    /**
     * Entries held by each candidate, with room for twice as many: nothing is evicted. 2^16 as in
     * {@link GetPutBenchmark}; the size scan's 10^3 and 10^6 tell how each candidate's cost grows against the other's.
     */
    @Param({ "65536" })
    public int size;

    /** {@code uniform} or {@code zipf}: how the keys read are drawn. */
    @Param({ "uniform", "zipf" })
    public String distribution;

    private BenchCache subjectCache;

    private BenchCache referenceCache;

    private String[] trace;

    @Setup(Level.Trial)
    public void setUp() {
        String[] keys = Workloads.keys(this.size);
        this.subjectCache = filled(this.subject, keys);
        this.referenceCache = filled(this.reference, keys);
        String[] lookups = Workloads.lookupKeys(keys, "equal");
        this.trace = switch (this.distribution) {
            case "uniform" -> Workloads.trace(Workloads.uniformIndices(this.size, 1), lookups);
            case "zipf" -> Workloads.trace(Workloads.zipfIndices(this.size, 2), lookups);
            default -> throw new IllegalArgumentException("distribution must be uniform or zipf: " + this.distribution);
        };
    }

    private static BenchCache filled(String name, String[] keys) {
        BenchCache cache = Candidates.create(name, 2 * keys.length);
        for (String key : keys) {
            cache.put(key, Workloads.VALUE);
        }
        for (String key : keys) {
            if (cache.get(key) == null) {
                throw new IllegalStateException(name + " lost key " + key + " before the measurement");
            }
        }
        return cache;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.subjectCache.close();
        this.referenceCache.close();
    }

    /** get on a hit, from the candidate whose turn it is. */
    @Benchmark
    public Object get(GetPutBenchmark.Cursor cursor) {
        String key = this.trace[cursor.index++ & Workloads.TRACE_MASK];
        // Two call sites, one candidate each: neither becomes bimorphic.
        if (this.onSubject) {
            return this.subjectCache.get(key);
        }
        return this.referenceCache.get(key);
    }
}
