package org.d2r.replay;

import java.nio.ByteBuffer;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.DeadLetter;

/** Builds the dead-letter record of a refused input record. */
final class DeadLetters {

    private DeadLetters() {}

    static KeyedBytes of(AvroCodec<DeadLetter> codec, String topic, int partition, long offset, byte[] key, byte[] value,
                         String reason, String stage) {
        DeadLetter d = DeadLetter.newBuilder()
                .setSourceTopic(topic).setPartition(partition).setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(reason).setStage(stage).setFailedAtMs(System.currentTimeMillis())
                .build();
        return new KeyedBytes(key, codec.encode(d));
    }
}
