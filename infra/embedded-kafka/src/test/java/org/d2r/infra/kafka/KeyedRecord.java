package org.d2r.infra.kafka;

/** A record to write with {@link KafkaTopics}: the key and value bytes as a producer sends them. */
public record KeyedRecord(byte[] key, byte[] value) {}
