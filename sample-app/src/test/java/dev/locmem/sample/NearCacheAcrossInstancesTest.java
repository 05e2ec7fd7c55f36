package dev.locmem.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample application, each a JVM of its own with its own Spring context and database, with the
 * {@code redis} profile (whose default alias, and so {@code books}, has a near cache) against one real
 * {@code redis-server} on loopback: what one instance writes the other reads within the invalidation window, a hot
 * book costs the second instance no Redis read, a writer that is not the application invalidates too, and killing
 * every connection or restarting the server leaves no stale read behind.
 */
@Timeout(600)
class NearCacheAcrossInstancesTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private static final String PREFIX = "two-instances";

    private static RedisServerProcess redis;

    private static SampleInstance writer;

    private static SampleInstance reader;

    private static RedisClient client;

    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.startOnFreePort();
        List<String> arguments = List.of("--spring.profiles.active=redis", "--spring.data.redis.host=" + RedisServerProcess.HOST,
                "--spring.data.redis.port=" + redis.port(), "--app.caches.default.key-prefix=" + PREFIX);
        writer = SampleInstance.start("writer", arguments);
        reader = SampleInstance.start("reader", arguments);
        writer.awaitStarted();
        reader.awaitStarted();
        client = RedisClient.create(RedisURI.Builder.redis(RedisServerProcess.HOST, redis.port()).build());
        connection = client.connect();
    }

    @AfterAll
    static void stop() {
        if (connection != null) {
            connection.close();
            client.shutdown();
        }
        for (AutoCloseable closeable : new AutoCloseable[] { reader, writer, redis }) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            }
            catch (Exception ex) {
                // Stop the others anyway.
            }
        }
    }

    @Test
    void aPriceChangedInOneInstanceIsReadInTheOtherWithinTheWindow() {
        readTwice(reader, 3);
        BigDecimal price = new BigDecimal("12.34");
        changePrice(writer, 3, price);
        long changed = System.nanoTime();
        awaitPrice(reader, 3, price);
        Duration seen = Duration.ofNanos(System.nanoTime() - changed);
        assertThat(seen).isLessThan(WITHIN);
    }

    @Test
    void repeatedReadsOfAHotBookInTheOtherInstanceAskRedisNothing() {
        readTwice(reader, 5);
        // The reader stored the book in Redis on its first read, and the server tells it of that write too. When that
        // invalidation arrives during the next read's fill, the fill is not kept (the fill race), so a read served
        // without the database may still have come from Redis: the book is held once a read asks Redis nothing.
        await("book 5 held in the reader's memory", () -> {
            long asked = gets();
            read(reader, 5);
            return gets() == asked;
        });
        long before = gets();
        for (int i = 0; i < 50; i++) {
            assertThat(databaseQueries(read(reader, 5))).isZero();
        }
        assertThat(gets() - before).isZero();
    }

    @Test
    void aDeleteByAnotherRedisClientIsSeenByTheInstanceThatHadTheBook() {
        readTwice(reader, 8);
        List<String> keys = redis().keys(PREFIX + "#books:*");
        assertThat(keys).isNotEmpty();
        redis().del(keys.toArray(new String[0]));
        await("book 8 read from the database again", () -> databaseQueries(read(reader, 8)) == 1);
    }

    @Test
    void killingEveryConnectionOfTheServerLeavesNoStaleRead() {
        readTwice(reader, 10);
        redis().clientKill(KillArgs.Builder.typeNormal());
        BigDecimal price = new BigDecimal("10.10");
        await("the price change stored", () -> changePriceAnswers(writer, 10, price));
        awaitPrice(reader, 10, price);
        for (int i = 0; i < 20; i++) {
            assertThat(price(read(reader, 10))).isEqualByComparingTo(price);
        }
    }

    @Test
    void aRestartOfTheServerLeavesNoStaleReadAndPagesAreServedMeanwhile() {
        readTwice(reader, 12);
        redis.stop();
        assertThat(JsonPath.<Integer>read(read(reader, 12), "$.book.id")).isEqualTo(12);
        redis.start();
        BigDecimal price = new BigDecimal("21.12");
        await("the price change stored", () -> changePriceAnswers(writer, 12, price));
        awaitPrice(reader, 12, price);
        for (int i = 0; i < 20; i++) {
            assertThat(price(read(reader, 12))).isEqualByComparingTo(price);
        }
    }

    private static RedisCommands<String, String> redis() {
        return connection.sync();
    }

    /** The server's count of {@code GET}s, scripts' included: every read of a value. */
    private static long gets() {
        for (String line : redis().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_get:")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }

    private static void readTwice(SampleInstance instance, long id) {
        read(instance, id);
        await("book " + id + " served from the cache", () -> databaseQueries(read(instance, id)) == 0);
    }

    private static String read(SampleInstance instance, long id) {
        return instance.http().get().uri("/books/" + id).retrieve().body(String.class);
    }

    private static void changePrice(SampleInstance instance, long id, BigDecimal price) {
        instance.http().put().uri("/books/" + id + "/price").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("price", price)).retrieve().toBodilessEntity();
    }

    /** Changes a price, and tells whether the cache stored it (it fails open, and then a reader may read the old). */
    private static boolean changePriceAnswers(SampleInstance instance, long id, BigDecimal price) {
        changePrice(instance, id, price);
        return price(read(instance, id)).compareTo(price) == 0 && databaseQueries(read(instance, id)) == 0;
    }

    private static void awaitPrice(SampleInstance instance, long id, BigDecimal price) {
        await("price " + price + " of book " + id + " in " + instance,
                () -> price(read(instance, id)).compareTo(price) == 0);
    }

    private static BigDecimal price(String body) {
        return new BigDecimal(JsonPath.read(body, "$.book.price").toString());
    }

    private static long databaseQueries(String body) {
        return JsonPath.<Number>read(body, "$.databaseQueries").longValue();
    }

    private static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (true) {
            try {
                if (condition.get()) {
                    return;
                }
            }
            catch (RuntimeException notYet) {
                // A request that failed while the server was coming back: try again until the bound.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + WITHIN + ": " + what);
            }
            SampleInstance.pause(20);
        }
    }
}
