package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.d2r.core.config.LearnerConfig;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.Topics;
import org.d2r.schemas.Transition;
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

    private static final int STEPS = 500;
    private static final List<String> TASKS = List.of("reach-v2", "push-v2");
    private static final long SEED = Long.getLong("d2r.faultSeed", System.nanoTime());
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    /** Updates of a run left alone: one per step of all tasks after the replay warm-up. */
    private static long finalUpdates() {
        int n = TASKS.size();
        long warmup = Math.max(Math.max(LearnerConfig.preset("smoke").sac().minTransitions(), 400L * n), 16L * n);
        return ((long) STEPS * n - warmup) / n + 1;
    }

    @Test
    void killMinus9OfTrainThenResumeEndsExactlyAtTheBudget(@TempDir Path dir) throws Exception {
        Random rnd = new Random(SEED);
        Path run = dir.resolve("killed");
        Process train = train(dir, "--run-dir", run.toString());
        killAtRandomUpdate(dir, run, train, rnd);
        long broker = brokerPid(run);
        train.destroyForcibly(); // SIGKILL: no hook, no commit, no close
        train.waitFor(30, TimeUnit.SECONDS);
        awaitGone(broker, "the broker of the killed run");
        resumeToTheBudget(dir, run);
    }

    @Test
    void aBrokerKilledMidRunStopsTrainWithExit1AndTheResumeEndsExactlyAtTheBudget(@TempDir Path dir) throws Exception {
        Random rnd = new Random(SEED + 1);
        Path run = dir.resolve("broker-killed");
        Process train = train(dir, "--run-dir", run.toString());
        killAtRandomUpdate(dir, run, train, rnd);
        ProcessHandle.of(brokerPid(run)).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(train.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS), "train did not stop after its broker died");
        String out = Files.readString(output(dir, train));
        assertEquals(1, train.exitValue(), out);
        assertTrue(out.contains("train: ") && !out.contains("Exception in thread"), "a one-line reason, not a stack trace: " + out);
        resumeToTheBudget(dir, run);
    }

    @Test
    void ctrlCExits130AndTheResumeEndsExactlyAtTheBudget(@TempDir Path dir) throws Exception {
        Random rnd = new Random(SEED + 2);
        Path run = dir.resolve("interrupted");
        Process train = train(dir, "--run-dir", run.toString());
        killAtRandomUpdate(dir, run, train, rnd);
        new ProcessBuilder("kill", "-INT", Long.toString(train.pid())).start().waitFor();
        assertTrue(train.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS), "train did not stop on SIGINT");
        assertEquals(130, train.exitValue(), Files.readString(output(dir, train)));
        resumeToTheBudget(dir, run);
    }

    private static void killAtRandomUpdate(Path dir, Path run, Process train, Random rnd) throws Exception {
        // anywhere from just after the first batch to shortly before the last; then a jitter that moves the
        // fault off the learner's rhythm (into a producer transaction, a checkpoint, a snapshot...)
        long target = 1 + rnd.nextInt((int) finalUpdates() - 20);
        long jitterMs = rnd.nextInt(1500);
        System.out.println("TrainFaultInjectionTest: seed " + SEED + ", fault after update " + target + " + " + jitterMs + " ms");
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (metricsRows(run).size() < target) {
            if (!train.isAlive()) {
                throw new AssertionError("train ended before the fault, exit " + train.exitValue() + ":\n" + Files.readString(output(dir, train)));
            }
            if (System.nanoTime() > deadline) throw new AssertionError("train did not reach update " + target + " within " + RUN_LIMIT);
            Thread.sleep(50);
        }
        Thread.sleep(jitterMs);
        assertTrue(train.isAlive(), "train ended before the fault");
    }

    private static void resumeToTheBudget(Path dir, Path run) throws Exception {
        Process resumed = train(dir, "--resume", run.toString());
        assertTrue(resumed.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS), "the resume did not finish within " + RUN_LIMIT);
        assertEquals(0, resumed.exitValue(), Files.readString(output(dir, resumed)));

        long u = finalUpdates();
        List<String[]> rows = metricsRows(run);
        assertEquals(u, rows.size(), "updates of a run left alone");
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(Long.toString(i + 1), rows.get(i)[0], "update column, row " + (i + 1));
            assertEquals(Long.toString(i), rows.get(i)[1], "batch sequence of update " + (i + 1));
        }
        assertNothingOfTheRunRuns(run);

        Map<Integer, Integer> perTask = new HashMap<>();
        Set<String> keys = new HashSet<>();
        Map<String, TreeSet<Integer>> episodeSteps = new HashMap<>();
        for (Transition t : committedTransitions(run)) {
            perTask.merge(t.getTaskId(), 1, Integer::sum);
            String episode = t.getTaskId() + "/" + t.getEnvId() + "/" + t.getEpisode();
            assertTrue(keys.add(episode + "/" + t.getStep()), "(task, env, episode, step) twice: " + episode + "/" + t.getStep());
            episodeSteps.computeIfAbsent(episode, k -> new TreeSet<>()).add(t.getStep());
        }
        assertEquals(Map.of(0, STEPS, 1, STEPS), perTask, "committed transitions per task");
        episodeSteps.forEach((episode, steps) -> assertEquals(steps.size() - 1, steps.last(),
                "episode " + episode + " has a hole: a committed step was lost"));
    }

    /** No process names the run folder: neither a train nor its broker (whose data folder lies inside it). */
    private static void assertNothingOfTheRunRuns(Path run) throws Exception {
        String folder = run.toAbsolutePath().toString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> left;
        do {
            left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(folder)).orElse(false))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
            if (left.isEmpty()) return;
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("left running: " + left);
    }

    private static List<Transition> committedTransitions(Path run) {
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        List<Transition> out = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(run.resolve("kafka")));
             KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "t-" + UUID.randomUUID(),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.defaults().transitions()));
            int empty = 0;
            while (empty < 6) {
                var batch = c.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : batch) out.add(codec.decode(r.value()));
                empty = batch.isEmpty() ? empty + 1 : 0;
            }
        }
        return out;
    }

    private static Process train(Path dir, String folderOption, String folder) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Xmx1g", "-cp", System.getProperty("java.class.path"), D2rCli.class.getName(), "train",
                "--preset", "smoke", "--tasks", String.join(",", TASKS), "--steps", Integer.toString(STEPS),
                folderOption, folder, "--snapshot-every", "10", "--eval-every", "1000000", "--max-lead", "20",
                "--final-episodes", "1"));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().put("OPENBLAS_THREAD_TIMEOUT", "4");
        Path log = Files.createTempFile(dir, "train-", ".out");
        Process p = b.redirectOutput(log.toFile()).start();
        Files.move(log, dir.resolve("train-" + p.pid() + ".out"));
        return p;
    }

    private static Path output(Path dir, Process p) {
        return dir.resolve("train-" + p.pid() + ".out");
    }

    private static List<String[]> metricsRows(Path run) throws IOException {
        Path f = run.resolve("metrics.csv");
        if (!Files.exists(f)) return List.of();
        List<String[]> rows = new ArrayList<>();
        String text = Files.readString(f, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        // the last element is empty, or a row still being written
        for (int i = 1; i < lines.length - 1; i++) rows.add(lines[i].split(",", -1));
        return rows;
    }

    private static long brokerPid(Path run) throws IOException {
        return Long.parseLong(Files.readString(run.resolve("kafka").resolve("broker.pid")).trim().split("\\s+")[0]);
    }

    private static void awaitGone(long pid, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + " (pid " + pid + ") still runs 30 s later");
            Thread.sleep(100);
        }
    }
}
