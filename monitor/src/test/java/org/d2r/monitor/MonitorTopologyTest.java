package org.d2r.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.DeadLetter;
import org.d2r.schemas.EvalResult;
import org.d2r.schemas.LearnerMetrics;
import org.d2r.schemas.PolicySnapshot;
import org.d2r.schemas.TaskStats;
import org.d2r.schemas.Topics;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.kafka.KafkaSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's aggregations, run by Kafka Streams' own test driver on the real topology and its exactly-once configuration. */
class MonitorTopologyTest {

    private static final String RUN = "r1";
    private static final Topics TOPICS = Topics.withPrefix("t.");
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;
    private TopologyTestDriver driver;
    private final Map<String, AtomicLong> unreadable = new ConcurrentHashMap<>();
    private MonitorConfig config;

    @BeforeEach
    void start() {
        config = new MonitorConfig(KafkaSettings.of("127.0.0.1:9"), TOPICS, RUN, dir.resolve("state"), "127.0.0.1", 0);
        driver = new TopologyTestDriver(MonitorTopology.build(TOPICS, RUN, unreadable), RunMonitor.properties(config),
                Instant.ofEpochMilli(T0));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private <R extends SpecificRecord> void send(String topic, R record, long atMs) {
        @SuppressWarnings("unchecked")
        AvroCodec<R> codec = AvroCodec.forType((Class<R>) record.getClass());
        TestInputTopic<byte[], byte[]> in = driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
        in.pipeInput(null, codec.encode(record), atMs);
    }

    private static TaskStats stats(String run, int task, long transitions, long episodes, float success, float ret, long version) {
        return TaskStats.newBuilder().setRunId(run).setTaskId(task).setTaskName(task == 0 ? "reach-v2" : "push-v2")
                .setTransitions(transitions).setWindowSize((int) Math.min(transitions, 1000)).setEpisodes(episodes)
                .setRecentEpisodes((int) Math.min(episodes, 10)).setSuccessRate(success).setMeanReturn(ret)
                .setLastSnapshotVersion(version).build();
    }

    private static EvalResult eval(int task, long update, long envSteps, int episodes, float success, List<Float> shares) {
        return EvalResult.newBuilder().setRunId(RUN).setSnapshotVersion(update).setUpdateCount(update).setEnvStepsPerTask(envSteps)
                .setTaskId(task).setTaskName(task == 0 ? "reach-v2" : "push-v2").setEpisodes(episodes).setSuccessRate(success)
                .setMeanReturn(success * 100).setMetrics(shares.isEmpty() ? Map.of() : Map.of("meanModulesUsed", 2.5))
                .setRoutingShares(shares).build();
    }

    private static LearnerMetrics metrics(long update, long sequence, float policyLoss, long atMs) {
        return LearnerMetrics.newBuilder().setRunId(RUN).setUpdate(update).setBatchSequence(sequence).setEnvStepsPerTask(400 + update)
                .setFigures(Map.of("policy_loss", (double) policyLoss, "critic1_loss", 2.0, "seconds_per_update", 0.5))
                .setAlpha(List.of(1f - update / 100f, 0.5f)).setTau(List.of(1f, 0.9f)).setCreatedAtMs(atMs).build();
    }

    private <V> V value(String store, String key) {
        KeyValueStore<String, Object> s = driver.getKeyValueStore(store);
        @SuppressWarnings("unchecked")
        V v = (V) s.get(key);
        return v;
    }

    private Overview overview() {
        Map<String, Long> bad = new TreeMap<>();
        unreadable.forEach((t, n) -> bad.put(t, n.get()));
        return Overview.of(RUN, "RUNNING", T0, store -> {
            List<Object> out = new ArrayList<>();
            try (KeyValueIterator<String, Object> it = driver.<String, Object>getKeyValueStore(store).all()) {
                it.forEachRemaining(kv -> out.add(kv.value));
            }
            return (Collection<Object>) out;
        }, bad);
    }

    @Test
    void taskStatsGiveStepsRateAndTrainingCurvePerTaskAndIgnoreRepeatsAndOtherRuns() {
        send(TOPICS.taskStats(), stats(RUN, 0, 500, 1, 0f, 10f, -1), T0);
        send(TOPICS.taskStats(), stats(RUN, 1, 500, 1, 0f, 20f, -1), T0 + 100);
        send(TOPICS.taskStats(), stats(RUN, 0, 1_500, 3, 0.5f, 40f, 50), T0 + 10_000);
        // a replay job restored from its checkpoint sends older statistics again: the table does not go back
        send(TOPICS.taskStats(), stats(RUN, 0, 1_000, 2, 0f, 0f, 0), T0 + 11_000);
        // another run on the same topics
        send(TOPICS.taskStats(), stats("other", 0, 9_999, 99, 1f, 1f, 7), T0 + 12_000);
        TaskTraining reach = value(MonitorTopology.TASKS, "0");
        assertEquals(1_500, reach.transitions());
        assertEquals(3, reach.episodes());
        assertEquals(0.5, reach.successRate(), 1e-6);
        assertEquals(50, reach.lastSnapshotVersion(), "the version the producers acted with last");
        assertEquals(100.0, reach.stepsPerSecond(), 1e-9, "1,000 steps in 10 s");
        assertEquals(List.of(500L, 1_500L), reach.history().stream().map(TaskTraining.Point::transitions).toList());
        assertEquals(List.of(0.0, 0.5), reach.history().stream().map(TaskTraining.Point::successRate).toList());
        TaskTraining push = value(MonitorTopology.TASKS, "1");
        assertEquals(500, push.transitions());
        assertEquals(0.0, push.stepsPerSecond(), "one report: no rate yet");
    }

    @Test
    void evaluationsKeepOnePointPerPolicyAndEpisodesAndTheNewestRoutingByRouter() {
        List<Float> shares = List.of(1f, 0.25f, 0.75f, 0.5f, 0.5f, 1f); // 3 modules: routers 1..3 over 1, 2, 3 sources
        send(TOPICS.evalResults(), eval(0, 0, -1, 10, 0f, shares), T0);
        send(TOPICS.evalResults(), eval(0, 200, 600, 10, 0.3f, shares), T0 + 1);
        // an evaluator restarted mid-way publishes update 200 again; then the final evaluation over more episodes
        send(TOPICS.evalResults(), eval(0, 200, 600, 10, 0.4f, shares), T0 + 2);
        send(TOPICS.evalResults(), eval(0, 200, 600, 100, 0.5f, List.of(0f, 1f, 0f, 0f, 0f, 1f)), T0 + 3);
        send(TOPICS.evalResults(), eval(1, 200, 600, 10, 0.9f, List.of()), T0 + 4);
        TaskEvaluations reach = value(MonitorTopology.EVALUATIONS, "0");
        assertEquals(List.of(0L, 200L, 200L), reach.points().stream().map(TaskEvaluations.Point::update).toList());
        assertEquals(List.of(0.0, 0.4, 0.5), reach.points().stream().map(p -> Math.round(p.successRate() * 10) / 10.0).toList());
        assertEquals(3, reach.routing().modules());
        assertEquals(List.of(List.of(0.0), List.of(1.0, 0.0), List.of(0.0, 0.0, 1.0)), reach.routing().shares(),
                "the newest evaluation's shares, router by router");
        TaskEvaluations push = value(MonitorTopology.EVALUATIONS, "1");
        assertNull(push.routing(), "a method without routing has no routing to show");
        assertTrue(Double.isNaN(push.points().get(0).modulesUsed()));
    }

    @Test
    void learnerFiguresGiveUpdatesPerSecondAndAResumedLearnerReplacesTheUpdatesAfterItsCheckpoint() {
        for (int u = 1; u <= 5; u++) send(TOPICS.learnerMetrics(), metrics(u, u - 1, -u, T0 + u * 1_000L), T0 + u * 1_000L);
        LearnerProgress l = value(MonitorTopology.LEARNER, MonitorTopology.LEARNER);
        assertEquals(5, l.update());
        assertEquals(1.0, l.updatesPerSecond(), 1e-9);
        assertEquals(List.of("critic1_loss", "policy_loss", "seconds_per_update"), l.figureNames());
        // killed after update 5, resumed from its checkpoint at update 3: updates 4 and 5 come again, trained anew
        send(TOPICS.learnerMetrics(), metrics(4, 3, -40, T0 + 9_000), T0 + 9_000);
        l = value(MonitorTopology.LEARNER, MonitorTopology.LEARNER);
        assertEquals(List.of(1L, 2L, 3L, 4L), l.history().stream().map(LearnerProgress.Point::update).toList());
        int policy = l.figureNames().indexOf("policy_loss");
        assertEquals(-40f, l.newest().figures().get(policy));
        assertEquals(List.of(0.96f, 0.5f), l.newest().alpha());
    }

    @Test
    void theOverviewJoinsTheTablesLagSnapshotsDeadLettersAndCountsUnreadableRecords() {
        send(TOPICS.taskStats(), stats(RUN, 0, 1_000, 2, 0.5f, 30f, 40), T0);
        send(TOPICS.taskStats(), stats(RUN, 0, 2_000, 4, 1f, 60f, 50), T0 + 10_000);
        for (long seq = 0; seq < 8; seq++) {
            send(TOPICS.replayBatches(), TrainingBatch.newBuilder().setRunId(RUN).setSequence(seq).setSeed(1).setRowsPerTask(4)
                    .setRows(List.of()).setSources(List.of()).build(), T0 + seq);
        }
        send(TOPICS.learnerMetrics(), metrics(3, 2, -1, T0), T0);
        send(TOPICS.learnerMetrics(), metrics(6, 5, -1, T0 + 10_000), T0 + 10_000);
        for (long v : new long[] {0, 50, 40}) {
            send(TOPICS.policySnapshots(), PolicySnapshot.newBuilder().setRunId(RUN).setVersion(v).setUpdateCount(v)
                    .setAlpha(List.of()).setTau(List.of()).setWeightsFormat("f").setWeights(ByteBuffer.wrap(new byte[] {1}))
                    .setConfigFingerprint("x").setCreatedAtMs(T0 + v).setEnvStepsPerTask(v * 10).build(), T0 + v);
        }
        String reason = "<img src=x onerror=alert(1)> not a Transition";
        for (int i = 0; i < 3; i++) {
            send(TOPICS.deadLetters(), DeadLetter.newBuilder().setSourceTopic("transitions").setPartition(0).setOffset(i)
                    .setReason(reason).setStage("replay-job decode").setFailedAtMs(T0 + i).build(), T0 + i);
        }
        driver.createInputTopic(TOPICS.taskStats(), new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(null, new byte[] {1, 2, 3});
        send(TOPICS.evalResults(), eval(0, 0, -1, 10, 0f, List.of()), T0);

        Overview o = overview();
        assertEquals(2, o.lagBatches(), "batches 0..7 made, the learner trained up to 5");
        assertEquals(50, o.snapshots().version(), "the newest version, whatever order they arrive in");
        assertEquals(3, o.snapshots().published());
        assertEquals(3, o.deadLetters().get(0).count());
        assertEquals(reason, o.deadLetters().get(0).lastReason(), "kept as the text it is; the page writes it as text");
        assertEquals(1L, o.unreadable().get(TOPICS.taskStats()), "the malformed record counted, the topology still running");
        Overview.Row row = o.table().get(0);
        assertEquals("reach-v2", row.taskName());
        assertEquals(2_000, row.envSteps());
        assertEquals(100.0, row.stepsPerSecond(), 1e-9);
        assertEquals(50, row.actingSnapshot());
        assertEquals(0, row.evalUpdate());
        assertEquals(0.94, row.alpha(), 1e-6, "the learner's newest alpha of task 0");
        // throughput: 1,000 steps and 3 updates over the 10 s between the reports, spread evenly over the grid
        assertEquals(Overview.THROUGHPUT_SAMPLES, o.throughput().seconds().size());
        o.throughput().envStepsPerSecond().forEach(r -> assertEquals(100.0, r, 1e-3));
        o.throughput().updatesPerSecond().forEach(r -> assertEquals(0.3, r, 1e-6));
    }

    @Test
    void everyStoreIsChangeloggedSoARestartedMonitorRecoversIt() throws Exception {
        send(TOPICS.taskStats(), stats(RUN, 0, 700, 1, 0.25f, 5f, -1), T0);
        TestOutputTopic<String, byte[]> changelog = driver.createOutputTopic(config.applicationId() + "-" + MonitorTopology.TASKS
                + "-changelog", new StringDeserializer(), (t, b) -> b);
        List<KeyValue<String, byte[]>> logged = changelog.readKeyValuesToList();
        assertEquals("0", logged.get(logged.size() - 1).key);
        TaskTraining restored = MonitorTopology.jsonSerde(TaskTraining.class).deserializer().deserialize("x", logged.get(logged.size() - 1).value);
        assertEquals(value(MonitorTopology.TASKS, "0"), restored, "the changelog holds the table's value itself");
        for (String store : MonitorTopology.STORES) {
            assertTrue(driver.getAllStateStores().get(store).persistent() == false, store + " lives in memory, restored from its changelog");
        }
    }
}
