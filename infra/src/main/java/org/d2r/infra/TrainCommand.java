package org.d2r.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.d2r.core.config.LearnerConfig;
import org.d2r.evaluator.EvaluatorApp;
import org.d2r.evaluator.EvaluatorConfig;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.learner.LearnerApp;
import org.d2r.learner.LearnerSettings;
import org.d2r.learner.local.LocalTrainCommand;
import org.d2r.metaworld.GoalMode;
import org.d2r.producers.KafkaSettings;
import org.d2r.producers.ProducerApp;
import org.d2r.producers.ProducerConfig;
import org.d2r.replay.LocalReplayJob;
import org.d2r.replay.ReplayConfig;
import org.d2r.replay.ReplayJob;
import org.d2r.schemas.Topics;

/**
 * {@code bin/d2r train}: the whole pipeline in one process around a broker in a child JVM (or an
 * external Kafka). {@code --local} hands over to the in-process trainer.
 */
public final class TrainCommand {

    private static final Duration PROGRESS = Duration.ofSeconds(10);
    /** The learner is done once no batch arrived for this long after the producers stopped. */
    private static final Duration DRAINED = Duration.ofSeconds(20);

    private TrainCommand() {}

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--local")) {
            LocalTrainCommand.main(Arrays.stream(args).filter(a -> !a.equals("--local")).toArray(String[]::new));
            return;
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(TrainOptions.USAGE);
            return;
        }
        TrainOptions o;
        try {
            o = TrainOptions.parse(args);
            if (o.resume() && !Files.isDirectory(o.runDir())) {
                throw new TrainOptions.UsageException("--resume " + o.runDir() + ": no such run folder");
            }
        } catch (TrainOptions.UsageException e) {
            System.err.println("train: " + e.getMessage() + "\n\n" + TrainOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(o));
    }

    /** Runs the pipeline to the step budget or Ctrl-C; returns the exit code. */
    static int run(TrainOptions o) throws Exception {
        Path runDir = Files.createDirectories(o.runDir());
        Files.createDirectories(runDir.resolve("logs"));
        writeConfig(o, runDir);
        String runId = o.runId();
        Topics topics = Topics.defaults();
        LearnerConfig cfg = LearnerConfig.preset(o.preset());
        int n = o.tasks().size();
        Pipeline p = new Pipeline();
        AtomicBoolean stopping = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            stopping.set(true);
            p.close();
        }, "train-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String bootstrap = o.bootstrapServers();
            if (bootstrap == null) {
                p.broker = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(runDir.resolve("kafka"))
                        .withOwnerStopsOnExit());
                bootstrap = p.broker.bootstrapServers();
                System.out.println("train: Kafka (KRaft) at " + bootstrap + ", log " + p.broker.logFile());
            }
            KafkaSettings kafka = new KafkaSettings(bootstrap, o.kafkaProperties());
            try (Admin admin = Admin.create(kafka.base())) {
                TopicLayout.create(admin, topics, TopicLayout.Settings.defaults());
            }
            Path flinkDir = Files.createDirectories(runDir.resolve("flink-checkpoints"));
            String restore = o.resume() ? newestFlinkCheckpoint(flinkDir).map(Path::toString).orElse(null) : null;
            long warmup = Math.min((long) cfg.sac().minTransitions(), (long) cfg.sac().warmupStepsPerTask() * n);
            ReplayConfig replay = ReplayConfig.paper(bootstrap, runId, n, o.seed())
                    .withWindow(Math.max(n, Math.min(100_000L * n, 1_000_000L)), Math.max(warmup, cfg.sac().batchPerTask() * n),
                            cfg.sac().batchPerTask())
                    .withCheckpoints(Duration.ofSeconds(30), flinkDir.toUri().toString(), restore)
                    .withClientProperties(o.kafkaProperties());
            p.replay = ReplayJob.startLocal(replay, 1);
            System.out.println("train: replay job " + p.replay.jobId() + (restore != null ? " restored from " + restore : ""));
            p.learner = LearnerApp.start(new LearnerSettings(bootstrap, topics, runId, o.preset(), o.tasks(), runDir, o.seed(),
                    o.snapshotEvery(), o.checkpointEvery(), 0, o.kafkaProperties()));
            GoalMode goals = cfg.fixedGoals() ? GoalMode.FIXED : GoalMode.RAND;
            p.evaluator = EvaluatorApp.start(new EvaluatorConfig(kafka, topics, runId, o.tasks(), goals, o.seed(),
                    o.evalEvery(), cfg.evalEpisodes(), cfg.episodeSteps(), runDir));
            // Producers last: everything that consumes their output is up.
            p.producers = ProducerApp.start(ProducerConfig.of(kafka, topics, runId, o.tasks(), o.preset())
                    .withGoals(goals, o.seed()).withMaxStepsPerTask(o.stepsPerTask()).withMaxLead(o.maxLead()));
            monitor(p, kafka, o, replay.warmup(), stopping);
            return 0;
        } catch (Exception e) {
            if (stopping.get()) return 130;
            System.err.println("train: " + e.getMessage());
            return 1;
        } finally {
            if (!stopping.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
                p.close();
            }
        }
    }

    private static void monitor(Pipeline p, KafkaSettings kafka, TrainOptions o, long warmup, AtomicBoolean stopping)
            throws Exception {
        int n = o.tasks().size();
        long start = System.nanoTime();
        long lastSeq = -1;
        long lastAdvance = System.nanoTime();
        {
            while (!stopping.get()) {
                boolean producersDone = p.producers.awaitFinished(PROGRESS);
                if (producersDone) {
                    Thread.sleep(PROGRESS.toMillis() / 2);
                    if (p.learner.lastAppliedSequence() != lastSeq) {
                        lastSeq = p.learner.lastAppliedSequence();
                        lastAdvance = System.nanoTime();
                    } else if (System.nanoTime() - lastAdvance > DRAINED.toNanos()) {
                        System.out.println("train: step budget reached and the learner has drained the batches; stopping");
                        return;
                    }
                }
                for (Throwable t : new Throwable[] {p.producers.failure(), p.learner.failure(), p.evaluator.failure()}) {
                    if (t != null) throw new IllegalStateException("a role failed: " + t, t);
                }
                if (p.replay.isDone()) throw new IllegalStateException("the replay job stopped; see logs");
                // The batch topic is written transactionally (offsets include commit markers), so the
                // batches made so far follow from the replay ratio: one per N new transitions after the warm-up.
                long batches = Math.max(0, (p.producers.published() - warmup) / n + 1);
                System.out.printf(Locale.ROOT, "[%5.0fs] env steps %d | updates %d | batches behind ~%d | snapshot %d | "
                                + "train success %s | eval %s%n",
                        (System.nanoTime() - start) / 1e9, p.producers.envSteps(), p.learner.updates(),
                        Math.max(0, batches - 1 - p.learner.lastAppliedSequence()), p.learner.snapshotVersion(),
                        rates(o, p.producers.recentSuccess()),
                        p.evaluator.evaluations() == 0 ? "-" : "@" + p.evaluator.lastEvaluatedUpdate() + " "
                                + rates(o, p.evaluator.lastSuccess()));
            }
        }
    }

    private static String rates(TrainOptions o, double[] r) {
        if (r == null) return "-";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < r.length && i < o.tasks().size(); i++) {
            b.append(i == 0 ? "" : " ").append(o.tasks().get(i).replace("-v2", "")).append('=')
                    .append(String.format(Locale.ROOT, "%.2f", r[i]));
        }
        return b.toString();
    }

    private static Optional<Path> newestFlinkCheckpoint(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(f -> f.getFileName().toString().startsWith("chk-") && Files.exists(f.resolve("_metadata")))
                    .max(Comparator.comparingLong(f -> f.toFile().lastModified()));
        }
    }

    private static void writeConfig(TrainOptions o, Path runDir) throws IOException {
        String tasks = o.tasks().stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "));
        String json = String.format(Locale.ROOT, """
                {
                  "mode": "embedded",
                  "runId": "%s",
                  "preset": "%s",
                  "tasks": [%s],
                  "seed": %d,
                  "stepsPerTask": %d,
                  "snapshotEvery": %d,
                  "checkpointEvery": %d,
                  "evalEvery": %d,
                  "bootstrapServers": %s,
                  "resumed": %b
                }
                """, o.runId(), o.preset(), tasks, o.seed(), o.stepsPerTask(), o.snapshotEvery(), o.checkpointEvery(),
                o.evalEvery(), o.bootstrapServers() == null ? "null" : "\"" + o.bootstrapServers() + "\"", o.resume());
        Files.writeString(runDir.resolve(o.resume() ? "config.resumed.json" : "config.json"), json, StandardCharsets.UTF_8);
    }

    /** The running roles, closed in the order that loses nothing: producers, replay, learner, evaluator, broker. */
    private static final class Pipeline {
        volatile EmbeddedKafka broker;
        volatile LocalReplayJob replay;
        volatile LearnerApp learner;
        volatile EvaluatorApp evaluator;
        volatile ProducerApp producers;
        private final AtomicBoolean closed = new AtomicBoolean();

        void close() {
            if (!closed.compareAndSet(false, true)) return;
            step("producers", () -> { if (producers != null) producers.close(); });
            step("replay job", () -> { if (replay != null) replay.close(); });
            step("learner (final checkpoint)", () -> { if (learner != null) learner.close(); });
            step("evaluator", () -> { if (evaluator != null) evaluator.close(); });
            step("broker", () -> { if (broker != null) broker.close(); });
        }

        private static void step(String what, ThrowingRunnable r) {
            try {
                r.run();
                System.out.println("train: stopped " + what);
            } catch (Exception e) {
                System.err.println("train: stopping " + what + " failed: " + e);
            }
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
