package org.d2r.replay;

/** A Kafka record to write: key and value bytes. */
// Public only because Flink's POJO serializer (not Kryo) needs public types; not part of the API.
public record KeyedBytes(byte[] key, byte[] value) {}
