package dev.locmem.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.fail;

/**
 * The end of a concurrency test: waiting for its tasks within a bound, so that a deadlock or a livelock fails the test
 * instead of hanging the build.
 */
public final class BoundedTasks {

    private BoundedTasks() {
    }

    /**
     * Waits for every task, all of them within one bound.
     * @param futures the tasks
     * @param bound the longest the tasks may run together
     * @throws Exception the first task's exception, as the task threw it
     */
    public static void awaitAll(List<? extends Future<?>> futures, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        for (Future<?> future : futures) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (ExecutionException ex) {
                throw (ex.getCause() instanceof Exception cause) ? cause : ex;
            }
            catch (TimeoutException ex) {
                fail("threads still running after " + bound);
            }
        }
    }
}
