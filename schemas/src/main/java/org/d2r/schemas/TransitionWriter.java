package org.d2r.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.util.Utf8;

/**
 * Writes a {@link Transition} straight from the environment's arrays, for the producers' stepping
 * loop: no boxed {@code List<Float>} per observation, no record object, no generic writer walking
 * the schema. The bytes equal {@code AvroCodec.forType(Transition.class).encode(t)} for the same
 * values (tested), so every reader is unaffected. Doubles are written as the schema's floats. One
 * instance per thread.
 */
public final class TransitionWriter {

    private static final List<String> FIELD_ORDER = List.of("runId", "taskId", "taskName", "envId", "episode", "step",
            "obs", "action", "reward", "nextObs", "truncated", "success", "routingPath", "snapshotVersion");

    private final ReusableBytes buffer = new ReusableBytes(
            AvroCodec.headerForHandWritten(Transition.getClassSchema(), FIELD_ORDER, TransitionWriter.class), 1024);
    private String lastRunId;
    private Utf8 runIdUtf8;

    /** The single-object encoding of the transition these values make (fields in the schema's order). */
    public byte[] encode(String runId, int taskId, String taskName, int envId, long episode, int step, double[] obs,
                         double[] action, float reward, double[] nextObs, boolean truncated, boolean success,
                         byte[] routingPath, long snapshotVersion) {
        if (!runId.equals(lastRunId)) {
            lastRunId = runId;
            runIdUtf8 = new Utf8(runId);
        }
        try {
            BinaryEncoder encoder = buffer.begin();
            encoder.writeString(runIdUtf8);
            encoder.writeInt(taskId);
            encoder.writeString(taskName);
            encoder.writeInt(envId);
            encoder.writeLong(episode);
            encoder.writeInt(step);
            floats(encoder, obs);
            floats(encoder, action);
            encoder.writeFloat(reward);
            floats(encoder, nextObs);
            encoder.writeBoolean(truncated);
            encoder.writeBoolean(success);
            encoder.writeBytes(routingPath);
            encoder.writeLong(snapshotVersion);
            return buffer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void floats(BinaryEncoder encoder, double[] values) throws IOException {
        encoder.writeArrayStart();
        encoder.setItemCount(values.length);
        for (double v : values) {
            encoder.startItem();
            encoder.writeFloat((float) v);
        }
        encoder.writeArrayEnd();
    }
}
