package org.d2r.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.Topics;
import org.d2r.schemas.Transition;

/** The checks any broker (embedded or container) must pass: layout created, codec records round-trip. */
final class RoundTripCheck {

    private RoundTripCheck() {}

    static void run(String bootstrap) throws Exception {
        Topics topics = Topics.withPrefix("rt.");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> present = TopicLayout.create(admin, topics, new TopicLayout.Settings(2, (short) 1));
            assertTrue(present.containsAll(topics.all()), "missing topics: " + present);
            // Creating again must be harmless (a relaunch on the same cluster).
            TopicLayout.create(admin, topics, new TopicLayout.Settings(2, (short) 1));
            ConfigResource snapshots = new ConfigResource(ConfigResource.Type.TOPIC, topics.policySnapshots());
            Config cfg = admin.describeConfigs(List.of(snapshots)).all().get().get(snapshots);
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, cfg.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
            assertEquals(2, admin.describeTopics(List.of(topics.transitions())).allTopicNames().get()
                    .get(topics.transitions()).partitions().size());
        }

        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        List<Transition> sent = SyntheticTransitions.of("rt", 5, 11, 20);
        try (KafkaProducer<Integer, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new IntegerSerializer(), new ByteArraySerializer())) {
            for (Transition t : sent) {
                producer.send(new ProducerRecord<>(topics.transitions(), t.getTaskId(), codec.encode(t))).get();
            }
        }
        List<Transition> received = new ArrayList<>();
        try (KafkaConsumer<Integer, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "rt-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new IntegerDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.transitions()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < sent.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<Integer, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    received.add(codec.decode(r.value()));
                }
            }
        }
        // One key, one partition: order is kept.
        assertEquals(sent, received);
    }
}
