package dev.locmem.cache.redis;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import dev.locmem.cache.CacheUnavailableException;

/**
 * The circuit of one {@link RedisCache}: it opens on the first operation that finds the server unreachable, fails
 * every operation at once while it is open, probes the server in the background, and closes once the server answers
 * and what was written meanwhile has been invalidated.
 *
 * <p><b>Why it exists.</b> A refused connection fails at once, but a server that hangs, or a connection that queues
 * commands while it reconnects (Lettuce's default, so that of a Spring Boot application's connection factory), makes
 * each operation wait for the command timeout: a page with two cache calls would wait twice. Once one operation has
 * found the server unreachable, the others need not find out again.
 *
 * <p><b>Pending invalidations.</b> A write that failed (a {@code SET} that timed out, or one never sent because the
 * circuit was open) leaves the server with the value from before it; should that server come back with its data (a
 * hung host, a network partition, a failover to a replica), it would serve a value that the application replaced.
 * So the keys of failed writes are remembered, and the probe deletes them before the circuit closes: no read is sent
 * to the server before those keys are gone. The memory is bounded: past {@code maxPendingKeys} distinct keys, the
 * keys are forgotten and the whole cache is cleared instead, as it is after a {@code clear()} that failed.
 *
 * <p><b>State.</b> One lock guards the outage, the pending keys and the clear request; operations read only the
 * volatile outage while the circuit is closed, so the usual case takes no lock. Every remembered key carries the
 * sequence number of its latest failed write, so that a key whose write fails again while the probe invalidates is
 * kept for the next round instead of being forgotten.
 */
final class RedisCircuit implements AutoCloseable {

    /** Passed as the written keys of an operation that changes every key of the cache, such as {@code clear()}. */
    static final byte[][] EVERY_KEY = new byte[0][];

    /** Passed as the written keys of an operation that changes nothing, such as a read. */
    static final byte[][] NO_KEY = new byte[0][];

    private static final System.Logger LOGGER = System.getLogger(RedisCircuit.class.getName());

    private final String where;

    private final Duration probeInterval;

    private final int maxPendingKeys;

    private final Recovery recovery;

    private final ScheduledThreadPoolExecutor prober;

    private final Object lock = new Object();

    /** The outage under way, or {@code null} while the circuit is closed. Written under {@link #lock}. */
    private volatile Outage outage;

    /** The keys whose writes failed, with the sequence number of the latest failure of each. */
    private final Map<ByteBuffer, Long> pendingKeys = new HashMap<>();

    private long sequence;

    /** The sequence number of the latest request to clear every key; above {@link #clearedUpTo} while one waits. */
    private long clearRequested;

    private long clearedUpTo;

    private boolean closed;

    /**
     * Creates a closed circuit.
     * @param where the server, as messages name it
     * @param probeInterval how long the probe waits after a failed attempt before it tries again
     * @param maxPendingKeys how many distinct keys are remembered before the whole cache is cleared instead
     * @param recovery what the probe runs: a round trip to the server, then the invalidations
     */
    RedisCircuit(String where, Duration probeInterval, int maxPendingKeys, Recovery recovery) {
        this.where = Objects.requireNonNull(where, "where");
        this.probeInterval = Objects.requireNonNull(probeInterval, "probeInterval");
        this.maxPendingKeys = maxPendingKeys;
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        ThreadFactory threads = (runnable) -> {
            Thread thread = new Thread(runnable, "locmem-redis-probe");
            thread.setDaemon(true);
            return thread;
        };
        this.prober = new ScheduledThreadPoolExecutor(1, threads);
        // The thread exists only during outages: it starts with the first probe and ends when no probe is due.
        this.prober.setKeepAliveTime(Math.max(probeInterval.toMillis() * 2, 10_000), TimeUnit.MILLISECONDS);
        this.prober.allowCoreThreadTimeOut(true);
        this.prober.setRemoveOnCancelPolicy(true);
    }

    /**
     * Lets an operation through while the circuit is closed; while it is open, remembers the keys the operation
     * would have written and fails it at once.
     * @param operation what is asked, as {@code "get of key 'k'"}
     * @param written the keys the operation writes, {@link #NO_KEY} or {@link #EVERY_KEY}
     * @throws CacheUnavailableException while the circuit is open
     */
    void admit(String operation, byte[][] written) {
        Outage current = this.outage;
        if (current == null) {
            return;
        }
        synchronized (this.lock) {
            current = this.outage;
            if (current == null) {
                // The probe closed the circuit in the meantime: the operation can be sent.
                return;
            }
            remember(written);
        }
        throw new CacheUnavailableException(this.where + " is unavailable for " + operation + ": failing fast since "
                + current.since() + " (" + current.cause() + "), until a background probe finds it back", null);
    }

