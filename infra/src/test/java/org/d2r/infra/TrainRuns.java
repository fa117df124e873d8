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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.d2r.core.config.LearnerConfig;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.Topics;
import org.d2r.schemas.Transition;

/**
 * {@code train} in a child JVM with its embedded broker, as the fault drills start it, and what they
 * check afterwards. Every wait goes through a watchdog: a run whose progress stops (no new metrics row
 * and no new output) for {@link #STALL} fails the test with the child's thread dump, so a deadlock is a
 * red test with its stacks, never a hung build.
 */
final class TrainRuns {

    /** Parses {@code bin/d2r train}'s arguments without running. */
    static TrainOptions parse(String[] args) {
        return org.d2r.cli.Cli.parse(new TrainCommand(), args).options();
    }

    static final int STEPS = 500;
    static final List<String> TASKS = List.of("reach-v2", "push-v2");
    static final Duration RUN_LIMIT = Duration.ofMinutes(3);
    /** Longer than any quiet stretch of a healthy smoke run (broker start, Flink start, a checkpoint). */
    static final Duration STALL = Duration.ofSeconds(Long.getLong("d2r.stallSeconds", 90));

    private final Path dir;
    private final Duration stall;

    TrainRuns(Path dir) {
        this(dir, STALL);
    }

    TrainRuns(Path dir, Duration stall) {
        this.dir = dir;
        this.stall = stall;
    }

    /** Updates of a run left alone: one per step of all tasks after the replay warm-up. */
    static long finalUpdates() {
        int n = TASKS.size();
        long warmup = Math.max(Math.max(LearnerConfig.preset("smoke").sac().minTransitions(), 400L * n), 16L * n);
        return ((long) STEPS * n - warmup) / n + 1;
    }

