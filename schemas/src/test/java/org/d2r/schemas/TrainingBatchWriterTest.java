package org.d2r.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingBatchWriterTest {

    @Test
    void splicedBatchEqualsTheCodecsEncodingOfTheSameBatch() {
        AvroCodec<Transition> tc = AvroCodec.forType(Transition.class);
        AvroCodec<TrainingBatch> bc = AvroCodec.forType(TrainingBatch.class);
        List<Transition> rows = new ArrayList<>(SyntheticTransitions.of("r", 0, 1, 5));
        rows.addAll(SyntheticTransitions.of("r", 1, 1, 5));
        List<SourcePosition> sources = List.of(new SourcePosition(0, 12L, 3, 400L, 390L), new SourcePosition(1, 12L, 1, 77L, 60L));
        TrainingBatch batch = TrainingBatch.newBuilder().setRunId("run-7").setSequence(123456789L).setSeed(-5)
                .setRowsPerTask(5).setRows(rows).setSources(sources).build();

        byte[] spliced = new TrainingBatchWriter().encode("run-7", 123456789L, -5, 5,
                rows.stream().map(tc::encode).toList(), sources);
        assertArrayEquals(bc.encode(batch), spliced);
        assertEquals(batch, bc.decode(spliced));
    }

    @Test
    void referenceBatchEqualsTheCodecsEncodingOfTheSameBatch() {
        AvroCodec<TrainingBatch> bc = AvroCodec.forType(TrainingBatch.class);
        List<SourcePosition> sources = List.of(new SourcePosition(0, 9L, 2, 1L << 40, (1L << 40) - 8),
                new SourcePosition(1, 9L, 0, 5L, 0L));
        int[] partitions = {2, 2, 2, 0, 0, 0};
        long[] offsets = {1L << 40, (1L << 40) - 8, (1L << 40) - 3, 0, 5, 0};
        List<TransitionRef> refs = new ArrayList<>();
        for (int r = 0; r < offsets.length; r++) {
            refs.add(new TransitionRef(partitions[r], offsets[r]));
        }
        TrainingBatch batch = TrainingBatch.newBuilder().setRunId("run-8").setSequence(4).setSeed(11).setRowsPerTask(3)
                .setRows(List.of()).setSources(sources).setRefs(refs).build();

        byte[] written = new TrainingBatchWriter().encodeReferences("run-8", 4, 11, 3, sources, partitions, offsets);
        assertArrayEquals(bc.encode(batch), written);
        assertEquals(batch, bc.decode(written));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingBatchWriter().encodeReferences("r", 0, 0, 1, sources, new int[2], new long[3]));
    }

    @Test
    void emptyBatchAndUnreadableRows() {
        AvroCodec<TrainingBatch> bc = AvroCodec.forType(TrainingBatch.class);
        TrainingBatchWriter w = new TrainingBatchWriter();
        TrainingBatch empty = bc.decode(w.encode("r", 0, 0, 0, List.of(), List.of()));
        assertEquals(0, empty.getRows().size());
        assertThrows(MalformedRecordException.class,
                () -> w.encode("r", 0, 0, 1, List.of("garbage-not-avro".getBytes()), List.of()));
    }
}