    /**
     * Records an operation that found the server unreachable: remembers its keys and opens the circuit.
     * @param written the keys the operation writes, {@link #NO_KEY} or {@link #EVERY_KEY}
     * @param failure what the operation threw
     */
    void failed(byte[][] written, CacheUnavailableException failure) {
        synchronized (this.lock) {
            remember(written);
            if (this.outage != null || this.closed) {
                return;
            }
            this.outage = new Outage(Instant.now(), RedisFaults.rootMessage(failure));
            LOGGER.log(System.Logger.Level.INFO, () -> this.where + " is unavailable (" + this.outage.cause()
                    + "); failing fast and probing it every " + this.probeInterval.toMillis() + " ms");
            schedule(this.probeInterval);
        }
    }

    /**
     * Tells whether the circuit is open.
     * @return {@code true} from an operation's failure until a probe found the server back
     */
    boolean isOpen() {
        return this.outage != null;
    }

    /**
     * Tells how many keys wait to be invalidated; for tests.
     * @return the number of remembered keys
     */
    int pendingKeyCount() {
        synchronized (this.lock) {
            return this.pendingKeys.size();
        }
    }

    /**
     * Tells whether the whole cache waits to be cleared; for tests.
     * @return {@code true} after a failed {@code clear()} or an overflow of the pending keys, until recovery
     */
    boolean clearPending() {
        synchronized (this.lock) {
            return this.clearRequested > this.clearedUpTo;
        }
    }

    /** Stops probing; the circuit stays as it is. */
    @Override
    public void close() {
        synchronized (this.lock) {
            this.closed = true;
        }
        this.prober.shutdownNow();
    }

    private void remember(byte[][] written) {
        if (written == EVERY_KEY) {
            // A clear covers every key written before it: they need not be remembered one by one.
            this.pendingKeys.clear();
            this.clearRequested = ++this.sequence;
            return;
        }
        for (byte[] key : written) {
            ByteBuffer wrapped = ByteBuffer.wrap(key);
            if (this.pendingKeys.size() >= this.maxPendingKeys && !this.pendingKeys.containsKey(wrapped)) {
                LOGGER.log(System.Logger.Level.INFO, () -> "More than " + this.maxPendingKeys + " writes to "
                        + this.where + " failed during this outage; the cache will be cleared when it is back");
                this.pendingKeys.clear();
                this.clearRequested = ++this.sequence;
                return;
            }
            this.pendingKeys.put(wrapped, ++this.sequence);
        }
    }

    private void schedule(Duration delay) {
        try {
            this.prober.schedule(this::probe, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            // Closed: nothing is probed any more.
        }
    }

    private void probe() {
        Map<ByteBuffer, Long> keys;
        long clear;
        synchronized (this.lock) {
            if (this.closed || this.outage == null) {
                return;
            }
            keys = new HashMap<>(this.pendingKeys);
            clear = (this.clearRequested > this.clearedUpTo) ? this.clearRequested : 0;
        }
        List<byte[]> toDelete = new ArrayList<>(keys.size());
        keys.keySet().forEach((key) -> toDelete.add(key.array()));
        try {
            this.recovery.recover(toDelete, clear != 0);
        }
        catch (RuntimeException ex) {
            LOGGER.log(System.Logger.Level.DEBUG, () -> "Probe of " + this.where + " failed: "
                    + RedisFaults.rootMessage(ex));
            synchronized (this.lock) {
                schedule(this.probeInterval);
            }
            return;
        }
        synchronized (this.lock) {
            keys.forEach(this.pendingKeys::remove);
            if (clear != 0) {
                this.clearedUpTo = Math.max(this.clearedUpTo, clear);
            }
            if (!this.pendingKeys.isEmpty() || this.clearRequested > this.clearedUpTo) {
                // Writes failed while this round ran: invalidate them too before closing.
                schedule(Duration.ZERO);
                return;
            }
            this.outage = null;
        }
        LOGGER.log(System.Logger.Level.INFO, () -> this.where + " answers again"
                + ((clear != 0) ? "; the cache was cleared, as writes to it failed during the outage"
                        : keys.isEmpty() ? "" : "; " + keys.size() + " keys whose writes failed were deleted"));
    }

    /** What the probe runs against the server; it throws when the server cannot be reached. */
    @FunctionalInterface
    interface Recovery {

        /**
         * Makes a round trip to the server, then deletes the keys, then clears the cache if asked.
         * @param keys the keys whose writes failed
         * @param clearEveryKey whether the whole cache is to be cleared
         */
        void recover(List<byte[]> keys, boolean clearEveryKey);
    }

    /** An outage: since when, and the first failure's root message. */
    private record Outage(Instant since, String cause) {
    }
}
