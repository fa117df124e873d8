package org.d2r.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
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

    private final byte[] header;
    private final ReusableBytes buffer = new ReusableBytes(1024);
    private BinaryEncoder encoder;
    private String lastRunId;
    private Utf8 runIdUtf8;

    public TransitionWriter() {
        header = AvroCodec.headerForHandWritten(Transition.getClassSchema(), FIELD_ORDER, TransitionWriter.class);
    }

    /** The single-object encoding of the transition these values make (fields in the schema's order). */
    public byte[] encode(String runId, int taskId, String taskName, int envId, long episode, int step, double[] obs,
                         double[] action, float reward, double[] nextObs, boolean truncated, boolean success,
                         byte[] routingPath, long snapshotVersion) {
        if (!runId.equals(lastRunId)) {
            lastRunId = runId;
            runIdUtf8 = new Utf8(runId);
        }
        buffer.reset();
        buffer.write(header, 0, header.length);
        try {
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            encoder.writeString(runIdUtf8);
            encoder.writeInt(taskId);
            encoder.writeString(taskName);
            encoder.writeInt(envId);
            encoder.writeLong(episode);
            encoder.writeInt(step);
            floats(obs);
            floats(action);
            encoder.writeFloat(reward);
            floats(nextObs);
            encoder.writeBoolean(truncated);
            encoder.writeBoolean(success);
            encoder.writeBytes(routingPath);
            encoder.writeLong(snapshotVersion);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private void floats(double[] values) throws IOException {
        encoder.writeArrayStart();
        encoder.setItemCount(values.length);
        for (double v : values) {
            encoder.startItem();
            encoder.writeFloat((float) v);
        }
        encoder.writeArrayEnd();
    }
}
