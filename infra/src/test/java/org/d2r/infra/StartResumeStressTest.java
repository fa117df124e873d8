package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start, stop and resume one run many times in a row on the embedded stack, the pattern that froze
 * 4 of 9 resumes before the native libraries were loaded on one thread up front (a lock-order deadlock
 * in the dynamic loader between the learner's first ND4J call and the evaluator's first plot). Each
 * start must make progress past its first update with its evaluator plotting beside it, stop on SIGINT
 * or kill -9 at a seeded random point, and the last resume must end exactly at the budget. The watchdog
 * of {@link TrainRuns} turns a freeze into a failure carrying the frozen JVM's thread dump.
 *
 * <p>{@code -Dd2r.stressCycles=N} runs more cycles (the CI default keeps the suite's time reasonable);
 * {@code -Dd2r.faultSeed=N} repeats one sequence.
 */
class StartResumeStressTest {

    private static final int CYCLES = Integer.getInteger("d2r.stressCycles", 3);
    private static final long SEED = Long.getLong("d2r.faultSeed", System.nanoTime());

    @Test
    void startingAndResumingManyTimesNeverHangsAndEndsExactlyAtTheBudget(@TempDir Path dir) throws Exception {
        TrainRuns runs = new TrainRuns(dir);
        Random rnd = new Random(SEED);
        Path run = dir.resolve("stress");
        long budget = TrainRuns.finalUpdates();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            // the rows the last process left (a stop's final checkpoint can be past its fault point; a kill's rows past
            // its checkpoint are cut back when the learner restarts): the target lies beyond them, so that this start
            // trains again, not only starts
            long reached = TrainRuns.metricsRows(run).size();
            if (reached >= budget - 6) break;
            Process train = runs.start(cycle == 0 ? "--run-dir" : "--resume", run);
            long target = Math.min(budget - 5, reached + 1 + rnd.nextInt((int) Math.max(1, (budget - reached) / (CYCLES - cycle + 1))));
            boolean kill = rnd.nextBoolean();
            System.out.println("StartResumeStressTest: seed " + SEED + ", cycle " + cycle + ": " + (kill ? "kill -9" : "SIGINT")
                    + " after update " + target);
            runs.awaitUpdate(train, run, target);
            if (kill) {
                long broker = TrainRuns.brokerPid(run);
                train.destroyForcibly();
                assertTrue(train.waitFor(30, TimeUnit.SECONDS), "kill -9 did not end train");
                TrainRuns.awaitGone(broker, "the broker of the killed run, cycle " + cycle);
            } else {
                new ProcessBuilder("kill", "-INT", Long.toString(train.pid())).start().waitFor();
                assertEquals(130, runs.awaitExit(train, run, "stopping on SIGINT, cycle " + cycle), runs.outputText(train));
            }
        }
        runs.resumeToTheBudget(run);
    }
}
