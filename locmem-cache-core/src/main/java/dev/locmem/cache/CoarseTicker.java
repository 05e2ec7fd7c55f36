package dev.locmem.cache;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock read with one volatile load: a daemon thread stores {@link System#nanoTime()} about every millisecond.
 *
 * <p>Why: on a cache hit the map lookup costs about as much as a call to {@code System.nanoTime()}, and Django's
 * timeouts are whole seconds, so millisecond accuracy is plenty and halves the cost of a read.
 *
 * <p>The thread runs only while someone holds the clock ({@link #acquire()} / {@link #release()}): open
 * {@link LocMemCache}s do. While it does not run, {@link #read()} falls back to {@code System.nanoTime()}, so a reading
 * is never stale by more than about a millisecond, and nothing keeps a class loader alive once every cache is closed.
 */
final class CoarseTicker implements Ticker {

    static final CoarseTicker INSTANCE = new CoarseTicker();

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Stands in {@link #now} while no thread refreshes it. */
    private static final long STOPPED = Long.MIN_VALUE;

    private volatile long now = STOPPED;

    private int holders;

    private Thread thread;

    private CoarseTicker() {
    }

    @Override
    public long read() {
        long time = this.now;
        return (time != STOPPED) ? time : System.nanoTime();
    }

    synchronized void acquire() {
        if (this.holders++ == 0) {
            this.now = System.nanoTime();
            Thread refresher = new Thread(this::refresh, "locmem-cache-clock");
            refresher.setDaemon(true);
            this.thread = refresher;
            refresher.start();
        }
    }

    synchronized void release() {
        if (this.holders > 0 && --this.holders == 0) {
            Thread refresher = this.thread;
            this.thread = null;
            this.now = STOPPED;
            LockSupport.unpark(refresher);
        }
    }

    private void refresh() {
        Thread self = Thread.currentThread();
        while (isCurrent(self)) {
            LockSupport.parkNanos(this, TICK_NANOS);
            synchronized (this) {
                if (this.thread == self) {
                    this.now = System.nanoTime();
                }
            }
        }
    }

    private synchronized boolean isCurrent(Thread refresher) {
        return this.thread == refresher;
    }
}
