package org.d2r.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes a {@link TrainingBatch} whose rows are already single-object encoded transitions, by
 * splicing their binary bodies into the batch instead of decoding and re-encoding 1,280 records:
 * an Avro array of records is just its count followed by the records' bodies. The bytes equal
 * {@code AvroCodec.forType(TrainingBatch.class).encode(batch)} for the same content. A row
 * written with another Transition version is resolved to the current one first. Rows carrying the
 * current fingerprint are copied as they are, not validated: pass rows that were decoded once on
 * arrival (the replay job does). One instance per thread.
 */
public final class TrainingBatchWriter {

    private static final List<String> FIELD_ORDER = List.of("runId", "sequence", "seed", "rowsPerTask", "rows", "sources", "refs");

    private final AvroCodec<Transition> transitions = AvroCodec.forType(Transition.class);
    private final long transitionFingerprint = transitions.fingerprint();
    private final SpecificDatumWriter<SourcePosition> sourceWriter = new SpecificDatumWriter<>(SourcePosition.class);
    private final ReusableBytes buffer = new ReusableBytes(
            AvroCodec.headerForHandWritten(TrainingBatch.getClassSchema(), FIELD_ORDER, TrainingBatchWriter.class), 64 * 1024);

    /**
     * A batch with its rows inline.
     *
     * @param rows    single-object encoded transitions, in batch order
     * @param sources one per task, by task id
     * @throws MalformedRecordException if a row is not a readable transition
     */
    public byte[] encode(String runId, long sequence, long seed, int rowsPerTask, List<byte[]> rows,
                         List<SourcePosition> sources) {
        return encode(runId, sequence, seed, rowsPerTask, rows, sources, null, null, 0);
    }

    /**
     * A batch of references: row r is the transition at {@code partitions[r]}/{@code offsets[r]} of
     * the transitions topic.
     */
    public byte[] encodeReferences(String runId, long sequence, long seed, int rowsPerTask, List<SourcePosition> sources,
                                   int[] partitions, long[] offsets) {
        if (partitions.length != offsets.length) {
            throw new IllegalArgumentException(partitions.length + " partitions for " + offsets.length + " offsets");
        }
        return encode(runId, sequence, seed, rowsPerTask, List.of(), sources, partitions, offsets, partitions.length);
    }

    private byte[] encode(String runId, long sequence, long seed, int rowsPerTask, List<byte[]> rows,
                          List<SourcePosition> sources, int[] partitions, long[] offsets, int refs) {
        try {
            BinaryEncoder encoder = buffer.begin();
            encoder.writeString(runId);
            encoder.writeLong(sequence);
            encoder.writeLong(seed);
            encoder.writeInt(rowsPerTask);
            encoder.writeArrayStart();
            encoder.setItemCount(rows.size());
            for (byte[] row : rows) {
                encoder.startItem();
                byte[] current = AvroCodec.writerFingerprint(row) == transitionFingerprint && row.length >= AvroCodec.HEADER_LENGTH
                        ? row : transitions.encode(transitions.decode(row));
                encoder.writeFixed(current, AvroCodec.HEADER_LENGTH, current.length - AvroCodec.HEADER_LENGTH);
            }
            encoder.writeArrayEnd();
            encoder.writeArrayStart();
            encoder.setItemCount(sources.size());
            for (SourcePosition s : sources) {
                encoder.startItem();
                sourceWriter.write(s, encoder);
            }
            encoder.writeArrayEnd();
            // refs: an array of TransitionRef records, each just (partition, offset) in binary
            encoder.writeArrayStart();
            encoder.setItemCount(refs);
            for (int r = 0; r < refs; r++) {
                encoder.startItem();
                encoder.writeInt(partitions[r]);
                encoder.writeLong(offsets[r]);
            }
            encoder.writeArrayEnd();
            return buffer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
