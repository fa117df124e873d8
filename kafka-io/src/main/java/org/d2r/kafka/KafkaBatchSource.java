package org.d2r.kafka;

import java.time.Duration;
import java.util.Map;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.roles.BatchSource;
import org.d2r.schemas.SourcePosition;
import org.d2r.schemas.Topics;
import org.d2r.schemas.TrainingBatch;

/**
 * The pipeline's batch source: the replay job's batches from the replay-batches topic in sequence
 * ({@link ReplayBatchReader}), converted into the update's batch ({@link BatchConversion}). The reader
 * starts after the checkpoint's last sequence, so it opens on the first {@link #next}, after
 * {@link #resume}; {@link #commit} commits the consumer's offsets once a checkpoint holds the batches.
 */
public final class KafkaBatchSource implements BatchSource {

    private final String bootstrapServers;
    private final Topics topics;
    private final String groupId;
    private final Map<String, String> clientProperties;
    private final int tasks;
    private long lastSequence = -1;
    private boolean rewind;
    /** Written by the learner's thread, read by one that abandons the source. */
    private volatile ReplayBatchReader reader;
    private volatile boolean abandoned;
    private BatchConversion conversion;

    /** @param tasks the learner's task count: a batch of another shape is refused */
    public KafkaBatchSource(String bootstrapServers, Topics topics, String groupId, Map<String, String> clientProperties, int tasks) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.groupId = groupId;
        this.clientProperties = clientProperties;
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
        if (abandoned) throw new IllegalStateException("no batch: the broker is gone");
        if (reader == null) {
            reader = new ReplayBatchReader(bootstrapServers, topics, groupId, lastSequence, clientProperties, rewind);
            conversion = new BatchConversion(tasks, into);
        }
        TrainingBatch b = reader.next(wait);
        if (b == null) return null;
        conversion.fill(b);
        return new Drawn(b.getSequence(), envStepsPerTask(b));
    }

    /**
     * Environment steps per task behind a batch: the mean over its tasks of the transitions the replay job
     * had seen of each when it made the batch (the producers step the tasks in lockstep, so they differ by
     * at most a round); -1 for a batch without sources.
     */
    static long envStepsPerTask(TrainingBatch b) {
        if (b.getSources().isEmpty()) return -1;
        long sum = 0;
        for (SourcePosition p : b.getSources()) sum += p.getTransitionsSeen();
        return Math.round((double) sum / b.getSources().size());
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
}
