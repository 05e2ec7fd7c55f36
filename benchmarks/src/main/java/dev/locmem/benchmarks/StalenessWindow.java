package dev.locmem.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.redis.RedisCacheProvider;
import dev.locmem.cache.redis.RedisNearCache;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

/**
 * The near cache's staleness window across processes: this JVM writes a key through the redis backend, another JVM
 * (started by this one, same class path) keeps it in a near cache and reads it in a loop, and each write's window is
 * the time from just before the write was sent to the moment the other process first read the new value, which
 * includes the invalidation's trip and the refill's round trip. Both processes run on one machine, where
 * {@link System#nanoTime()} is one clock for all of them (Linux: {@code CLOCK_MONOTONIC}), against a redis-server
 * started here on a free loopback port.
 *
 * <p>Usage: {@code StalenessWindow <out.json> [writes]}; writes are 5 ms apart.
 */
public final class StalenessWindow {

    private static final String KEY = "stamp";

    private static final long END = -2;

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
            List<Long> windows = measure(server.port(), writes);
            Collections.sort(windows);
            String json = String.format(Locale.ROOT, "{\"writes\": %d, \"seen\": %d, \"p50_us\": %.1f, \"p99_us\": %.1f, "
                    + "\"max_us\": %.1f}%n", writes, windows.size(), micros(windows, 0.50), micros(windows, 0.99),
                    windows.get(windows.size() - 1) / 1000.0);
            Files.writeString(out, json);
            System.out.print(json);
        }
    }

    private static List<Long> measure(int port, int writes) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process reader = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                StalenessWindow.class.getName(), "reader", Integer.toString(port)).redirectError(
                        ProcessBuilder.Redirect.INHERIT).start();
        List<Long> windows = new ArrayList<>();
        try (CacheBackend writer = cache(port, false);
                BufferedReader lines = new BufferedReader(new InputStreamReader(reader.getInputStream(),
                        StandardCharsets.UTF_8))) {
            writer.set(KEY, 0L);
            String line = lines.readLine();
            if (!"ready".equals(line)) {
                throw new IllegalStateException("The reader did not start: " + line);
            }
            for (int i = 0; i < writes; i++) {
                writer.set(KEY, System.nanoTime());
                Thread.sleep(5);
            }
            writer.set(KEY, END);
            while ((line = lines.readLine()) != null && !line.equals("end")) {
                windows.add(Long.parseLong(line));
            }
        }
        finally {
            reader.destroy();
        }
        return windows;
    }

    /** The other process: reads the key through a near cache until the end marker, printing each new value's window. */
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
            StringBuilder seen = new StringBuilder();
            while (true) {
                long now = (Long) cache.get(KEY, 0L);
                if (now != last) {
                    long at = System.nanoTime();
                    if (now == END) {
                        break;
                    }
                    seen.append(at - now).append('\n');
                    last = now;
                }
                Thread.onSpinWait();
            }
            System.out.print(seen);
            System.out.println("end");
            System.out.flush();
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
}
