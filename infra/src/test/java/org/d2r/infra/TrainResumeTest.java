package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.d2r.core.config.LearnerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/d2r train} on the embedded broker, stopped the way Ctrl-C stops it, then {@code --resume}d:
 * the run folder is consistent after the stop, and the second start continues the updates and the
 * env steps (no restart at 0, no batch trained twice or skipped).
 */
class TrainResumeTest {

    private static final int STEPS = 500;
    private static final List<String> TASKS = List.of("reach-v2", "push-v2");

    @Test
    void aRunStoppedLikeCtrlCResumesWhereItStopped(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("smoke-resume");
        int n = TASKS.size();
        long warmup = Math.max(Math.max(LearnerConfig.preset("smoke").sac().minTransitions(), 400L * n), 16L * n);
        long finalUpdates = (STEPS * n - warmup) / n + 1;

        // First start: stop (the shutdown hook's path) once the learner has trained a little.
        AtomicReference<TrainCommand.Session> first = new AtomicReference<>();
        CompletableFuture<Integer> code = start(options("--run-dir", run.toString()), first);
        await(() -> first.get() != null && updates(first.get()) >= 20, code);
        first.get().roles.interrupt();
        assertEquals(130, code.get(2, TimeUnit.MINUTES), "stopped, not finished");

        List<Long> sequences = batchSequences(run);
        long stoppedAt = sequences.size();
        assertTrue(stoppedAt >= 20 && stoppedAt < finalUpdates, "stopped part-way: " + stoppedAt + " updates");
        assertContiguousFromZero(sequences);
        assertTrue(Files.exists(checkpoint(run, stoppedAt)), "final checkpoint at the last update " + stoppedAt);
        long stepsReached = envSteps(first.get()) / n;
        assertTrue(stepsReached > warmup / n && stepsReached < STEPS, "producers stopped part-way: " + stepsReached);
        String log = Files.readString(run.resolve("logs/train.log"));
        assertTrue(log.contains("stopped learner (final checkpoint at update " + stoppedAt + ")") && log.contains("stopped broker"), log);

        // Resumed: runs to the step budget of the whole run.
        AtomicReference<TrainCommand.Session> second = new AtomicReference<>();
        code = start(options("--resume", run.toString()), second);
        await(() -> second.get() != null && envSteps(second.get()) == (long) STEPS * n
                && updates(second.get()) >= finalUpdates, code);
        Thread.sleep(3000); // a producer that restarted at 0 would have made more batches by now
        assertEquals(finalUpdates, updates(second.get()), "one update per step of all tasks over the whole run");
        second.get().roles.interrupt();
        assertEquals(130, code.get(2, TimeUnit.MINUTES));

        sequences = batchSequences(run);
        assertEquals(finalUpdates, sequences.size(), "metrics rows of both starts");
        assertContiguousFromZero(sequences);
        assertTrue(Files.exists(checkpoint(run, finalUpdates)));
        assertEquals((long) STEPS * n, envSteps(second.get()), "the budget counts the first start's steps");
        assertTrue(Files.readString(run.resolve("logs/train.log")).contains("producers continue at " + stepsReached + " env steps"),
                "the second start continued from what the first committed");
        assertTrue(Files.exists(run.resolve("config.json")) && Files.exists(run.resolve("config.resumed.json")));
    }

    private static TrainOptions options(String folderOption, String folder) throws Exception {
        return TrainRuns.parse(new String[] {"--preset", "smoke", "--tasks", String.join(",", TASKS), "--steps",
                Integer.toString(STEPS), folderOption, folder, "--snapshot-every", "10", "--eval-every", "1000000",
                "--max-lead", "20"});
    }

    private static long updates(TrainCommand.Session s) {
        return s.learner == null ? 0 : s.learner.updates();
    }

    private static long envSteps(TrainCommand.Session s) {
        return s.producers == null ? 0 : s.producers.envSteps();
    }

    private static CompletableFuture<Integer> start(TrainOptions o, AtomicReference<TrainCommand.Session> session) {
        CompletableFuture<Integer> code = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                code.complete(TrainCommand.run(o, session::set));
            } catch (Throwable e) {
                code.completeExceptionally(e);
            }
        }, "train-under-test");
        t.setDaemon(true);
        t.start();
        return code;
    }

    private static void await(BooleanSupplier condition, CompletableFuture<Integer> code) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (code.isDone()) throw new AssertionError("train ended early with exit code " + code.get());
            if (System.nanoTime() > deadline) throw new AssertionError("train did not get there within 120 s");
            Thread.sleep(100);
        }
    }

    /** The batch sequence of every update, in metrics.csv order. */
    private static List<Long> batchSequences(Path run) throws Exception {
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        return rows.subList(1, rows.size()).stream().map(r -> Long.parseLong(r.split(",")[1])).toList();
    }

    private static void assertContiguousFromZero(List<Long> sequences) {
        for (int i = 0; i < sequences.size(); i++) {
            assertEquals(i, sequences.get(i), "update " + (i + 1) + " trained on batch " + sequences.get(i));
        }
    }

    private static Path checkpoint(Path run, long updates) throws Exception {
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            return s.filter(p -> p.toString().endsWith(String.format("%012d.ckpt", updates))).findFirst()
                    .orElse(run.resolve("checkpoints/missing-" + updates));
        }
    }
}
