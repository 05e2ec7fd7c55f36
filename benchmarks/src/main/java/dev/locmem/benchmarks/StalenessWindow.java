package dev.locmem.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.redis.RedisCacheProvider;
import dev.locmem.cache.redis.RedisNearCache;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

/**
 * The near cache's staleness window across processes: this JVM writes a key through the redis backend, another JVM
 * (started by this one, same class path) keeps it in a near cache, and each write gives two times, both from just
 * before the write was sent: until the other process has applied the invalidation (its copy is dropped, so no read
 * there can return the old value any more: the staleness window proper), and until it has read the new value, which
 * adds the refill's round trip. Both processes run on one machine, where {@link System#nanoTime()} is one clock for
 * all of them (Linux: {@code CLOCK_MONOTONIC}), against a redis-server started here on a free loopback port.
 *
 * <p>Writes go one at a time: the next is sent only once the reader has reported the last one, and a pause apart, so
 * that every write is measured by itself. Sent back to back, a late invalidation would be overtaken by the next
 * write, and the window of the late one, the tail that matters, would go unmeasured.
 *
 * <p>The reader holds one copy, of that key, and watches its near cache's size, a few tens of microseconds apart: when
 * the copy is gone, the invalidation has been applied; it notes the time and then reads the key, whose value is the
 * time its write began, which keeps a copy again. (The count of invalidations received would not do: it moves as a
 * message arrives, a moment before the copy is dropped, and a read in that moment is still served the old copy.) It
 * polls rather than
 * spins: on a machine of two cores a reader that never yields takes one of them, and the threads that deliver the
 * invalidation (the reader's own event loop, the server, the writer) then share the other, which measures the starved
 * machine rather than the cache.
 *
 * <p>The first {@link #WARM_UP_WRITES} writes are made the same way and not counted: until the JIT has compiled the
 * paths on both sides (the writer's command, the reader's push decoding and invalidation), a window measures the
 * interpreter, as JMH's warm-up iterations keep out of its figures.
 *
 * <p>Usage: {@code StalenessWindow <out.json> [writes]}.
 */
public final class StalenessWindow {

    private static final String KEY = "stamp";

    private static final long END = -2;

    /** How long the reader waits between two looks; the window is measured to within this and the park's slack. */
    private static final long POLL_NANOS = 20_000;

    /** Writes made before the measured ones, and not counted. */
    private static final int WARM_UP_WRITES = 500;

    /**
     * How long the writer waits between two looks for the reader's report: it only paces the writes (each window is
     * timed by the reader), so it looks seldom, leaving the cores to the processes being measured.
     */
    private static final long REPORT_POLL_NANOS = 1_000_000;

    /** The pause between one write's report and the next write. */
    private static final long PAUSE_MILLIS = 5;

    /** The longest the writer waits for the reader's report of one write before it gives up the run. */
    private static final long REPORT_WITHIN_NANOS = 10_000_000_000L;

