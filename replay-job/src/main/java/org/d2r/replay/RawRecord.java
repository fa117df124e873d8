package org.d2r.replay;

/** A Kafka record as read, before decoding, so that a record that fails to decode can be kept whole. */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {}
