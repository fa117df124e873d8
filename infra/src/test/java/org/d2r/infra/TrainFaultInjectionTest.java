package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults an operator meets, on {@code train} in a child JVM with its embedded broker: the fault at a
 * seeded random point of the run ({@code -Dd2r.faultSeed=N} repeats one), then {@code --resume} to the
 * budget. Whatever was killed and when, the run ends as one left alone would: exactly the budget's
 * committed transitions per task, no (task, env, episode, step) twice, the updates the replay ratio
 * gives for them trained once each in sequence, and nothing of the run left running.
 */
class TrainFaultInjectionTest {

    private static final long SEED = Long.getLong("d2r.faultSeed", System.nanoTime());

    @Test
    void killMinus9OfTrainThenResumeEndsExactlyAtTheBudget(@TempDir Path dir) throws Exception {
        TrainRuns runs = new TrainRuns(dir);
        Path run = dir.resolve("killed");
        Process train = runs.start("--run-dir", run);
        killAtRandomUpdate(runs, run, train, new Random(SEED));
        long broker = TrainRuns.brokerPid(run);
        train.destroyForcibly(); // SIGKILL: no hook, no commit, no close
        train.waitFor(30, TimeUnit.SECONDS);
        TrainRuns.awaitGone(broker, "the broker of the killed run");
        runs.resumeToTheBudget(run);
    }

    @Test
    void aBrokerKilledMidRunStopsTrainWithExit1AndTheResumeEndsExactlyAtTheBudget(@TempDir Path dir) throws Exception {
        TrainRuns runs = new TrainRuns(dir);
        Path run = dir.resolve("broker-killed");
        Process train = runs.start("--run-dir", run);
        killAtRandomUpdate(runs, run, train, new Random(SEED + 1));
        ProcessHandle.of(TrainRuns.brokerPid(run)).ifPresent(ProcessHandle::destroyForcibly);
        int exit = runs.awaitExit(train, run, "stopping after its broker died");
        String out = runs.outputText(train);
        assertEquals(1, exit, out);
        assertTrue(out.contains("train: ") && !out.contains("Exception in thread"), "a one-line reason, not a stack trace: " + out);
        runs.resumeToTheBudget(run);
    }

    @Test
    void ctrlCExits130AndTheResumeEndsExactlyAtTheBudget(@TempDir Path dir) throws Exception {
        TrainRuns runs = new TrainRuns(dir);
        Path run = dir.resolve("interrupted");
        Process train = runs.start("--run-dir", run);
        killAtRandomUpdate(runs, run, train, new Random(SEED + 2));
        new ProcessBuilder("kill", "-INT", Long.toString(train.pid())).start().waitFor();
        assertEquals(130, runs.awaitExit(train, run, "stopping on SIGINT"), runs.outputText(train));
        runs.resumeToTheBudget(run);
    }

    private static void killAtRandomUpdate(TrainRuns runs, Path run, Process train, Random rnd) throws Exception {
        // anywhere from just after the first batch to shortly before the last; then a jitter that moves the
        // fault off the learner's rhythm (into a producer transaction, a checkpoint, a snapshot...)
        long target = 1 + rnd.nextInt((int) TrainRuns.finalUpdates() - 20);
        long jitterMs = rnd.nextInt(1500);
        System.out.println("TrainFaultInjectionTest: seed " + SEED + ", fault after update " + target + " + " + jitterMs + " ms");
        runs.awaitUpdate(train, run, target);
        Thread.sleep(jitterMs);
        assertTrue(train.isAlive(), "train ended before the fault");
    }
}
