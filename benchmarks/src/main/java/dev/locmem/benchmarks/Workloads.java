package dev.locmem.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Precomputed keys and access traces, so that a measured operation does nothing but the cache call and an array read.
 *
 * <p>Keys look like application keys ({@code "user:123456:profile"}), are created once and have their hash cached
 * before any measurement. Traces are arrays of key references, {@link #TRACE_LENGTH} long, read in order from a
 * per-thread random offset; with a fixed seed every candidate sees the same trace.
 */
public final class Workloads {

    /** Length of every trace: a power of two, indexed with {@link #TRACE_MASK}. */
    public static final int TRACE_LENGTH = 1 << 20;

    public static final int TRACE_MASK = TRACE_LENGTH - 1;

    /** YCSB's default zipfian constant. */
    public static final double ZIPF_EXPONENT = 0.99;

    /** The value stored by every put: shared, so that it costs no heap per entry. */
    public static final Object VALUE = Boolean.TRUE;

    private Workloads() {
    }

    /** {@code count} distinct keys with their hashes computed. */
    public static String[] keys(int count) {
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = freshKey(i);
            keys[i].hashCode();
        }
        return keys;
    }

    /** A newly allocated key string (never interned, never shared). */
    public static String freshKey(int i) {
        return "user:" + i + ":profile";
    }

    /**
     * Equal copies of keys, hashes computed: what a request looks a key up with is equal to, not the same object as,
     * the key that stored the entry (nor shares its characters), so a lookup compares characters and cannot stop at
     * {@code ==}.
     */
    public static String[] copies(String[] keys) {
        String[] copies = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            copies[i] = new String(keys[i].toCharArray());
            copies[i].hashCode();
        }
        return copies;
    }

    /**
     * The keys that lookups use: {@code "equal"} for {@linkplain #copies(String[]) copies} (the default of every
     * benchmark), {@code "same"} for the very objects that were stored.
     */
    public static String[] lookupKeys(String[] keys, String mode) {
        switch (mode) {
            case "equal":
                return copies(keys);
            case "same":
                return keys;
            default:
                throw new IllegalArgumentException("keys must be 'equal' or 'same', not '" + mode + "'");
        }
    }

    /** Indices into {@code n} keys drawn uniformly, a whole trace. */
    public static int[] uniformIndices(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] trace = new int[TRACE_LENGTH];
        for (int i = 0; i < TRACE_LENGTH; i++) {
            trace[i] = random.nextInt(n);
        }
        return trace;
    }

    /**
     * Indices into {@code n} keys drawn by a scrambled zipfian law: popularity ranks are spread over the keys by a
     * fixed random permutation, so that traces of different seeds over the same keys agree on which keys are popular.
     */
    public static int[] zipfIndices(int n, long seed) {
        int[] ranks = zipfRanks(n, TRACE_LENGTH, ZIPF_EXPONENT, seed);
        int[] permutation = permutation(n, 0x5DEECE66DL);
        for (int i = 0; i < TRACE_LENGTH; i++) {
            ranks[i] = permutation[ranks[i]];
        }
        return ranks;
    }

    /** The trace of keys that indices pick. */
    public static String[] trace(int[] indices, String[] keys) {
        String[] trace = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            trace[i] = keys[indices[i]];
        }
        return trace;
    }

    /** {@code true} at a random {@code share} of the trace's positions: the puts of a mixed workload. */
    public static boolean[] writeMask(double share, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] mask = new boolean[TRACE_LENGTH];
        for (int i = 0; i < TRACE_LENGTH; i++) {
            mask[i] = random.nextDouble() < share;
        }
        return mask;
    }

    /** {@code length} ranks in {@code [0, n)}, rank r drawn with probability proportional to {@code 1/(r+1)^s}. */
    static int[] zipfRanks(int n, int length, double s, long seed) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += 1.0 / Math.pow(r + 1, s);
            cdf[r] = sum;
        }
        for (int r = 0; r < n; r++) {
            cdf[r] /= sum;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] ranks = new int[length];
        for (int i = 0; i < length; i++) {
            int found = Arrays.binarySearch(cdf, random.nextDouble());
            int rank = (found >= 0) ? found : -found - 1;
            ranks[i] = Math.min(rank, n - 1);
        }
        return ranks;
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = p[i];
            p[i] = p[j];
            p[j] = swap;
        }
        return p;
    }
}