    private StalenessWindow() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("reader")) {
            read(Integer.parseInt(args[1]));
            return;
        }
        Path out = Path.of(args.length > 0 ? args[0] : "staleness.json");
        int writes = (args.length > 1) ? Integer.parseInt(args[1]) : 2000;
        try (RedisServerProcess server = RedisServerProcess.startOnFreePort()) {
            List<Long> applied = new ArrayList<>();
            List<Long> read = new ArrayList<>();
            // Collections during the measured writes: count and milliseconds, of the reader and of this JVM.
            long[] gc = new long[4];
            measure(server.port(), writes, applied, read, gc);
            Collections.sort(applied);
            Collections.sort(read);
            String json = String.format(Locale.ROOT, "{\"warm_up_writes\": %d, \"writes\": %d, \"seen\": %d, "
                    + "\"p50_us\": %.1f, \"p99_us\": %.1f, \"max_us\": %.1f, \"read_p50_us\": %.1f, "
                    + "\"read_p99_us\": %.1f, \"read_max_us\": %.1f, \"reader_gc_count\": %d, \"reader_gc_ms\": %d, "
                    + "\"writer_gc_count\": %d, \"writer_gc_ms\": %d}%n", WARM_UP_WRITES, writes, applied.size(),
                    micros(applied, 0.50), micros(applied, 0.99), applied.get(applied.size() - 1) / 1000.0,
                    micros(read, 0.50), micros(read, 0.99), read.get(read.size() - 1) / 1000.0, gc[0], gc[1], gc[2],
                    gc[3]);
            Files.writeString(out, json);
            System.out.print(json);
        }
    }

    private static void measure(int port, int writes, List<Long> applied, List<Long> read, long[] gc)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process reader = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                StalenessWindow.class.getName(), "reader", Integer.toString(port)).redirectError(
                        ProcessBuilder.Redirect.INHERIT).start();
        try (CacheBackend writer = cache(port, false);
                BufferedReader lines = new BufferedReader(new InputStreamReader(reader.getInputStream(),
                        StandardCharsets.UTF_8))) {
            writer.set(KEY, 0L);
            String line = lines.readLine();
            if (!"ready".equals(line)) {
                throw new IllegalStateException("The reader did not start: " + line);
            }
            long gcCount = 0;
            long gcMillis = 0;
            for (int i = 0; i < WARM_UP_WRITES + writes; i++) {
                if (i == WARM_UP_WRITES) {
                    gcCount = GcTotals.collectionCount();
                    gcMillis = GcTotals.collectionMillis();
                }
                writer.set(KEY, System.nanoTime());
                String[] report = report(lines).split(" ");
                if (i >= WARM_UP_WRITES) {
                    applied.add(Long.parseLong(report[0]));
                    read.add(Long.parseLong(report[1]));
                }
                Thread.sleep(PAUSE_MILLIS);
            }
            gc[2] = GcTotals.collectionCount() - gcCount;
            gc[3] = GcTotals.collectionMillis() - gcMillis;
            writer.set(KEY, END);
            String[] readerGc = report(lines).split(" ");
            gc[0] = Long.parseLong(readerGc[1]);
            gc[1] = Long.parseLong(readerGc[2]);
        }
        finally {
            reader.destroy();
        }
    }

    /** The reader's next line, within {@link #REPORT_WITHIN_NANOS}. */
    private static String report(BufferedReader lines) throws Exception {
        long deadline = System.nanoTime() + REPORT_WITHIN_NANOS;
        while (!lines.ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The reader saw no invalidation of a write within 10 s");
            }
            LockSupport.parkNanos(REPORT_POLL_NANOS);
        }
        return lines.readLine();
    }

    /**
     * The other process: on each invalidation, notes the time and reads the key, until the end marker; prints one line
     * a write: the nanoseconds until the invalidation was applied and until the new value was read; and at the end
     * its collections (count and milliseconds) during the measured writes.
     */
    private static void read(int port) throws Exception {
        try (CacheBackend cache = cache(port, true)) {
            RedisNearCache near = (RedisNearCache) cache;
            while (!near.isTracking()) {
                Thread.sleep(5);
            }
            cache.get(KEY);
            System.out.println("ready");
            System.out.flush();
            long last = 0;
            int reported = 0;
            long gcCount = 0;
            long gcMillis = 0;
            while (true) {
                if (near.nearCacheStats().size() == 0) {
                    long appliedAt = System.nanoTime();
                    long stamp = (Long) cache.get(KEY, 0L);
                    long readAt = System.nanoTime();
                    if (stamp == END) {
                        System.out.println("gc " + (GcTotals.collectionCount() - gcCount) + " "
                                + (GcTotals.collectionMillis() - gcMillis));
                        System.out.flush();
                        return;
                    }
                    // The same value again: a refill that an invalidation overtook kept no copy; wait for the next write.
                    if (stamp != last) {
                        System.out.println((appliedAt - stamp) + " " + (readAt - stamp));
                        System.out.flush();
                        last = stamp;
                        if (++reported == WARM_UP_WRITES) {
                            gcCount = GcTotals.collectionCount();
                            gcMillis = GcTotals.collectionMillis();
                        }
                    }
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }

    private static CacheBackend cache(int port, boolean near) {
        CacheSettings.Builder settings = CacheSettings.builder().backend(RedisCacheProvider.NAME)
                .location("redis://" + RedisServerProcess.HOST + ":" + port);
        if (near) {
            settings.option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 100);
        }
        return new RedisCacheProvider().create(settings.build());
    }

    private static double micros(List<Long> sorted, double quantile) {
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    /** The collections of this JVM so far, all collectors, to tell a window's GC pauses from the cache's own time. */
    private static final class GcTotals {

        static long collectionCount() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter((count) -> count > 0).sum();
        }

        static long collectionMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter((millis) -> millis > 0).sum();
        }
    }
}
