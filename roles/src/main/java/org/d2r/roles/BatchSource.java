package org.d2r.roles;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.d2r.core.sac.TransitionBatch;

/**
 * The learner's side of the replay (Acme's replay iterator): one training batch at a time, in the
 * source's order. The learner loop checkpoints what the source must keep ({@link #state}) with its
 * weights and tells the source when a checkpoint covers what it drew ({@link #commit}), so a restart
 * neither trains on a batch twice nor skips one.
 */
public interface BatchSource extends AutoCloseable {

    /**
     * Where a drawn batch stands.
     *
     * @param sequence        its place in the source's order (the learner checkpoints the last one trained on)
     * @param envStepsPerTask environment steps per task behind it, -1 where the source cannot tell
     */
    record Drawn(long sequence, long envStepsPerTask) {}

    /**
     * What a checkpoint tells the source when the learner restores it.
     *
     * @param lastSequence    the last batch trained on before the checkpoint
     * @param state           {@link #state()} as the checkpoint kept it (empty for a checkpoint without)
     * @param olderThanNewest a newer checkpoint was unreadable: whatever the source committed after this one is ahead of it
     */
    record Resume(long lastSequence, Map<String, byte[]> state, boolean olderThanNewest) {}

    /**
     * Fills {@code into} with the next batch, waiting at most {@code wait} for one.
     *
     * @return where the batch stands, or null when none is due yet (a synchronous source) or came in time
     */
    Drawn next(TransitionBatch into, Duration wait) throws IOException;

    /** A checkpoint now holds every batch drawn so far: the source may forget them (Kafka commits its offsets). */
    default void commit() {}

    /** What the source needs, besides the last sequence, to continue exactly from a checkpoint; kept in its extras. */
    default Map<String, byte[]> state() {
        return Map.of();
    }

    /** Continues after a restored checkpoint; called once, before the first {@link #next}. */
    default void resume(Resume from) throws IOException {}

    /**
     * The transport behind this port is gone (its broker died): stop waiting for it. A call blocked in another thread
     * returns or fails now, later calls fail at once, and {@link #close} releases without waiting. Safe from any
     * thread; ports without a transport need nothing.
     */
    default void abandon() {}

    @Override
    default void close() throws IOException {}
}
