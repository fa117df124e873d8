package org.d2r.producers;

import org.d2r.schemas.kafka.KafkaSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
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
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.metaworld.GoalMode;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.PolicySnapshot;
import org.d2r.schemas.Topics;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The producers keep stepping through a broker restart; every transition lands exactly once. */
class BrokerRestartTest {

    @Test
    void noTransitionIsLostOrDuplicatedAcrossABrokerRestart() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            Topics topics = Topics.withPrefix("r1.");
            ProducerConfig cfg = producers(kafka, topics);
            long published;
            long stepped;
            try (ProducerApp app = ProducerApp.start(cfg)) {
                long deadline = System.currentTimeMillis() + 90_000;
                while (app.published() < 100 && System.currentTimeMillis() < deadline) Thread.sleep(20);
                long before = app.published();
                kafka = kafka.restart();
                while (app.published() < before + 200 && System.currentTimeMillis() < deadline) Thread.sleep(20);
                assertTrue(app.published() >= before + 200, "publishing resumes after the restart");
                app.close();
                assertNull(app.failure());
                published = app.published();
                stepped = app.envSteps();
            }
            assertEquals(stepped, published, "every step taken was acknowledged");
            List<Transition> all = readAll(kafka, topics.transitions());
            assertEquals(published, all.size(), "no duplicates, no loss");
            Map<Integer, TreeSet<Long>> seqs = new HashMap<>();
            for (Transition t : all) {
                assertTrue(seqs.computeIfAbsent(t.getEnvId(), k -> new TreeSet<>()).add(t.getEpisode() * 10 + t.getStep()),
                        "duplicate transition " + t.getEnvId() + "/" + t.getEpisode() + "/" + t.getStep());
            }
            for (TreeSet<Long> s : seqs.values()) {
                assertEquals(0L, s.first());
                assertEquals(s.size() - 1, s.last().longValue(), "a gap in an environment's steps is a lost transition");
            }
        } finally {
            kafka.close();
        }
    }

    /**
     * Standalone producers (compose) stopped after their broker died: the stop asks the broker first and, without an
     * answer, gives the last transaction seconds instead of the delivery timeout (5 minutes here).
     */
    @Test
    void producersWhoseBrokerDiedStopWithinSeconds() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            ProducerConfig cfg = producers(kafka, Topics.withPrefix("r2."));
            ProducerApp app = ProducerApp.start(cfg);
            long deadline = System.currentTimeMillis() + 90_000;
            while (app.published() < 100 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertTrue(app.published() >= 100, "publishing");
            ProcessHandle broker = ProcessHandle.of(kafka.pid()).orElseThrow();
            broker.destroyForcibly();
            broker.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            try {
                app.close();
            } catch (IllegalStateException e) {
                // the send or commit that the dead broker failed is the producers' failure: reported, not hidden
                assertTrue(e.getMessage().contains("run-r"), e.getMessage());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("producers' stop with the broker gone: %.1f s%n", seconds);
            // the check (10 s), the stepping thread's join (5 s) and the last transaction (5 s); unchecked: 60 s + 5 min
            assertTrue(seconds < org.d2r.kafka.BrokerCheck.AT_STOP.toSeconds() + 25, "the stop took " + seconds + " s");
        } finally {
            kafka.close();
        }
    }

    /** The run's topics on {@code kafka} with a first policy in them, and producers for two tasks (5-minute delivery timeout). */
    private static ProducerConfig producers(EmbeddedKafka kafka, Topics topics) throws Exception {
        try (Admin admin = kafka.admin()) {
            TopicLayout.create(admin, topics, new TopicLayout.Settings(2, (short) 1));
        }
        publishSnapshot(kafka, topics);
        return new ProducerConfig(KafkaSettings.of(kafka.bootstrapServers()), topics, "run-r",
                List.of("reach-v2", "push-v2"), GoalMode.RAND, 3, 1, "mt10-rand", 10, 4, 0, 0, Duration.ofMinutes(5));
    }

    private static void publishSnapshot(EmbeddedKafka kafka, Topics topics) throws Exception {
        D2rNetwork actor = D2rNetwork.actor(D2rNetConfig.small(4, 8, 16), 39, 4, 2, 1, DataType.FLOAT, new Rng(1));
        byte[] w = org.d2r.core.io.PolicySnapshot.of(actor, new double[] {1, 1}, 0).toBytes();
        PolicySnapshot s = PolicySnapshot.newBuilder().setRunId("run-r").setVersion(0).setUpdateCount(0)
                .setAlpha(List.of(1f, 1f)).setTau(List.of(1f, 1f)).setWeightsFormat("d2r-core-snapshot-v1")
                .setWeights(ByteBuffer.wrap(w)).setConfigFingerprint("test").setCreatedAtMs(0).build();
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> prod = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            prod.send(new ProducerRecord<>(topics.policySnapshots(), "run-r", AvroCodec.forType(PolicySnapshot.class).encode(s))).get();
        }
    }

    private static List<Transition> readAll(EmbeddedKafka kafka, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("isolation.level", "read_committed");
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        List<Transition> out = new ArrayList<>();
        try (KafkaConsumer<Integer, byte[]> c = new KafkaConsumer<>(p, new IntegerDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<Integer, byte[]> r : c.poll(Duration.ofMillis(200))) out.add(codec.decode(r.value()));
            }
        }
        return out;
    }
}
