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
        List<SourcePosition> sources = List.of(new SourcePosition(0, 12L, 3, 400L), new SourcePosition(1, 12L, 1, 77L));
        TrainingBatch batch = TrainingBatch.newBuilder().setRunId("run-7").setSequence(123456789L).setSeed(-5)
                .setRowsPerTask(5).setRows(rows).setSources(sources).build();

        byte[] spliced = new TrainingBatchWriter().encode("run-7", 123456789L, -5, 5,
                rows.stream().map(tc::encode).toList(), sources);
        assertArrayEquals(bc.encode(batch), spliced);
        assertEquals(batch, bc.decode(spliced));
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
