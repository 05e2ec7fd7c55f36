package dev.locmem.benchmarks;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many sets of new keys into a full cache stall, in one thread and nothing else: a diagnostic for the slow sets
 * that {@link CullPause} counts, to tell what the collector's write barrier costs apart from what the cache does. One
 * candidate a JVM, so that the collector's counts at exit are that candidate's alone: run it with
 * {@code -Xlog:gc+remset+exit=trace}, which prints how long G1's refinement threads worked.
 *
 * <p>It fills the candidate ({@link Candidates#create}, as every benchmark makes it) with {@code bound} keys
 * (ConcurrentHashMap: as many, and then it removes the oldest key for each one it puts, so that it stays at the
 * bound), collects, and then times each of the next {@code 2 x bound} sets, every one of a new key. The time includes
 * collector pauses: the point is the sets that stall beside them.
 *
 * <p>Keys are {@code Workloads.freshKey} ({@code user:<i>:profile}, as every other benchmark's) or, with
 * {@code tail}, {@code key-<i>}: keys whose hashes differ in their low bits only, which a table that keeps
 * {@link String#hashCode()}'s order (ConcurrentHashMap) stores in neighbouring slots.
 *
 * <p>{@code java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -Xlog:gc+remset+exit=trace -cp benchmarks.jar
 * dev.locmem.benchmarks.InsertStalls candidate [bound [fresh|tail]]}, the candidate as {@link Candidates} names it,
 * bound default 10^6.
 */
public final class InsertStalls {

    /** A set slower than this counts as stalled. */
    static final long STALL_NANOS = 300_000;

    private InsertStalls() {
    }

    public static void main(String[] args) {
        String candidate = args[0];
        int bound = (args.length > 1) ? Integer.parseInt(args[1]) : 1_000_000;
        boolean tail = args.length > 2 && args[2].equals("tail");
        String[] keys = new String[3 * bound];
        // Before the keys are made, so that a wrong candidate is told at once.
        Setter setter = setter(candidate, bound, keys);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = tail ? "key-" + i : Workloads.freshKey(i);
            keys[i].hashCode();
        }
        for (int i = 0; i < bound; i++) {
            setter.set(i);
        }
        System.gc();
        int stalls = 0;
        long longest = 0;
        long began = System.nanoTime();
        for (int i = bound; i < keys.length; i++) {
            long start = System.nanoTime();
            setter.set(i);
            long took = System.nanoTime() - start;
            if (took > STALL_NANOS) {
                stalls++;
            }
            longest = Math.max(longest, took);
        }
        long total = System.nanoTime() - began;
        System.out.printf("%s bound=%d keys=%s: %d of %d sets over %d us, longest %.1f ms, all %.0f ms%n", candidate,
                bound, tail ? "tail" : "fresh", stalls, keys.length - bound, STALL_NANOS / 1000, longest / 1e6,
                total / 1e6);
    }

    /** Stores the value of key {@code i}. */
    private interface Setter {

        void set(int i);
    }

    private static Setter setter(String candidate, int bound, String[] keys) {
        Object value = "value";
        if (candidate.equals(Candidates.CHM)) {
            ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
            return (i) -> {
                map.put(keys[i], value);
                if (i >= bound) {
                    map.remove(keys[i - bound]);
                }
            };
        }
        BenchCache cache = Candidates.create(candidate, bound);
        return (i) -> cache.put(keys[i], value);
    }
}