    Process start(String folderOption, Path folder) throws IOException {
        List<String> cmd = new ArrayList<>();
        // A test JVM started in the background of a script ignores SIGINT, and its children inherit that: the Ctrl-C
        // cases would then see a train that never hears SIGINT. env puts the default action back (same pid: it execs).
        if (ignoresSigint()) cmd.addAll(List.of("env", "--default-signal=INT"));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Xmx1g",
                // a safepoint that some thread holds up for 20 s is named in the output (the stall's first suspect)
                "-XX:+SafepointTimeout", "-XX:SafepointTimeoutDelay=20000",
                "-cp", System.getProperty("java.class.path"), D2rCli.class.getName(), "train",
                "--preset", "smoke", "--tasks", String.join(",", TASKS), "--steps", Integer.toString(STEPS),
                folderOption, folder.toString(), "--snapshot-every", "10", "--eval-every", "1000000", "--max-lead", "20",
                "--final-episodes", "1"));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().put("OPENBLAS_THREAD_TIMEOUT", "4");
        Path log = Files.createTempFile(dir, "train-", ".out");
        Process p = b.redirectOutput(log.toFile()).start();
        Files.move(log, output(p));
        return p;
    }

    /** Whether this JVM was started with SIGINT ignored (bit 2 of SigIgn in /proc/self/status). */
    private static boolean ignoresSigint() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return false;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) return (Long.parseLong(line.substring(7).trim(), 16) & 2) != 0;
        }
        return false;
    }

    Path output(Process p) {
        return dir.resolve("train-" + p.pid() + ".out");
    }

    String outputText(Process p) throws IOException {
        return Files.readString(output(p));
    }

    /** Waits until the run has trained {@code updates} updates; fails if it ends first, stalls, or runs past the limit. */
    void awaitUpdate(Process train, Path run, long updates) throws Exception {
        Watch w = new Watch(train, run);
        while (metricsRows(run).size() < updates) {
            if (!train.isAlive()) {
                throw new AssertionError("train ended before update " + updates + ", exit " + train.exitValue() + ":\n"
                        + outputText(train));
            }
            w.check("reaching update " + updates);
            Thread.sleep(50);
        }
    }

    /** Waits for the process to exit and returns its exit code; fails with a thread dump if it stalls or runs past the limit. */
    int awaitExit(Process train, Path run, String what) throws Exception {
        Watch w = new Watch(train, run);
        while (!train.waitFor(200, TimeUnit.MILLISECONDS)) {
            w.check(what);
        }
        return train.exitValue();
    }

    /** Progress is a new metrics row or new output; neither for {@link #STALL} is a hang. */
    private final class Watch {
        private final Process p;
        private final Path run;
        private final long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        private long lastRows = -1;
        private long lastBytes = -1;
        private long lastChange = System.nanoTime();

        Watch(Process p, Path run) {
            this.p = p;
            this.run = run;
        }

        void check(String what) throws IOException, InterruptedException {
            long rows = metricsRows(run).size();
            long bytes = Files.exists(output(p)) ? Files.size(output(p)) : 0;
            if (rows != lastRows || bytes != lastBytes) {
                lastRows = rows;
                lastBytes = bytes;
                lastChange = System.nanoTime();
            }
            boolean stalled = System.nanoTime() - lastChange > stall.toNanos();
            boolean late = System.nanoTime() > deadline;
            if (stalled || late) {
                String dump = threadDump(p.pid());
                p.destroyForcibly();
                throw new AssertionError("train " + (stalled ? "made no progress for " + stall.toSeconds() + " s"
                        : "ran past " + RUN_LIMIT) + " while " + what + " (update " + rows + ")\n--- output ---\n"
                        + outputText(p) + "\n--- thread dump of pid " + p.pid() + " ---\n" + dump);
            }
        }
    }

    /**
     * The JVM's own thread dump (jcmd from the running JDK), which works where a debugger cannot attach. A JVM that does
     * not answer jcmd (once seen in CI: a whole-JVM freeze) is read from outside instead: jhsdb's stacks, which need no
     * help from the JVM, and each thread's kernel state and wait channel.
     */
    static String threadDump(long pid) throws IOException, InterruptedException {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        StringBuilder out = new StringBuilder();
        boolean answered = Files.isExecutable(bin.resolve("jcmd"))
                && run(out, bin.resolve("jcmd").toString(), Long.toString(pid), "Thread.print", "-l");
        if (answered) return out.toString();
        out.append("\n--- jcmd got no thread dump: jhsdb jstack ---\n");
        if (Files.isExecutable(bin.resolve("jhsdb"))) {
            run(out, bin.resolve("jhsdb").toString(), "jstack", "--pid", Long.toString(pid));
        }
        out.append("\n--- kernel state of each thread (/proc/").append(pid).append("/task/*/stat, wchan) ---\n");
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.sorted().toList()) {
                out.append(Files.readString(t.resolve("stat")).trim()).append("  wchan=")
                        .append(Files.readString(t.resolve("wchan")).trim()).append('\n');
            }
        } catch (IOException e) {
            out.append("(not readable: ").append(e).append(")\n");
        }
        return out.toString();
    }

    /** Runs a diagnostic command for at most a minute, its output appended; whether it ended with exit code 0. */
    private static boolean run(StringBuilder out, String... cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile("d2r-diagnostic", ".out");
        try {
            Process d = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean ended = d.waitFor(60, TimeUnit.SECONDS);
            if (!ended) d.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            out.append(Files.readString(log, StandardCharsets.UTF_8));
            if (!ended) out.append("(").append(cmd[0]).append(" gave no answer in 60 s)\n");
            return ended && d.exitValue() == 0;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Resumes the run to its budget and checks it ended as a run left alone would. */
    void resumeToTheBudget(Path run) throws Exception {
        Process resumed = start("--resume", run);
        int exit = awaitExit(resumed, run, "resuming to the budget");
        assertEquals(0, exit, outputText(resumed));

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
    static void assertNothingOfTheRunRuns(Path run) throws Exception {
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

    static List<Transition> committedTransitions(Path run) {
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        List<Transition> out = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(run.resolve("kafka")));
             KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     kafka.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // every partition read to its last stable offset: no group to join, so a restarted broker's slow coordinator
            // cannot pass for an empty topic
            List<TopicPartition> parts = c.partitionsFor(Topics.defaults().transitions(), Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) throw new AssertionError("transitions not read to " + end + " within 120 s");
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) out.add(codec.decode(r.value()));
            }
        }
        return out;
    }

    static List<String[]> metricsRows(Path run) throws IOException {
        Path f = run.resolve("metrics.csv");
        if (!Files.exists(f)) return List.of();
        List<String[]> rows = new ArrayList<>();
        String text = Files.readString(f, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        // the last element is empty, or a row still being written
        for (int i = 1; i < lines.length - 1; i++) rows.add(lines[i].split(",", -1));
        return rows;
    }

    static long brokerPid(Path run) throws IOException {
        return Long.parseLong(Files.readString(run.resolve("kafka").resolve("broker.pid")).trim().split("\\s+")[0]);
    }

    static void awaitGone(long pid, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + " (pid " + pid + ") still runs 30 s later");
            Thread.sleep(100);
        }
    }
}
