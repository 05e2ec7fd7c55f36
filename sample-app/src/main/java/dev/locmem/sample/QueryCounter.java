package dev.locmem.sample;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Counts the SQL statements the repositories run, so that a person can see the cache work: a cached read runs none.
 *
 * <p>Each repository calls {@link #count()} once per statement. The count is kept in total and per thread, so
 * {@link #measure} can tell how many statements one request ran while other requests run at the same time.
 */
@Component
public class QueryCounter {

    private static final Logger logger = LoggerFactory.getLogger(QueryCounter.class);

    private final AtomicLong total = new AtomicLong();

    private final ThreadLocal<long[]> byThread = ThreadLocal.withInitial(() -> new long[1]);

    /** Records one statement about to run on this thread. */
    void count() {
        this.total.incrementAndGet();
        this.byThread.get()[0]++;
    }

    /**
     * Returns how many statements have run since start-up, seeding excluded.
     * @return the number of statements
     */
    public long total() {
        return this.total.get();
    }

    /**
     * Runs some work and tells how many statements it ran on this thread and how long it took, and logs both.
     * @param <T> what the work returns
     * @param label what the work is, for the log line
     * @param work the work
     * @return its result, with the statements and the time it took
     */
    public <T> Measured<T> measure(String label, Supplier<T> work) {
        long queriesBefore = this.byThread.get()[0];
        long start = System.nanoTime();
        T value = work.get();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        long queries = this.byThread.get()[0] - queriesBefore;
        logger.info("{}: {} database {} in {} ms", label, queries, (queries == 1) ? "query" : "queries", elapsedMillis);
        return new Measured<>(value, queries, elapsedMillis);
    }

    /**
     * The result of some work, with what it cost.
     * @param <T> the type of the result
     * @param value the result
     * @param databaseQueries the statements it ran
     * @param elapsedMillis how long it took
     */
    public record Measured<T>(T value, long databaseQueries, long elapsedMillis) {
    }
}
