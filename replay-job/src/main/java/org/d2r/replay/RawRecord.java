package org.d2r.replay;

/** A Kafka record as read, before decoding, so that a record that fails to decode can be kept whole. */
// Public only because Flink's POJO serializer (not Kryo) needs public types; not part of the API.
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {}
