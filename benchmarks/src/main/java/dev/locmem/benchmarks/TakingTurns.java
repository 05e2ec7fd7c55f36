package dev.locmem.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * The turn-taking of the paired benchmarks: iterations, warm-up ones included, go to the subject and the reference in
 * the order S R R S, repeated, so that each candidate is measured as often before its partner as after it and a
 * steady drift cancels out. report.py pairs the iterations the same way (see {@link PairedGetBenchmark}).
 */
public abstract class TakingTurns {

    /** Iterations begun so far, warm-up ones included. */
    private int iterations;

    /** Whether the current iteration measures the subject. */
    protected boolean onSubject;

    /** Picks the candidate of the next iteration: S R R S, repeated. */
    @Setup(Level.Iteration)
    public void takeTurns() {
        int turn = this.iterations++ % 4;
        this.onSubject = (turn == 0 || turn == 3);
    }
}
