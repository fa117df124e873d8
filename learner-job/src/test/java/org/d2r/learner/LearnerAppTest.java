package org.d2r.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.infra.kafka.Broker;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.PolicySnapshot;
import org.d2r.schemas.SourcePosition;
import org.d2r.schemas.Topics;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The learner against a real broker: snapshots, checkpoints, and resume after a kill. */
class LearnerAppTest {

    private static final List<String> TASKS = List.of("reach-v2", "push-v2");
    private static final AvroCodec<TrainingBatch> BATCHES = AvroCodec.forType(TrainingBatch.class);
    @RegisterExtension
    static final Broker kafka = new Broker();

    private static Topics topics(String prefix) throws Exception {
        Topics t = Topics.withPrefix(prefix);
        try (var admin = kafka.admin()) {
            TopicLayout.create(admin, t, TopicLayout.Settings.defaults());
        }
        return t;
    }

    /** A batch shaped like the replay job's for the smoke preset on TASKS. */
    private static TrainingBatch batch(String runId, long sequence) {
        return batch(runId, sequence, true);
    }

    /** @param routed false: rows without routing paths, as a baseline's producers publish them */
    private static TrainingBatch batch(String runId, long sequence, boolean routed) {
        LearnerConfig cfg = LearnerConfig.preset("smoke");
        int perTask = cfg.sac().batchPerTask();
        Random r = new Random(sequence);
        List<Transition> rows = new ArrayList<>();
        List<SourcePosition> sources = new ArrayList<>();
        for (int task = 0; task < TASKS.size(); task++) {
            for (int i = 0; i < perTask; i++) {
                byte[] path = routed ? path(cfg.net().modules(), cfg.net().topK(), r) : new byte[0];
                rows.add(Transition.newBuilder().setRunId(runId).setTaskId(task).setTaskName(TASKS.get(task)).setEnvId(0)
                        .setEpisode(0).setStep(i).setObs(floats(r, 39)).setAction(floats(r, 4)).setReward(r.nextFloat())
                        .setNextObs(floats(r, 39)).setTruncated(false).setSuccess(false)
                        .setRoutingPath(ByteBuffer.wrap(path)).setSnapshotVersion(-1).build());
            }
            // the replay job saw 1000 + sequence transitions of each task when it made batch `sequence`
            sources.add(SourcePosition.newBuilder().setTaskId(task).setTransitionsSeen(1000 + sequence).setPartition(0)
                    .setOffset(0).build());
        }
        return TrainingBatch.newBuilder().setRunId(runId).setSequence(sequence).setSeed(7).setRowsPerTask(perTask)
                .setRows(rows).setSources(sources).build();
    }

    /** A valid behaviour path: router i selects min(k, i) of its i sources. */
    private static byte[] path(int modules, int k, Random r) {
        RoutingPaths p = new RoutingPaths(modules, 1);
        for (int router = 1; router <= modules; router++) {
            List<Integer> sources = new ArrayList<>();
            for (int j = 0; j < router; j++) sources.add(j);
            Collections.shuffle(sources, r);
            for (int j = 0; j < Math.min(k, router); j++) p.set(0, RoutingPaths.routerOffset(router) + sources.get(j), true);
        }
        return p.rowBytes(0);
    }

    private static List<Float> floats(Random r, int n) {
        List<Float> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(r.nextFloat() * 2 - 1);
        return out;
    }

    private static void write(Topics t, String runId, long from, long to) throws Exception {
        write(t, runId, from, to, true);
    }

    private static void write(Topics t, String runId, long from, long to, boolean routed) throws Exception {
        write(kafka.bootstrapServers(), t, runId, from, to, routed);
    }

