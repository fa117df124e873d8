package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.roles.report.EvalCsv;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.Topics;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/d2r train --preset smoke} on two tasks against a broker the test owns, so its topics can be read after. */
class TrainCommandTest {

    @Test
    void smokeRunOnTwoTasksTrainsActsWithNewSnapshotsAndEvaluates(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("smoke-e2e");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TrainOptions o = TrainRuns.parse(new String[] {"--preset", "smoke", "--tasks", "reach-v2,push-v2",
                    "--steps", "600", "--run-dir", run.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                    "--snapshot-every", "25", "--eval-every", "100", "--max-lead", "50", "--final-episodes", "3"});
            assertEquals(0, TrainCommand.run(o, session -> { }));

            List<Transition> transitions = read(kafka.bootstrapServers(), Topics.defaults().transitions());
            assertEquals(1200, transitions.size(), "600 steps for each of the 2 tasks, each once");
            int pathBytes = (RoutingPaths.bitCount(LearnerConfig.preset("smoke").net().modules()) + 7) / 8;
            long acted = transitions.stream().filter(t -> t.getSnapshotVersion() >= 0).count();
            assertTrue(transitions.stream().allMatch(t -> t.getRoutingPath().remaining() == pathBytes), "routing paths on every step");
            assertTrue(acted > 0, "producers acted with a snapshot after the warm-up");
            java.util.TreeMap<Long, Long> versions = new java.util.TreeMap<>();
            transitions.forEach(t -> versions.merge(t.getSnapshotVersion(), 1L, Long::sum));
            assertTrue(versions.lastKey() > 0, "producers acted with a snapshot newer than update 0; versions used: " + versions);

            // One batch per N new transitions after the replay warm-up, each trained on once, in order.
            List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
            long updates = metrics.size() - 1;
            long warmup = Math.max(Math.max(LearnerConfig.preset("smoke").sac().minTransitions(), 400L * 2), 16L * 2); // the warm-up, then batches
            assertEquals((1200 - warmup) / 2 + 1, updates, "replay ratio: one update per step of all tasks");
            for (int i = 1; i < metrics.size(); i++) {
                assertEquals(String.valueOf(i - 1), metrics.get(i).split(",")[1], "batch sequence of update " + i);
            }
            List<String> evals = Files.readAllLines(run.resolve("evaluations.csv"));
            assertTrue(evals.size() >= 1 + 2 * 2, "evaluations at update 0 and later for both tasks: " + evals);
            // env steps per task behind each evaluated snapshot: update U trained batch U-1, made when each task had
            // stored its warm-up share plus U-1 transitions (the paper's x-axis; unknown only before the first update)
            long warmupPerTask = warmup / 2;
            int checked = 0;
            for (String row : evals.subList(1, evals.size())) {
                String[] f = row.split(",", -1);
                long update = Long.parseLong(f[0]);
                if (update == 0) {
                    assertEquals("", f[2], "no batch behind the initial snapshot: " + row);
                    continue;
                }
                assertEquals(warmupPerTask + update - 1, Long.parseLong(f[2]), 1.0, "env steps per task of " + row);
                checked++;
            }
            assertTrue(checked > 0, "an evaluation after update 0: " + evals);
            // the last policy (update 201, not a multiple of 25 or 100) evaluated at the budget over --final-episodes
            for (String row : evals.subList(evals.size() - 2, evals.size())) {
                String[] f = row.split(",", -1);
                assertEquals(updates, Long.parseLong(f[0]), "final evaluation of the last update: " + evals);
                assertEquals("3", f[6], "final evaluation over --final-episodes: " + row);
            }
            assertTrue(Files.readString(run.resolve("logs/train.log")).contains("final evaluation of update " + updates),
                    "the final evaluation's summary in the run log");
            assertTrue(Files.exists(run.resolve("config.json")));
            assertTrue(Files.list(run.resolve("checkpoints")).anyMatch(p -> p.toString().endsWith(String.format("%012d.ckpt", updates))),
                    "final learner checkpoint at the last update");
        }
    }

    @Test
    void aBaselineTrainsThroughTheSamePipelineWithoutRoutingPaths(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("mtsac-e2e");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TrainOptions o = TrainRuns.parse(new String[] {"--preset", "smoke", "--method", "mtsac", "--tasks",
                    "reach-v2,push-v2", "--steps", "500", "--run-dir", run.toString(), "--bootstrap-servers",
                    kafka.bootstrapServers(), "--snapshot-every", "25", "--eval-every", "50", "--max-lead", "50",
                    "--final-episodes", "2"});
            assertEquals(0, TrainCommand.run(o, session -> { }));

            List<Transition> transitions = read(kafka.bootstrapServers(), Topics.defaults().transitions());
            assertEquals(1000, transitions.size(), "500 steps for each of the 2 tasks, each once");
            assertTrue(transitions.stream().allMatch(t -> t.getRoutingPath().remaining() == 0), "MT-SAC does not route");
            assertTrue(transitions.stream().anyMatch(t -> t.getSnapshotVersion() > 0), "acted with a trained MT-SAC policy");
            List<org.d2r.schemas.PolicySnapshot> snapshots = read(kafka.bootstrapServers(), Topics.defaults().policySnapshots(),
                    org.d2r.schemas.PolicySnapshot.class);
            org.d2r.schemas.PolicySnapshot last = snapshots.get(snapshots.size() - 1);
            java.nio.ByteBuffer w = last.getWeights().duplicate();
            byte[] weights = new byte[w.remaining()];
            w.get(weights);
            assertEquals(org.d2r.core.baselines.Method.MTSAC, org.d2r.core.io.PolicySnapshot.fromBytes(weights).method());

            long updates = Files.readAllLines(run.resolve("metrics.csv")).size() - 1;
            long warmup = Math.max(LearnerConfig.preset("smoke").sac().minTransitions(), 400L * 2);
            assertEquals((1000 - warmup) / 2 + 1, updates, "replay ratio: one update per step of all tasks");
            assertEquals(updates, last.getUpdateCount(), "the last policy was published");
            List<String> evals = Files.readAllLines(run.resolve("evaluations.csv"));
            assertTrue(evals.get(evals.size() - 1).startsWith(updates + ","), "final evaluation of the last update: " + evals);
            assertTrue(Files.readString(run.resolve("config.json")).contains("\"method\": \"mtsac\""));
            assertTrue(Files.readString(run.resolve("logs/train.log")).contains("learner trains Multi-task SAC"));

            // train --local writes the same evaluations.csv: the same header, the same columns in every row, and
            // the evaluator's own reading of the file reads both
            Path local = dir.resolve("mtsac-local");
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            assertEquals(0, org.d2r.cli.PrintingCommand.run(new org.d2r.learner.local.LocalTrainCommand(), new String[] {"--local", "--preset", "smoke", "--method",
                    "mtsac", "--tasks", "reach-v2,push-v2", "--steps", "40", "--eval-every", "20", "--eval-episodes", "1",
                    "--final-episodes", "1", "--run-dir", local.toString()},
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), new java.io.PrintStream(err)), err.toString());
            List<String> localEvals = Files.readAllLines(local.resolve(EvalCsv.FILE));
            assertEquals(evals.get(0), localEvals.get(0), "one header in both modes");
            assertEquals(EvalCsv.HEADER, localEvals.get(0));
            int columns = EvalCsv.HEADER.split(",").length;
            for (String row : evals) assertEquals(columns, row.split(",", -1).length, "pipeline row " + row);
            for (String row : localEvals) assertEquals(columns, row.split(",", -1).length, "local row " + row);
            assertEquals(2, new EvalCsv(local.resolve(EvalCsv.FILE)).completed(List.of("reach-v2", "push-v2")).size());
            assertTrue(new EvalCsv(run.resolve(EvalCsv.FILE)).completed(List.of("reach-v2", "push-v2")).size() >= 2);
        }
    }

    /**
     * CARE and PaCo, whose actor and critics share parts, through the same pipeline: the learner builds and trains them
     * (LearnerNetworks), the producers and the evaluator act with their snapshots. 450 steps: 50 updates after the
     * smoke preset's 400-step warm-up, a snapshot every 10.
     */
    @ParameterizedTest
    @ValueSource(strings = {"care", "paco"})
    void careAndPacoTrainThroughThePipelineAndAreActedWithThroughTheirSnapshots(String method, @TempDir Path dir) throws Exception {
        org.d2r.core.baselines.Method m = org.d2r.core.baselines.Method.parse(method);
        if (m == org.d2r.core.baselines.Method.CARE) {
            org.junit.jupiter.api.Assumptions.assumeTrue(taskEmbeddingsAvailable(), "CARE's task embeddings (roberta-mt50.json) are not here");
        }
        Path run = dir.resolve(method + "-e2e");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TrainOptions o = TrainRuns.parse(new String[] {"--preset", "smoke", "--method", method, "--tasks",
                    "reach-v2,push-v2", "--steps", "450", "--run-dir", run.toString(), "--bootstrap-servers",
                    kafka.bootstrapServers(), "--snapshot-every", "10", "--eval-every", "25", "--max-lead", "20",
                    "--final-episodes", "1"});
            assertEquals(0, TrainCommand.run(o, session -> { }));

            long updates = Files.readAllLines(run.resolve("metrics.csv")).size() - 1;
            long warmup = Math.max(LearnerConfig.preset("smoke").sac().minTransitions(), 400L * 2);
            assertEquals((900 - warmup) / 2 + 1, updates, "the learner trained, one update per step of all tasks");
            // every snapshot is of this method, and the producers acted with trained ones (version > 0)
            Map<Long, org.d2r.core.baselines.Method> published = new java.util.HashMap<>();
            for (org.d2r.schemas.PolicySnapshot s : read(kafka.bootstrapServers(), Topics.defaults().policySnapshots(),
                    org.d2r.schemas.PolicySnapshot.class)) {
                java.nio.ByteBuffer w = s.getWeights().duplicate();
                byte[] weights = new byte[w.remaining()];
                w.get(weights);
                published.put(s.getVersion(), org.d2r.core.io.PolicySnapshot.fromBytes(weights).method());
            }
            assertTrue(published.size() > 1 && published.values().stream().allMatch(m::equals), "snapshots of " + method + ": " + published);
            List<Transition> transitions = read(kafka.bootstrapServers(), Topics.defaults().transitions());
            assertEquals(900, transitions.size(), "450 steps for each of the 2 tasks, each once");
            assertTrue(transitions.stream().allMatch(t -> t.getRoutingPath().remaining() == 0), method + " does not route");
            java.util.Set<Long> acted = new java.util.TreeSet<>();
            transitions.forEach(t -> acted.add(t.getSnapshotVersion()));
            acted.remove(-1L); // the random warm-up
            assertTrue(acted.stream().anyMatch(v -> v > 0), "producers acted with a trained snapshot: " + acted);
            List<String> evals = Files.readAllLines(run.resolve("evaluations.csv"));
            assertEquals(EvalCsv.HEADER, evals.get(0));
            assertTrue(evals.get(evals.size() - 1).startsWith(updates + ","), "final evaluation of the last update: " + evals);
            assertTrue(Files.readString(run.resolve("config.json")).contains("\"method\": \"" + method + "\""));
            assertTrue(Files.readString(run.resolve("logs/train.log")).contains("learner trains " + m.title()));
            assertTrue(Files.list(run.resolve("checkpoints")).anyMatch(p -> p.toString().endsWith(String.format("%012d.ckpt", updates))),
                    "final learner checkpoint at the last update");
        }
    }

    /** Whether CARE's embedding file is found as the learner looks for it. */
    static boolean taskEmbeddingsAvailable() {
        try {
            org.d2r.core.baselines.TaskEmbeddings.load(List.of("reach-v2"));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void anAblationIsTrainedByTheLearnerAndActedWithThroughTheSnapshots(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("ablation-e2e");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TrainOptions o = TrainRuns.parse(new String[] {"--preset", "smoke", "--ablation", "no-resrouting", "--tasks",
                    "reach-v2,push-v2", "--steps", "600", "--run-dir", run.toString(), "--bootstrap-servers",
                    kafka.bootstrapServers(), "--snapshot-every", "10", "--eval-every", "25", "--max-lead", "50",
                    "--final-episodes", "1"});
            assertEquals(List.of("no-resrouting"), o.ablations());
            assertEquals(0, TrainCommand.run(o, session -> { }));

            // the learner's network is the ablated one, and so is every snapshot the actors build theirs from
            List<org.d2r.schemas.PolicySnapshot> snapshots = read(kafka.bootstrapServers(), Topics.defaults().policySnapshots(),
                    org.d2r.schemas.PolicySnapshot.class);
            assertTrue(snapshots.size() > 1, "snapshots after update 0: " + snapshots.size());
            for (org.d2r.schemas.PolicySnapshot s : snapshots) {
                java.nio.ByteBuffer w = s.getWeights().duplicate();
                byte[] weights = new byte[w.remaining()];
                w.get(weights);
                assertEquals(org.d2r.core.config.ResRouting.OFF, org.d2r.core.io.PolicySnapshot.fromBytes(weights).net().resRouting(),
                        "snapshot " + s.getVersion());
            }
            List<Transition> transitions = read(kafka.bootstrapServers(), Topics.defaults().transitions());
            assertEquals(1200, transitions.size());
            assertTrue(transitions.stream().anyMatch(t -> t.getSnapshotVersion() > 0), "producers acted with a trained ablated policy");
            assertTrue(Files.readAllLines(run.resolve("metrics.csv")).size() > 1, "the learner trained");
            assertEquals(List.of("no-resrouting"), org.d2r.roles.RunConfig.read(run.resolve("config.json")).ablations());
            assertTrue(Files.readString(run.resolve("logs/train.log")).contains("ablations no-resrouting"));
        }
    }

    /** MT50 end to end: fifty environments, a handful of updates, every task evaluated. */
    @Test
    void allFiftyTasksRunThroughThePipeline(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("mt50-e2e");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TrainOptions o = TrainRuns.parse(new String[] {"--preset", "smoke", "--tasks", "mt50", "--steps", "420",
                    "--run-dir", run.toString(), "--bootstrap-servers", kafka.bootstrapServers(), "--snapshot-every", "10",
                    "--eval-every", "1000", "--max-lead", "50", "--final-episodes", "1"});
            assertEquals(org.d2r.metaworld.Mt50.TASKS, o.tasks(), "task ids in MT50's own order");
            assertEquals(0, TrainCommand.run(o, session -> { }));

            List<Transition> transitions = read(kafka.bootstrapServers(), Topics.defaults().transitions());
            Map<Integer, Long> perTask = new java.util.TreeMap<>();
            transitions.forEach(t -> perTask.merge(t.getTaskId(), 1L, Long::sum));
            assertEquals(50, perTask.size(), "every task stepped");
            perTask.forEach((task, n) -> assertEquals(420L, n, "steps of task " + task));
            long updates = Files.readAllLines(run.resolve("metrics.csv")).size() - 1;
            long warmup = 400L * 50;
            assertEquals((50 * 420 - warmup) / 50 + 1, updates, "replay ratio: one update per step of all fifty tasks");
            List<String> evals = Files.readAllLines(run.resolve("evaluations.csv"));
            java.util.Set<String> finalTasks = new java.util.HashSet<>();
            for (String row : evals.subList(1, evals.size())) {
                String[] f = row.split(",", -1);
                if (Long.parseLong(f[0]) == updates) finalTasks.add(f[3]);
            }
            assertTrue(finalTasks.containsAll(org.d2r.metaworld.Mt50.TASKS), "the last policy evaluated on every task: " + finalTasks);
            assertTrue(Files.exists(run.resolve("success.png")) && Files.exists(run.resolve("routing.csv")));
        }
    }

    private static List<Transition> read(String bootstrap, String topic) {
        return read(bootstrap, topic, Transition.class);
    }

    private static <T extends org.apache.avro.specific.SpecificRecordBase> List<T> read(String bootstrap, String topic, Class<T> type) {
        AvroCodec<T> codec = AvroCodec.forType(type);
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "t-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            int empty = 0;
            while (empty < 6) {
                var batch = c.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : batch) out.add(codec.decode(r.value()));
                empty = batch.isEmpty() ? empty + 1 : 0;
            }
        }
        return out;
    }
}
