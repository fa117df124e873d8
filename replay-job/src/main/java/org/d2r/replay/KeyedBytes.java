package org.d2r.replay;

/** A Kafka record to write: key and value bytes. */
public record KeyedBytes(byte[] key, byte[] value) {}
