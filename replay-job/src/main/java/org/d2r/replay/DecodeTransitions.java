package org.d2r.replay;

import java.nio.ByteBuffer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.DeadLetter;
import org.d2r.schemas.MalformedRecordException;
import org.d2r.schemas.Transition;
import org.d2r.schemas.TransitionCheck;

/**
 * Decodes and validates transitions. Anything that cannot be trained on goes to the
 * dead-letter side output with the reason and the original bytes; the stream goes on.
 */
final class DecodeTransitions extends ProcessFunction<RawRecord, AcceptedTransition> {

    static final OutputTag<KeyedBytes> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    static final String STAGE = "replay-job/decode";

    private final int tasks;
    private transient AvroCodec<Transition> transitions;
    private transient AvroCodec<DeadLetter> deadLetters;
    private transient Transition reuse;

    DecodeTransitions(int tasks) {
        this.tasks = tasks;
    }

    @Override
    public void open(OpenContext context) {
        transitions = AvroCodec.forType(Transition.class);
        deadLetters = AvroCodec.forType(DeadLetter.class);
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<AcceptedTransition> out) {
        Transition t;
        try {
            t = transitions.decode(raw.value(), reuse);
        } catch (MalformedRecordException e) {
            deadLetter(raw, e.getMessage(), ctx);
            return;
        }
        reuse = t;
        String problem = t.getTaskId() >= tasks
                ? "task id " + t.getTaskId() + " outside 0.." + (tasks - 1) + " of this run's " + tasks + " tasks"
                : TransitionCheck.problem(t);
        if (problem != null) {
            deadLetter(raw, problem, ctx);
            return;
        }
        out.collect(new AcceptedTransition(t.getTaskId(), t.getTaskName(), raw.partition(), raw.offset(), t.getEnvId(),
                t.getEpisode(), t.getReward(), t.getSuccess(), t.getTruncated(), t.getSnapshotVersion(), t.getObs().size(),
                t.getAction().size(), raw.key(), raw.value()));
    }

    private void deadLetter(RawRecord raw, String reason, Context ctx) {
        ctx.output(DEAD_LETTERS, deadLetter(deadLetters, raw.topic(), raw.partition(), raw.offset(), raw.key(), raw.value(), reason, STAGE));
    }

    /** The dead-letter record of a refused input record (here, or later in the job). */
    static KeyedBytes deadLetter(AvroCodec<DeadLetter> codec, String topic, int partition, long offset, byte[] key,
                                 byte[] value, String reason, String stage) {
        DeadLetter d = DeadLetter.newBuilder()
                .setSourceTopic(topic).setPartition(partition).setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(reason).setStage(stage).setFailedAtMs(System.currentTimeMillis())
                .build();
        return new KeyedBytes(key, codec.encode(d));
    }
}
