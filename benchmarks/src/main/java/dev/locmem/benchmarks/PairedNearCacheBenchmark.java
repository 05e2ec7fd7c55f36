package dev.locmem.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import dev.locmem.cache.CacheBackend;
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
 * get on a hit of the near cache against the plain local-memory backend, the two taking turns iteration by iteration
 * in one fork, as {@link PairedGetBenchmark} does for the local candidates: the ratio the near cache's issue asks for
 * (near ÷ locmem), measured a second apart instead of in forks minutes apart, which on a shared machine differ by more
 * than the ratio does.
 *
 * <p>Both read the same keys, every one of them held, made and filled as in {@link NearCacheBenchmark} (see
 * {@link NearCacheCandidates}). Iterations go S R R S ... (see
 * {@link PairedGetBenchmark}); report.py pairs them and reports the median ratio. Each candidate has a call site of
 * its own, so both stay monomorphic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class PairedNearCacheBenchmark extends TakingTurns {

    /** The candidate measured: the redis backend with a near cache. */
    @Param({ "near" })
    public String subject;

    /** The candidate it is measured against. */
    @Param({ "locmem" })
    public String reference;

    private NearCacheCandidates candidates;

    private CacheBackend subjectCache;

    private CacheBackend referenceCache;

    private String[] keys;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        this.candidates = NearCacheCandidates.open();
        this.subjectCache = this.candidates.named(this.subject);
        this.referenceCache = this.candidates.named(this.reference);
        this.keys = this.candidates.keys;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.candidates.close();
    }

    /** get on a hit, from the candidate whose turn it is. */
    @Benchmark
    public Object get(NearCacheBenchmark.Cursor cursor) {
        String key = cursor.next(this.keys);
        // Two call sites, one candidate each: neither becomes bimorphic.
        if (this.onSubject) {
            return this.subjectCache.get(key);
        }
        return this.referenceCache.get(key);
    }
}
