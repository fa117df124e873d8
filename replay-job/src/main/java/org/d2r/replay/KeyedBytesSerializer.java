package org.d2r.replay;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes already-encoded records to one topic. */
final class KeyedBytesSerializer implements KafkaRecordSerializationSchema<KeyedBytes> {

    private final String topic;

    KeyedBytesSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(KeyedBytes element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, element.key(), element.value());
    }
}
