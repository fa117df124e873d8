package org.d2r.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.Transition;
import org.junit.jupiter.api.Test;

class BatchConversionTest {

    private static TrainingBatch batch(List<Transition> rows) {
        return TrainingBatch.newBuilder().setRunId("r").setSequence(7).setSeed(0).setRowsPerTask(2).setRows(rows)
                .setSources(List.of()).build();
    }

    @Test
    void rowsLandByTaskAndARowOfTheWrongTaskIsRefused() {
        List<Transition> rows = new ArrayList<>(SyntheticTransitions.of("r", 0, 1, 2));
        rows.addAll(SyntheticTransitions.of("r", 1, 1, 2));
        TransitionBatch target = TransitionBatch.allocate(4, 39, 4, 0);
        KafkaBatchSource.fill(2, target, batch(rows));
        assertEquals(1, target.taskIds()[3]);
        assertEquals(rows.get(2).getReward(), target.rewards()[2]);

        // a reference resolved to another task's transition (a recreated topic, another prefix)
        List<Transition> swapped = new ArrayList<>(rows);
        swapped.set(1, rows.get(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaBatchSource.fill(2, target, batch(swapped)));
        assertTrue(e.getMessage().contains("row 1 is a transition of task 1 where task 0's rows lie"), e.getMessage());
    }
}
