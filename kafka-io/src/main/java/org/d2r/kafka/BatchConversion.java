package org.d2r.kafka;

import java.nio.ByteBuffer;
import java.util.List;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.Transition;

/**
 * The one place where the wire format meets the update: copies a {@link TrainingBatch} into a
 * reused {@link TransitionBatch}. Neither side knows the other; the reader knows Kafka, the SAC
 * knows nothing of Avro.
 */
final class BatchConversion {

    private final int tasks;
    private final TransitionBatch target;

    BatchConversion(int tasks, TransitionBatch target) {
        this.tasks = tasks;
        this.target = target;
    }

    /**
     * Fills the target in place and returns it.
     *
     * @throws IllegalArgumentException when the batch's shape is not the learner's (another preset or task list)
     */
    TransitionBatch fill(TrainingBatch b) {
        List<Transition> rows = b.getRows();
        if (rows.size() != target.rows() || (long) b.getRowsPerTask() * tasks != target.rows()) {
            throw new IllegalArgumentException("replay batch " + b.getSequence() + " has " + rows.size() + " rows ("
                    + b.getRowsPerTask() + " per task), the learner expects " + target.rows() + " for " + tasks
                    + " tasks: start the replay job with the learner's preset and task list");
        }
        int o = target.obsDims();
        int a = target.actionDims();
        for (int r = 0; r < rows.size(); r++) {
            Transition t = rows.get(r);
            if (t.getTaskId() < 0 || t.getTaskId() >= tasks) {
                throw new IllegalArgumentException("replay batch " + b.getSequence() + " row " + r + " has task id "
                        + t.getTaskId() + ", outside the learner's " + tasks + " tasks");
            }
            if (t.getTaskId() != r / b.getRowsPerTask()) {
                // rows are laid out by task: another task here means the batch named the wrong transition
                throw new IllegalArgumentException("replay batch " + b.getSequence() + " row " + r + " is a transition of"
                        + " task " + t.getTaskId() + " where task " + r / b.getRowsPerTask() + "'s rows lie: the batch and the"
                        + " transitions topic disagree (a recreated topic, or another run's topic prefix?)");
            }
            copy(t.getObs(), target.obs(), r * o, o, "obs", b, r);
            copy(t.getNextObs(), target.nextObs(), r * o, o, "nextObs", b, r);
            copy(t.getAction(), target.actions(), r * a, a, "action", b, r);
            target.rewards()[r] = t.getReward();
            // Meta-World episodes only end by the time limit: a truncation, so the update bootstraps.
            target.terminal()[r] = false;
            target.taskIds()[r] = t.getTaskId();
            if (target.paths() != null) {
                ByteBuffer p = t.getRoutingPath().duplicate();
                byte[] bytes = new byte[p.remaining()];
                p.get(bytes);
                target.paths().setRowBytes(r, bytes);
            }
        }
        return target;
    }

    private static void copy(List<Float> src, float[] dst, int at, int n, String field, TrainingBatch b, int row) {
        if (src.size() != n) {
            throw new IllegalArgumentException("replay batch " + b.getSequence() + " row " + row + ": " + field + " has "
                    + src.size() + " values, expected " + n);
        }
        for (int i = 0; i < n; i++) dst[at + i] = src.get(i);
    }
}
