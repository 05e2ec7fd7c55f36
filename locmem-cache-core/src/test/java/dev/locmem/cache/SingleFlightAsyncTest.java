package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SingleFlight#runAsync}: one asynchronous load per key at a time, its future shared by the callers that come
 * while it runs, forgotten once it completes.
 */
class SingleFlightAsyncTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final SingleFlight flights = new SingleFlight();

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        this.pool.shutdownNow();
        assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).as("threads stopped").isTrue();
    }

    @Test
    void aCallerThatComesWhileALoadRunsSharesItInsteadOfLoading() {
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<Object> slow = new CompletableFuture<>();
        CompletableFuture<Object> leader = run("key", () -> {
            loads.incrementAndGet();
            return slow;
        });
        CompletableFuture<Object> sharer = run("key", () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture("other");
        });
        assertThat(sharer).isNotDone();
        slow.complete("loaded");
        assertThat(leader).isCompletedWithValue("loaded");
        assertThat(sharer).isCompletedWithValue("loaded");
        assertThat(loads).hasValue(1);
    }

    @Test
    void manyThreadsAskingForOneKeyStartItsLoadOnce() {
        int threads = 16;
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<Object> slow = new CompletableFuture<>();
        List<CompletableFuture<Object>> results = new ArrayList<>();
        assertTimeoutPreemptively(BOUND, () -> {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CompletableFuture<Object>>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                calls.add(this.pool.submit(() -> {
                    go.await();
                    return run("key", () -> {
                        loads.incrementAndGet();
                        return slow;
                    });
                }));
            }
            go.countDown();
            for (Future<CompletableFuture<Object>> call : calls) {
                results.add(call.get());
            }
            slow.complete("loaded");
        });
        assertThat(loads).hasValue(1);
        assertThat(results).hasSize(threads).allSatisfy((result) -> assertThat(result).isCompletedWithValue("loaded"));
    }

    @Test
    void differentKeysLoadApart() {
        CompletableFuture<Object> a = run("a", () -> new CompletableFuture<>());
        CompletableFuture<Object> b = run("b", () -> CompletableFuture.completedFuture("b"));
        assertThat(a).isNotDone();
        assertThat(b).isCompletedWithValue("b");
    }

    @Test
    void aFailedFutureReachesEverySharerWithItsOwnException() {
        IllegalStateException failure = new IllegalStateException("boom");
        CompletableFuture<Object> slow = new CompletableFuture<>();
        CompletableFuture<Object> leader = run("key", () -> slow);
        CompletableFuture<Object> sharer = run("key", () -> CompletableFuture.completedFuture("not run"));
        slow.completeExceptionally(failure);
        assertThat(leader).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
        assertThat(sharer).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
    }

    @Test
    void aFailureOfADependentStageReachesTheCallersAsTheCauseItCarries() {
        IllegalStateException failure = new IllegalStateException("boom");
        CompletableFuture<Object> leader = run("key", () -> CompletableFuture.completedFuture("x").thenApply((x) -> {
            throw failure;
        }));
        assertThat(leader).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
    }

    @Test
    void aLoadThatThrowsFailsTheFutureAndIsForgotten() {
        IllegalStateException failure = new IllegalStateException("boom");
        CompletableFuture<Object> leader = run("key", () -> {
            throw failure;
        });
        assertThat(leader).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
        assertThat(this.flights.runningAsync()).isZero();
    }

    @Test
    void aLoadThatReturnsNoFutureFailsTheFuture() {
        CompletableFuture<Object> leader = run("key", () -> null);
        assertThat(leader).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause()
                .isInstanceOf(NullPointerException.class);
        assertThat(this.flights.runningAsync()).isZero();
    }

    @Test
    void theFlightIsForgottenOnceItsFutureCompletes() {
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<Object> slow = new CompletableFuture<>();
        run("key", () -> {
            loads.incrementAndGet();
            return slow;
        });
        assertThat(this.flights.runningAsync()).isOne();
        slow.complete("first");
        assertThat(this.flights.runningAsync()).isZero();
        CompletableFuture<Object> next = run("key", () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture("second");
        });
        assertThat(next).isCompletedWithValue("second");
        assertThat(loads).hasValue(2);
    }

    @Test
    void theFlightIsForgottenBeforeAnyCallerIsToldItsResult() {
        CompletableFuture<Object> slow = new CompletableFuture<>();
        AtomicInteger runningWhenTold = new AtomicInteger(-1);
        AtomicInteger runningWhenSharerTold = new AtomicInteger(-1);
        run("key", () -> slow).thenRun(() -> runningWhenTold.set(this.flights.runningAsync()));
        run("key", () -> slow).thenRun(() -> runningWhenSharerTold.set(this.flights.runningAsync()));
        slow.complete("loaded");
        assertThat(runningWhenTold).hasValue(0);
        assertThat(runningWhenSharerTold).hasValue(0);
    }

    @Test
    void aSynchronousRunOnTheThreadOfARunningAsynchronousLoadLeadsItsOwnAtOnce() {
        CompletableFuture<Object> slow = new CompletableFuture<>();
        CompletableFuture<Object> async = run("key", () -> slow);
        assertTimeoutPreemptively(BOUND, () -> assertThat(this.flights.run("key", "key", () -> "sync",
                UnaryOperator.identity(), UnaryOperator.identity())).isEqualTo("sync"));
        slow.complete("async");
        assertThat(async).isCompletedWithValue("async");
    }

    @Test
    void anAsynchronousRunDuringASynchronousLoadOfTheSameKeyLeadsItsOwn() {
        AtomicReference<CompletableFuture<Object>> inner = new AtomicReference<>();
        Object outer = assertTimeoutPreemptively(BOUND, () -> this.flights.run("key", "key", () -> {
            inner.set(run("key", () -> CompletableFuture.completedFuture("async")));
            return "sync";
        }, UnaryOperator.identity(), UnaryOperator.identity()));
        assertThat(outer).isEqualTo("sync");
        assertThat(inner.get()).isCompletedWithValue("async");
    }

    @Test
    void sharersAreGivenTheirUnshareOfTheSharedFormAndTheLeaderTheLoadedValue() {
        CompletableFuture<Object> slow = new CompletableFuture<>();
        CompletableFuture<Object> leader = this.flights.runAsync("key", () -> slow, (value) -> "shared " + value,
                (shared) -> "copy of " + shared);
        CompletableFuture<Object> sharer = this.flights.runAsync("key", () -> slow, (value) -> "shared " + value,
                (shared) -> "copy of " + shared);
        slow.complete("v");
        assertThat(leader).isCompletedWithValue("v");
        assertThat(sharer).isCompletedWithValue("copy of shared v");
    }

    @Test
    void aShareThatFailsFailsTheSharersButNotTheLeader() {
        IllegalStateException failure = new IllegalStateException("cannot copy");
        CompletableFuture<Object> slow = new CompletableFuture<>();
        UnaryOperator<Object> failing = (value) -> {
            throw failure;
        };
        CompletableFuture<Object> leader = this.flights.runAsync("key", () -> slow, failing, UnaryOperator.identity());
        CompletableFuture<Object> sharer = this.flights.runAsync("key", () -> slow, failing, UnaryOperator.identity());
        slow.complete("v");
        assertThat(leader).isCompletedWithValue("v");
        assertThat(sharer).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
    }

    @Test
    void completingOneCallersFutureDoesNotReachTheOthers() {
        CompletableFuture<Object> slow = new CompletableFuture<>();
        CompletableFuture<Object> leader = run("key", () -> slow);
        CompletableFuture<Object> sharer = run("key", () -> slow);
        CompletableFuture<Object> another = run("key", () -> slow);
        leader.complete("forced");
        sharer.cancel(false);
        assertThat(another).isNotDone();
        slow.complete("loaded");
        assertThat(another).isCompletedWithValue("loaded");
    }

    private CompletableFuture<Object> run(Object key, Supplier<CompletableFuture<Object>> load) {
        return this.flights.runAsync(key, load, UnaryOperator.identity(), UnaryOperator.identity());
    }
}