    private static void write(String bootstrap, Topics t, String runId, long from, long to, boolean routed) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long s = from; s < to; s++) {
                p.send(new ProducerRecord<>(t.replayBatches(), new byte[] {0}, BATCHES.encode(batch(runId, s, routed)))).get();
            }
        }
    }

    private static List<PolicySnapshot> snapshots(Topics t, int atLeast) {
        AvroCodec<PolicySnapshot> codec = AvroCodec.forType(PolicySnapshot.class);
        List<PolicySnapshot> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "t-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(t.policySnapshots()));
            long end = System.currentTimeMillis() + 20_000;
            while (out.size() < atLeast && System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, byte[]> rec : c.poll(Duration.ofMillis(300))) out.add(codec.decode(rec.value()));
            }
        }
        return out;
    }

    private static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void publishesFirstSnapshotThenEveryKUpdatesAndStopsAtBudgetWithCheckpoint(@TempDir Path dir) throws Exception {
        Topics t = topics("budget.");
        write(t, "run-b", 0, 5);
        LearnerSettings s = settings(kafka.bootstrapServers(), t, "run-b", "smoke", TASKS, dir, 3, 2, 100, 5);
        try (LearnerApp app = LearnerApp.start(s)) {
            assertTrue(app.awaitFinished(Duration.ofSeconds(90)), "learner did not stop at --max-updates");
            assertNull(app.failure());
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), sequencesAfter(dir, 0));
        }
        // Version 0 before any update, then 2 and 4 on cadence, then the final one at the budget (5).
        List<Long> versions = snapshots(t, 4).stream().map(PolicySnapshot::getVersion).toList();
        assertEquals(List.of(0L, 2L, 4L, 5L), versions);
        // each carries the env steps per task behind the batch trained last (update U trained batch U-1)
        assertEquals(List.of(-1L, 1001L, 1003L, 1004L), snapshots(t, 4).stream().map(PolicySnapshot::getEnvStepsPerTask).toList());
        PolicySnapshot last = snapshots(t, 4).get(3);
        org.d2r.core.io.PolicySnapshot policy = org.d2r.core.io.PolicySnapshot.fromBytes(bytes(last.getWeights()));
        assertEquals(TASKS.size(), policy.tasks());
        assertEquals(TASKS.size(), last.getAlpha().size());
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(6, csv.size(), "header + one row per update");
        assertTrue(csv.get(0).contains("alpha_push-v2") && csv.get(0).contains("tau_reach-v2"));
        assertTrue(Files.list(dir.resolve("checkpoints")).anyMatch(p -> p.toString().endsWith("000000000005.ckpt")),
                "final checkpoint at the budget");
    }

    @Test
    void publishesItsLastPolicyWhenItStopsEvenOnACheckpointUpdate(@TempDir Path dir) throws Exception {
        // K = 4 and C = 5: update 5, the budget, is checkpointed in the loop and is not on K's cadence,
        // yet the run's final evaluation needs that policy
        Topics t = topics("last.");
        write(t, "run-l", 0, 5);
        LearnerSettings s = settings(kafka.bootstrapServers(), t, "run-l", "smoke", TASKS, dir, 3, 4, 5, 5);
        try (LearnerApp app = LearnerApp.start(s)) {
            assertTrue(app.awaitFinished(Duration.ofSeconds(90)), "learner did not stop at --max-updates");
            assertNull(app.failure());
        }
        assertEquals(List.of(0L, 4L, 5L), snapshots(t, 3).stream().map(PolicySnapshot::getVersion).toList());
    }

    @Test
    void trainsABaselineAndPublishesItsPolicyUnderItsName(@TempDir Path dir) throws Exception {
        Topics t = topics("mtsac.");
        write(t, "run-m", 0, 3, false);
        LearnerSettings s = new LearnerSettings(kafka.bootstrapServers(), t, "run-m", "smoke", TASKS, dir, 3, 2, 100, 3,
                Map.of(), org.d2r.core.baselines.Method.MTSAC, List.of());
        try (LearnerApp app = LearnerApp.start(s)) {
            assertTrue(app.awaitFinished(Duration.ofSeconds(90)), "learner did not stop at --max-updates");
            assertNull(app.failure());
            assertEquals(List.of(0L, 1L, 2L), sequencesAfter(dir, 0));
        }
        List<PolicySnapshot> published = snapshots(t, 3);
        assertEquals(List.of(0L, 2L, 3L), published.stream().map(PolicySnapshot::getVersion).toList());
        org.d2r.core.io.PolicySnapshot first = org.d2r.core.io.PolicySnapshot.fromBytes(bytes(published.get(0).getWeights()));
        org.d2r.core.io.PolicySnapshot last = org.d2r.core.io.PolicySnapshot.fromBytes(bytes(published.get(2).getWeights()));
        assertEquals(org.d2r.core.baselines.Method.MTSAC, last.method());
        // the producers and the evaluator act with it as they find it; three updates moved the policy
        float[] obs = new float[39];
        for (int i = 0; i < obs.length; i++) obs[i] = (float) Math.sin(i);
        float[] before = new float[4], after = new float[4];
        org.d2r.core.model.SnapshotActor.of(first).act(obs, 1, false, true, null, before, null, 0);
        org.d2r.core.model.SnapshotActor.of(last).act(obs, 1, false, true, null, after, null, 0);
        assertTrue(!java.util.Arrays.equals(before, after), java.util.Arrays.toString(before));
        // the run folder is MT-SAC's: a D2R learner refuses to resume it, naming the way out
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> LearnerApp.start(settings(kafka.bootstrapServers(), t, "run-m", "smoke", TASKS, dir, 3, 2, 100, 3))
                        .close());
        assertTrue(e.getMessage().contains("--method"), e.getMessage());
    }

    /**
     * CARE and PaCo, built by the learner with their shared parts (encoders, task vectors): trained, killed, resumed
     * from the checkpoint with those parts, and published under their names. The resumed learner's first policy is the
     * one the killed learner published at the same update, tensor for tensor (shared parts included).
     */
    @ParameterizedTest
    @ValueSource(strings = {"care", "paco"})
    void aBaselineWithSharedPartsResumesFromItsCheckpoint(String name, @TempDir Path dir) throws Exception {
        org.d2r.core.baselines.Method method = org.d2r.core.baselines.Method.parse(name);
        if (method == org.d2r.core.baselines.Method.CARE) {
            org.junit.jupiter.api.Assumptions.assumeTrue(embeddingsAvailable(), "CARE's task embeddings (roberta-mt50.json) are not here");
        }
        Topics t = topics(name + ".");
        write(t, "run-" + name, 0, 6, false);
        LearnerSettings s = new LearnerSettings(kafka.bootstrapServers(), t, "run-" + name, "smoke", TASKS, dir, 3, 4, 4, 0,
                Map.of(), method, List.of());
        LearnerApp first = LearnerApp.start(s);
        await(() -> first.updates() == 6 || first.failure() != null, "6 updates");
        assertNull(first.failure());
        first.kill(); // the newest checkpoint is at update 4, after batch 3
        write(t, "run-" + name, 6, 8, false);
        try (LearnerApp second = LearnerApp.start(s)) {
            assertEquals(3L, second.resumedFromSequence());
            await(() -> second.updates() == 8 || second.failure() != null, "8 updates after resume");
            assertNull(second.failure());
            assertEquals(LongStream.range(4, 8).boxed().toList(), sequencesAfter(dir, 4));
        }
        assertEquals(LongStream.rangeClosed(1, 8).boxed().toList(), metricsUpdates(dir));
        List<PolicySnapshot> published = snapshots(t, 4);
        List<org.d2r.core.io.PolicySnapshot> atFour = new ArrayList<>();
        for (PolicySnapshot p : published) {
            org.d2r.core.io.PolicySnapshot snap = org.d2r.core.io.PolicySnapshot.fromBytes(bytes(p.getWeights()));
            assertEquals(method, snap.method(), "snapshot " + p.getVersion());
            if (p.getVersion() == 4) atFour.add(snap);
        }
        assertEquals(2, atFour.size(), "update 4 published by the killed learner and again by the resumed one: "
                + published.stream().map(PolicySnapshot::getVersion).toList());
        List<org.d2r.core.io.PolicySnapshot.Tensor> a = atFour.get(0).tensors(), b = atFour.get(1).tensors();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).name(), b.get(i).name());
            assertTrue(java.util.Arrays.equals(a.get(i).values(), b.get(i).values()), "restored " + a.get(i).name());
        }
    }

    static boolean embeddingsAvailable() {
        try {
            org.d2r.core.baselines.TaskEmbeddings.load(TASKS);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * A standalone learner (compose) stopped after its broker died: its stop asks the broker first, and without an
     * answer writes the final checkpoint and stops without the last snapshot, instead of waiting for the producer's
     * and consumer's timeouts (a minute or more each).
     */
    @Test
    void aLearnerWhoseBrokerDiedStopsWithinSecondsWithItsFinalCheckpoint(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka own = EmbeddedKafka.start()) {
            Topics t = Topics.withPrefix("gone.");
            try (var admin = own.admin()) {
                TopicLayout.create(admin, t, TopicLayout.Settings.defaults());
            }
            write(own.bootstrapServers(), t, "run-g", 0, 6, true);
            // no periodic checkpoint or snapshot after the first: only the stop can save updates 1-6
            LearnerSettings s = settings(own.bootstrapServers(), t, "run-g", "smoke", TASKS, dir, 3, 1000, 1000, 0);
            LearnerApp app = LearnerApp.start(s);
            await(() -> app.updates() >= 6, "six updates");
            ProcessHandle broker = ProcessHandle.of(own.pid()).orElseThrow();
            broker.destroyForcibly();
            broker.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            app.close();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("learner stop with the broker gone: %.1f s%n", seconds);
            assertTrue(seconds < org.d2r.kafka.BrokerCheck.AT_STOP.toSeconds() + 20,
                    "the stop took " + seconds + " s with the broker gone");
            assertNull(app.failure());
            assertEquals(6, app.updates());
            assertEquals(6, app.checkpointedUpdate(), "the final checkpoint holds every update");
        }
    }

    @Test
    void killedLearnerResumesFromCheckpointWithoutRepeatingOrSkippingBatches(@TempDir Path dir) throws Exception {
        Topics t = topics("kill.");
        write(t, "run-k", 0, 6);
        LearnerSettings s = settings(kafka.bootstrapServers(), t, "run-k", "smoke", TASKS, dir, 3, 100, 4, 0);
        LearnerApp first = LearnerApp.start(s);
        await(() -> first.updates() == 6 || first.failure() != null, "6 updates");
        assertNull(first.failure());
        first.kill(); // no final checkpoint: the newest is at update 4, after batch 3
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), sequencesAfter(dir, 0));

        write(t, "run-k", 6, 12);
        try (LearnerApp second = LearnerApp.start(s)) {
            assertEquals(3L, second.resumedFromSequence());
            await(() -> second.updates() == 12 || second.failure() != null, "12 updates after resume");
            assertNull(second.failure());
            // Batches 4 and 5 were trained on after the checkpoint and lost with the kill: they are trained
            // on again from the checkpointed weights, once, and nothing is skipped.
            assertEquals(LongStream.range(4, 12).boxed().toList(), sequencesAfter(dir, 4));
        }
        // metrics.csv was cut back to the checkpoint on resume: updates 5 and 6 are not written twice
        assertEquals(LongStream.rangeClosed(1, 12).boxed().toList(), metricsUpdates(dir));
        // The clean close wrote a final checkpoint at 12: a third start has nothing left to train on.
        try (LearnerApp third = LearnerApp.start(s)) {
            assertEquals(11L, third.resumedFromSequence());
            assertEquals(12L, third.updates());
            Thread.sleep(1500);
            assertEquals(Collections.emptyList(), sequencesAfter(dir, 12));
        }
        // A resumed learner's first snapshot has the env steps its checkpoint kept: batch 3 at update 4, batch 11 at 12
        // (the second's clean close published its last policy, 12, and the third publishes it again as it starts).
        List<PolicySnapshot> published = snapshots(t, 4);
        assertEquals(List.of(0L, 4L, 12L, 12L), published.stream().map(PolicySnapshot::getVersion).toList());
        assertEquals(List.of(-1L, 1003L, 1011L, 1011L), published.stream().map(PolicySnapshot::getEnvStepsPerTask).toList());
    }

    @Test
    void aTruncatedNewestCheckpointIsNamedAndTheOneBeforeItIsUsed(@TempDir Path dir) throws Exception {
        Topics t = topics("corrupt.");
        write(t, "run-c", 0, 8);
        LearnerSettings s = settings(kafka.bootstrapServers(), t, "run-c", "smoke", TASKS, dir, 3, 100, 4, 0);
        LearnerApp first = LearnerApp.start(s);
        await(() -> first.updates() == 8 || first.failure() != null, "8 updates");
        assertNull(first.failure());
        first.kill(); // checkpoints at 4 (after batch 3) and 8 (after batch 7)
        Path newest = dir.resolve("checkpoints/learner-000000000008.ckpt");
        try (var ch = java.nio.channels.FileChannel.open(newest, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2); // as a crash while writing it (or a full disk) would leave it
        }
        try (LearnerApp second = LearnerApp.start(s)) {
            assertEquals(3L, second.resumedFromSequence(), "the intact checkpoint of update 4");
            assertEquals(4L, second.updates());
            assertTrue(second.restoreNote() != null && second.restoreNote().contains(newest.toString())
                    && second.restoreNote().contains("learner-000000000004.ckpt"), second.restoreNote());
            assertTrue(java.nio.file.Files.exists(dir.resolve("checkpoints/learner-000000000008.ckpt.corrupt")), "kept aside");
            assertEquals(4, second.metricsRowsDropped(), "rows 5-8 of the lost updates");
            await(() -> second.updates() == 8 || second.failure() != null, "batches 4-7 again");
            assertNull(second.failure());
            assertEquals(LongStream.range(4, 8).boxed().toList(), sequencesAfter(dir, 4));
        }
        assertEquals(LongStream.rangeClosed(1, 8).boxed().toList(), metricsUpdates(dir));
    }

    private static List<Long> metricsUpdates(Path dir) throws Exception {
        List<String> rows = java.nio.file.Files.readAllLines(dir.resolve("metrics.csv"));
        return rows.subList(1, rows.size()).stream().map(r -> Long.parseLong(r.split(",")[0])).toList();
    }

    /** The batch sequences of metrics.csv's rows past {@code update}: what the learners after that checkpoint trained on. */
    private static List<Long> sequencesAfter(Path dir, long update) throws Exception {
        List<String> rows = java.nio.file.Files.readAllLines(dir.resolve("metrics.csv"));
        return rows.subList(1, rows.size()).stream().map(r -> r.split(",")).filter(f -> Long.parseLong(f[0]) > update)
                .map(f -> Long.parseLong(f[1])).toList();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** D2R without ablations or client properties (a local, unsecured broker). */
    private static LearnerSettings settings(String bootstrap, Topics t, String runId, String preset, List<String> tasks, Path dir,
                                            long seed, int snapshotEvery, int checkpointEvery, long maxUpdates) {
        return new LearnerSettings(bootstrap, t, runId, preset, tasks, dir, seed, snapshotEvery, checkpointEvery, maxUpdates,
                Map.of(), org.d2r.core.baselines.Method.D2R, List.of());
    }
}
