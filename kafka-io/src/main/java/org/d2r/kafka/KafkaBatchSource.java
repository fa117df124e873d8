package org.d2r.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.roles.BatchSource;
import org.d2r.schemas.SourcePosition;
import org.d2r.schemas.Topics;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.Transition;

/**
 * The pipeline's batch source: the replay job's batches from the replay-batches topic in sequence
 * ({@link ReplayBatchReader}), converted into the update's batch ({@link #fill}). The reader
 * starts after the checkpoint's last sequence, so it opens on the first {@link #next}, after
 * {@link #resume}; {@link #commit} commits the consumer's offsets once a checkpoint holds the batches.
 */
public final class KafkaBatchSource implements BatchSource {

    /** Opens the reader after a sequence, from the topic's start when asked to rewind. */
    private final java.util.function.BiFunction<Long, Boolean, ReplayBatchReader> open;
    private final int tasks;
    private long lastSequence = -1;
    private boolean rewind;
    /** Written by the learner's thread, read by one that abandons the source. */
    private volatile ReplayBatchReader reader;
    private volatile boolean abandoned;

    /** @param tasks the learner's task count: a batch of another shape is refused */
    public KafkaBatchSource(String bootstrapServers, Topics topics, String groupId, Map<String, String> clientProperties, int tasks) {
        this((last, rewind) -> new ReplayBatchReader(bootstrapServers, topics, groupId, last, clientProperties, rewind), tasks);
    }

    KafkaBatchSource(java.util.function.BiFunction<Long, Boolean, ReplayBatchReader> open, int tasks) {
        this.open = open;
        this.tasks = tasks;
    }

    @Override
    public void resume(Resume from) {
        lastSequence = from.lastSequence();
        // the group's committed position may lie past an unreadable newer checkpoint: read from the start
        rewind = from.olderThanNewest();
    }

    @Override
    public Drawn next(TransitionBatch into, Duration wait) {
        if (reader == null && !abandoned) {
            reader = open.apply(lastSequence, rewind);
        }
        // checked after the open: an abandon() during it found no reader to wake, whose poll would wait the whole time
        if (abandoned) throw new IllegalStateException("no batch: the broker is gone");
        TrainingBatch b = reader.next(wait);
        if (b == null) return null;
        fill(tasks, into, b);
        return new Drawn(b.getSequence(), envStepsPerTask(b));
    }

    /**
     * Environment steps per task behind a batch: the mean over its tasks of the transitions the replay job
     * had seen of each when it made the batch (the producers step the tasks in lockstep, so they differ by
     * at most a round); -1 for a batch without sources.
     */
    static long envStepsPerTask(TrainingBatch b) {
        return Math.round(b.getSources().stream().mapToLong(SourcePosition::getTransitionsSeen).average().orElse(-1));
    }

    @Override
    public void commit() {
        if (reader != null && !abandoned) reader.commit();
    }

    /** The checkpoint holds the position: an offset commit is not worth a wait, and the resume skips what was applied. */
    @Override
    public void abandon() {
        abandoned = true;
        ReplayBatchReader r = reader;
        if (r != null) r.wakeup();
    }

    @Override
    public void close() {
        ReplayBatchReader r = reader;
        if (r != null) r.close(abandoned ? Duration.ZERO : ReplayBatchReader.CLOSE_WAIT);
    }

    /**
     * Copies a batch into the update's reused {@link TransitionBatch}: the one place where the wire format meets the
     * update (the reader knows Kafka, the SAC knows nothing of Avro).
     */
    static void fill(int tasks, TransitionBatch target, TrainingBatch b) {
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
    }

    private static void copy(List<Float> src, float[] dst, int at, int n, String field, TrainingBatch b, int row) {
        if (src.size() != n) {
            throw new IllegalArgumentException("replay batch " + b.getSequence() + " row " + row + ": " + field + " has "
                    + src.size() + " values, expected " + n);
        }
        for (int i = 0; i < n; i++) dst[at + i] = src.get(i);
    }
}
