package org.d2r.producers;

import org.d2r.kafka.CommittedProgress;
import org.d2r.kafka.KafkaTransitionSink;
import org.d2r.roles.LoopProgress;
import org.d2r.schemas.kafka.KafkaSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.PolicySnapshot;
import org.d2r.schemas.Topics;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ProducerAppTest {
    static final List<String> TASKS = List.of("reach-v2", "push-v2");
    static final int MODULES = 4;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) kafka.close();
    }

    static Topics layout(String prefix) {
        Topics topics = Topics.withPrefix(prefix);
        try (Admin admin = kafka.admin()) {
            TopicLayout.create(admin, topics, new TopicLayout.Settings(2, (short) 1));
        }
        return topics;
    }

    /** Publishes a small random D2R actor as the run's snapshot (what the learner does after updates). */
    static void publishSnapshot(Topics topics, String runId, long version, long updates) throws Exception {
        publishSnapshot(topics, runId, version, updates, Method.D2R);
    }

    /** The same for any method's actor. */
    static void publishSnapshot(Topics topics, String runId, long version, long updates, Method method) throws Exception {
        D2rNetConfig net = D2rNetConfig.small(MODULES, 8, 16);
        TaskNetwork actor = method.actor(net, 39, 4, TASKS.size(), 1, DataType.FLOAT, new Rng(version + 1));
        byte[] weights = org.d2r.core.io.PolicySnapshot.of(method, actor, net, new double[] {1, 1}, version).toBytes();
        PolicySnapshot s = PolicySnapshot.newBuilder().setRunId(runId).setVersion(version).setUpdateCount(updates)
                .setAlpha(List.of(1f, 1f)).setTau(List.of(1f, 1f)).setWeightsFormat("d2r-core-snapshot-v1")
                .setWeights(ByteBuffer.wrap(weights)).setConfigFingerprint("test").setCreatedAtMs(0).build();
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("max.request.size", Integer.toString(16 << 20));
        try (KafkaProducer<String, byte[]> prod = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            prod.send(new ProducerRecord<>(topics.policySnapshots(), runId,
                    AvroCodec.forType(PolicySnapshot.class).encode(s))).get();
        }
    }

    static List<ConsumerRecord<Integer, byte[]>> readAll(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<Integer, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<Integer, byte[]> c = new KafkaConsumer<>(p, new IntegerDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    static ProducerConfig config(Topics topics, String runId) {
        return new ProducerConfig(KafkaSettings.of(kafka.bootstrapServers()), topics, runId, TASKS,
                GoalMode.RAND, 3, 2, "mt10-rand", 10, 6, 0, 0, Duration.ofMinutes(10));
    }

    @Test
    void transitionsCarryPathsAndFollowTheNewestSnapshot() throws Exception {
        Topics topics = layout("p1.");
        publishSnapshot(topics, "run-a", 0, 0);
        publishSnapshot(topics, "other-run", 9, 0);
        long published;
        try (ProducerApp app = ProducerApp.start(config(topics, "run-a"))) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (app.published() < 80 && System.currentTimeMillis() < deadline) Thread.sleep(50);
            assertEquals(0, app.actingVersion(), "acts with its own run's snapshot, not other-run's");
            publishSnapshot(topics, "run-a", 1, 5);
            while (app.actingVersion() != 1 && System.currentTimeMillis() < deadline) Thread.sleep(50);
            assertEquals(1, app.actingVersion());
            long after = app.published();
            while (app.published() < after + 80 && System.currentTimeMillis() < deadline) Thread.sleep(50);
            app.close();
            published = app.published();
            assertTrue(app.episodes() > 0, "10-step episodes must have ended");
        }
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        List<ConsumerRecord<Integer, byte[]>> recs = readAll(topics.transitions());
        assertEquals(published, recs.size(), "every acknowledged transition is on the topic, once");
        Set<String> ids = new HashSet<>();
        Set<Long> versions = new HashSet<>();
        for (ConsumerRecord<Integer, byte[]> r : recs) {
            Transition t = codec.decode(r.value());
            assertEquals(r.key().intValue(), t.getTaskId(), "keyed by task id");
            assertEquals(TASKS.get(t.getTaskId()), t.getTaskName());
            assertEquals("run-a", t.getRunId());
            assertEquals(39, t.getObs().size());
            assertEquals(39, t.getNextObs().size());
            assertEquals(4, t.getAction().size());
            assertEquals(t.getStep() == 9, t.getTruncated(), "truncated exactly at the 10-step limit");
            assertTrue(t.getEnvId() / 2 == t.getTaskId());
            // a 4-module path has 4*5/2 = 10 bits in 2 bytes, and every router picks sources
            assertEquals(2, t.getRoutingPath().remaining());
            assertTrue(t.getRoutingPath().get(0) != 0 || t.getRoutingPath().get(1) != 0, "routing path bits set");
            assertTrue(ids.add(t.getEnvId() + "/" + t.getEpisode() + "/" + t.getStep()), "duplicate transition");
            // warm-up 6 transitions per task over 2 envs: rounds 0..2 of each env are random actions
            long round = t.getEpisode() * 10 + t.getStep();
            if (round < 3) assertEquals(-1, t.getSnapshotVersion(), "warm-up marks random actions with -1");
            else versions.add(t.getSnapshotVersion());
        }
        assertEquals(Set.of(0L, 1L), versions, "acting version switches from 0 to 1");
    }

    @Test
    void actWithABaselinesSnapshotWithoutRoutingPathsAndSwitchMethodWithTheSnapshot() throws Exception {
        Topics topics = layout("p4.");
        publishSnapshot(topics, "run-m", 0, 0, Method.MTSAC);
        try (ProducerApp app = ProducerApp.start(config(topics, "run-m"))) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (app.published() < 40 && app.failure() == null && System.currentTimeMillis() < deadline) Thread.sleep(50);
            publishSnapshot(topics, "run-m", 1, 5, Method.D2R);
            while (app.actingVersion() != 1 && app.failure() == null && System.currentTimeMillis() < deadline) Thread.sleep(50);
            long after = app.published();
            while (app.published() < after + 40 && app.failure() == null && System.currentTimeMillis() < deadline) Thread.sleep(50);
            app.close();
            assertEquals(null, app.failure());
        }
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        Map<Long, Set<Integer>> pathBytes = new java.util.HashMap<>();
        for (ConsumerRecord<Integer, byte[]> r : readAll(topics.transitions())) {
            Transition t = codec.decode(r.value());
            if (t.getSnapshotVersion() >= 0) pathBytes.computeIfAbsent(t.getSnapshotVersion(), v -> new HashSet<>()).add(t.getRoutingPath().remaining());
        }
        // MT-SAC's transitions have no routing path; D2R's (4 modules, 10 bits) have 2 bytes
        assertEquals(Map.of(0L, Set.of(0), 1L, Set.of(2)), pathBytes);
    }

    @Test
    void pausesWhenAheadOfTheLearnerAndResumesWhenItCatchesUp() throws Exception {
        Topics topics = layout("p2.");
        publishSnapshot(topics, "run-b", 0, 0);
        // warm-up 6, ratio 1 update per step of all tasks: at 10 updates of lead the producers stop
        // at 6 + 10 = 16 transitions per task (8 rounds of 2 envs), i.e. 32 env steps in all
        ProducerConfig cfg = config(topics, "run-b").withMaxLead(10);
        try (ProducerApp app = ProducerApp.start(cfg)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!app.paused() && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertTrue(app.paused(), "must pause ahead of a learner at 0 updates");
            long steps = app.envSteps();
            Thread.sleep(1500);
            assertEquals(steps, app.envSteps(), "no steps while paused");
            assertTrue(steps >= 32 && steps <= 36, "paused after the allowed lead, got " + steps + " steps");
            publishSnapshot(topics, "run-b", 1, 100);
            while (app.envSteps() <= steps + 100 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertTrue(app.envSteps() > steps + 100, "resumes when the learner catches up");
            assertFalse(app.failure() != null);
        }
    }

    @Test
    void aRestartContinuesTheRunFromWhatTheTopicHolds() throws Exception {
        Topics topics = layout("p3.");
        publishSnapshot(topics, "run-c", 0, 0);
        // lead 10 over a learner at 0 updates: the first start stops at 16 transitions per task (see the pause test)
        ProducerConfig cfg = config(topics, "run-c").withMaxLead(10).withMaxStepsPerTask(40);
        long stepped;
        LoopProgress first;
        try (ProducerApp app = ProducerApp.start(cfg)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!app.paused() && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertTrue(app.paused());
            app.close();
            stepped = app.published();
            first = app.progress();
        }
        assertTrue(first.stepsPerTask() >= 16 && first.stepsPerTask() < 20, "paused after the lead: " + first.stepsPerTask());
        assertEquals(stepped, 2 * first.stepsPerTask(), "a clean stop commits what was stepped");
        assertArrayEquals(new long[] {1, 1, 1, 1}, first.nextEpisode(), "the running episode 0 is not continued");

        publishSnapshot(topics, "run-c", 1, 1000);
        try (ProducerApp app = ProducerApp.start(cfg)) {
            assertProgress(first, app.resumedFrom(), "read back from the topic");
            assertTrue(app.awaitFinished(Duration.ofSeconds(60)), "the budget counts from the run's start");
            app.close();
            assertEquals(2 * 40, app.envSteps(), "env steps of the whole run");
            assertEquals(2 * 40, app.published());
        }

        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        Map<Integer, Integer> perTask = new java.util.HashMap<>();
        Map<String, List<Float>> firstObs = new java.util.HashMap<>();
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<Integer, byte[]> r : readAll(topics.transitions())) {
            Transition t = codec.decode(r.value());
            perTask.merge(t.getTaskId(), 1, Integer::sum);
            if (t.getStep() == 0) firstObs.put(t.getEnvId() + "/" + t.getEpisode(), t.getObs());
            assertTrue(ids.add(t.getEnvId() + "/" + t.getEpisode() + "/" + t.getStep()), "episode index reused: " + t);
            if (t.getSnapshotVersion() == 1) assertTrue(t.getEpisode() >= 1, "the continued run starts new episodes");
            if (t.getEpisode() >= 1) assertEquals(1, t.getSnapshotVersion(), "no warm-up again after the restart");
        }
        for (int task = 0; task < TASKS.size(); task++) {
            for (int e = 0; e < 2; e++) {
                // the continued run's first episode (index 1) does not start over at the run's first goal: its
                // environment draws from a stream of its own (deterministic: keyed by the episode it continues at)
                List<Float> got = firstObs.get((task * 2 + e) + "/1");
                assertTrue(got != null, "no step 0 of episode 1 for env " + (task * 2 + e));
                assertTrue(ProducerApp.envSeed(cfg, 1) != ProducerApp.envSeed(cfg, 0));
                assertEquals(firstObs.get((task * 2 + e) + "/0"), floats(firstReset(task, e, ProducerApp.envSeed(cfg, 0))));
                assertEquals(got, floats(firstReset(task, e, ProducerApp.envSeed(cfg, 1))));
                assertNotEquals(firstObs.get((task * 2 + e) + "/0"), got, "the run's first goals again");
            }
        }
        assertEquals(Map.of(0, 40, 1, 40), perTask, "40 transitions per task in all, not " + first.stepsPerTask() + " + 40");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProducerApp.start(cfg.withEnvsPerTask(1)).close());
        assertTrue(e.getMessage().contains("environments per task"), e.getMessage());
    }

    /**
     * A producer killed mid-episode leaves an open transaction behind (what kill -9 leaves): the next start
     * fences it, its records are never read, and the run continues from the last committed transition.
     */
    @Test
    void aKilledProducersUnfinishedTransactionIsAbortedAndNotCounted() throws Exception {
        Topics topics = layout("p5.");
        publishSnapshot(topics, "run-k", 0, 1000);
        ProducerConfig cfg = config(topics, "run-k").withMaxStepsPerTask(60);
        Properties p = producerProperties(cfg);
        p.put("key.serializer", org.apache.kafka.common.serialization.IntegerSerializer.class.getName());
        org.d2r.schemas.TransitionWriter w = new org.d2r.schemas.TransitionWriter();
        double[] obs = new double[MetaWorldEnv.OBS_DIM];
        double[] act = new double[MetaWorldEnv.ACTION_DIM];
        KafkaProducer<Integer, byte[]> zombie = new KafkaProducer<>(p);
        zombie.initTransactions();
        // committed: episode 0 of every env, 10 steps each (20 per task); open: 3 steps of episode 1
        for (int round = 0; round < 2; round++) {
            zombie.beginTransaction();
            int steps = round == 0 ? 10 : 3;
            for (int step = 0; step < steps; step++) {
                for (int t = 0; t < 2; t++) {
                    for (int e = 0; e < 2; e++) {
                        long episode = round;
                        long n = round * 20L + step * 2L + e + 1;
                        ProducerRecord<Integer, byte[]> r = new ProducerRecord<>(topics.transitions(), t, w.encode("run-k", t,
                                TASKS.get(t), t * 2 + e, episode, step, obs, act, 0f, obs, step == 9, false, new byte[0], -1));
                        r.headers().add(CommittedProgress.TASK_STEP, CommittedProgress.taskStep(n));
                        zombie.send(r);
                    }
                }
            }
            if (round == 0) zombie.commitTransaction();
            else zombie.flush();
        }
        try (ProducerApp app = ProducerApp.start(cfg)) {
            assertProgress(new LoopProgress(20, new long[] {1, 1, 1, 1}), app.resumedFrom(),
                    "the open transaction's steps are not part of the run");
            assertThrows(org.apache.kafka.common.KafkaException.class, zombie::commitTransaction, "the old producer is fenced");
            assertTrue(app.awaitFinished(Duration.ofSeconds(60)));
            app.close();
        } finally {
            zombie.close(Duration.ZERO);
        }
        Map<Integer, Integer> perTask = new java.util.HashMap<>();
        Set<String> ids = new HashSet<>();
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        for (ConsumerRecord<Integer, byte[]> r : readAll(topics.transitions())) {
            Transition t = codec.decode(r.value());
            perTask.merge(t.getTaskId(), 1, Integer::sum);
            assertTrue(ids.add(t.getEnvId() + "/" + t.getEpisode() + "/" + t.getStep()), "key written twice: " + t);
        }
        assertEquals(Map.of(0, 60, 1, 60), perTask, "exactly the budget per task");
    }

    /** Transitions written before they carried their number (a run of an older version) are counted one by one. */
    @Test
    void aRunWrittenWithoutTheHeaderIsCountedRecordByRecord() throws Exception {
        Topics topics = layout("p6.");
        ProducerConfig cfg = config(topics, "run-l");
        org.d2r.schemas.TransitionWriter w = new org.d2r.schemas.TransitionWriter();
        double[] obs = new double[MetaWorldEnv.OBS_DIM];
        double[] act = new double[MetaWorldEnv.ACTION_DIM];
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<Integer, byte[]> old = new KafkaProducer<>(p, new org.apache.kafka.common.serialization.IntegerSerializer(),
                new ByteArraySerializer())) {
            // 13 steps of every env: episode 0 (10 steps) and 3 of episode 1; and a step of another run, not counted
            for (int step = 0; step < 13; step++) {
                for (int t = 0; t < 2; t++) {
                    for (int e = 0; e < 2; e++) {
                        old.send(new ProducerRecord<>(topics.transitions(), t, w.encode("run-l", t, TASKS.get(t), t * 2 + e,
                                step / 10, step % 10, obs, act, 0f, obs, step == 9, false, new byte[0], -1)));
                    }
                }
            }
            old.send(new ProducerRecord<>(topics.transitions(), 0, w.encode("run-x", 0, TASKS.get(0), 0, 7, 0, obs, act, 0f, obs,
                    false, false, new byte[0], -1))).get();
        }
        assertProgress(new LoopProgress(26, new long[] {2, 2, 2, 2}), CommittedProgress.read(cfg.transitionTopic()), "");
    }

    /** The producers' client properties: the same transactional id as theirs, so a second producer fences them. */
    static Properties producerProperties(ProducerConfig cfg) {
        return KafkaTransitionSink.producerProperties(cfg.transitionTopic());
    }

    private static void assertProgress(LoopProgress expected, LoopProgress actual, String message) {
        assertEquals(expected.stepsPerTask(), actual.stepsPerTask(), message);
        assertArrayEquals(expected.nextEpisode(), actual.nextEpisode(), message);
    }

    private static double[] firstReset(int task, int env, long seed) {
        try (MetaWorldEnv e = MetaWorld.make(TASKS.get(task), EnvConfig.paper(GoalMode.RAND, seed, env).withMaxPathLength(10))) {
            return e.reset();
        }
    }

    private static List<Float> floats(double[] d) {
        List<Float> out = new ArrayList<>();
        for (double v : d) out.add((float) v);
        return out;
    }
}
