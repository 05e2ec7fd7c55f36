package dev.locmem.benchmarks;

/**
 * The two operations every benchmark needs, over one candidate cache. Each JMH fork creates one kind only, so the
 * call sites stay monomorphic and the JIT inlines straight into the candidate's own code.
 */
public interface BenchCache extends AutoCloseable {

    /** A read: the value, or {@code null} on a miss. */
    Object get(String key);

    /** A write with the candidate's default (300 s) timeout where it has one. */
    void put(String key, Object value);

    /** Entries held now (approximate where the candidate is). */
    long size();

    @Override
    default void close() {
    }
}
