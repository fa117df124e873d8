package org.d2r.infra.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Test helpers: write keyed byte records in order, read a topic to its end. Shared through this module's test jar
 * by the replay job's and the learner's tests, which may not depend on each other.
 */
public final class KafkaTopics {

    private KafkaTopics() {}

    public static void write(String bootstrap, String topic, List<KeyedRecord> records) throws Exception {
        writeTo(bootstrap, topic, null, records);
    }

    /** Writes to one partition whatever the keys say ({@code partition} null: by key). */
    public static void writeTo(String bootstrap, String topic, Integer partition, List<KeyedRecord> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (KeyedRecord r : records) {
                producer.send(new ProducerRecord<>(topic, partition, r.key(), r.value()));
            }
            producer.flush();
        }
    }

    /** All records of {@code topic}, partition by partition in offset order, waiting up to 30 s for at least {@code atLeast}. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            int emptyPolls = 0;
            while (System.currentTimeMillis() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(500));
                batch.forEach(out::add);
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
                if (out.size() >= atLeast && emptyPolls >= 2) {
                    break;
                }
            }
        }
        out.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return out;
    }
}
