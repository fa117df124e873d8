package org.d2r.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.roles.learner.UpdateMetrics;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.LearnerMetrics;
import org.junit.jupiter.api.Test;

/** The learner's figures on their topic, and a topic that is not there never holding the learner back for long. */
class KafkaMetricsSinkTest {

    private static UpdateMetrics row(long update) {
        return new UpdateMetrics(update, update - 1, 400 + update, Map.of("policy_loss", -1.5 * update, "alpha_loss", Double.NaN),
                List.of(0.9, 0.8), List.of(1.0, 0.5), 1_000 + update);
    }

    @Test
    void eachUpdateIsARecordKeyedByRunIdAndAMissingTopicPausesTheSinkInsteadOfEveryUpdate() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("learner-metrics", 1, (short) 1))).all().get();
            try (KafkaMetricsSink sink = new KafkaMetricsSink(kafka.bootstrapServers(), "learner-metrics", "r1", Map.of())) {
                for (long u = 1; u <= 3; u++) sink.write(row(u));
            }
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
                c.assign(List.of(new org.apache.kafka.common.TopicPartition("learner-metrics", 0)));
                long deadline = System.currentTimeMillis() + 30_000;
                while (records.size() < 3 && System.currentTimeMillis() < deadline) c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertEquals(3, records.size());
            AvroCodec<LearnerMetrics> codec = AvroCodec.forType(LearnerMetrics.class);
            for (int i = 0; i < 3; i++) {
                LearnerMetrics m = codec.decode(records.get(i).value());
                assertEquals("r1", records.get(i).key());
                assertEquals(i + 1, m.getUpdate());
                assertEquals(i, m.getBatchSequence());
                assertEquals(-1.5 * (i + 1), m.getFigures().get("policy_loss"));
                assertTrue(Double.isNaN(m.getFigures().get("alpha_loss")));
                assertEquals(List.of(0.9f, 0.8f), m.getAlpha());
                assertEquals(1_000 + i + 1, m.getCreatedAtMs());
            }

            KafkaMetricsSink lost = new KafkaMetricsSink(kafka.bootstrapServers(), "no-such-topic", "r1", Map.of());
            lost.write(row(1)); // waits for the topic's metadata, at most MAX_BLOCK, in vain
            assertTrue(lost.paused(), "after one wait in vain the sink pauses: a missing topic does not cost every update a wait");
            for (long u = 2; u <= 5; u++) lost.write(row(u));
            lost.close();
            assertEquals(5, lost.lost(), "every figure of the missing topic counted as lost");
        }
    }
}
