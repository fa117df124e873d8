package org.d2r.monitor;

import java.util.List;
import org.d2r.schemas.DeadLetter;
import org.d2r.schemas.PolicySnapshot;
import org.d2r.schemas.TrainingBatch;

/** The small tables of a run: the newest policy snapshot, the newest training batch, and the dead letters by stage. */
final class PipelineState {

    private PipelineState() {}

    /**
     * The newest snapshot the learner published (policy-snapshots) and the ones before it.
     *
     * @param recent the newest snapshots' versions and times, oldest first (a short list: what the producers may still
     *               act with)
     */
    record Snapshots(long version, long updateCount, long envStepsPerTask, long createdAtMs, long published,
                     List<Published> recent) {
        static final int RECENT = 20;

        record Published(long version, long updateCount, long createdAtMs) {}

        Snapshots {
            recent = List.copyOf(recent);
        }

        /** A snapshot at or below the newest one (the compacted topic read again, a restarted learner's first) is kept only in the count. */
        static Snapshots after(Snapshots previous, PolicySnapshot s) {
            if (previous != null && s.getVersion() <= previous.version()) {
                return new Snapshots(previous.version(), previous.updateCount(), previous.envStepsPerTask(),
                        previous.createdAtMs(), previous.published() + 1, previous.recent());
            }
            List<Published> recent = new java.util.ArrayList<>(previous == null ? List.of() : previous.recent());
            recent.add(new Published(s.getVersion(), s.getUpdateCount(), s.getCreatedAtMs()));
            if (recent.size() > RECENT) recent.remove(0);
            return new Snapshots(s.getVersion(), s.getUpdateCount(), s.getEnvStepsPerTask(), s.getCreatedAtMs(),
                    previous == null ? 1 : previous.published() + 1, recent);
        }
    }

    /**
     * The newest training batch the replay job made (replay-batches): the learner's lag is this sequence less the one
     * it trained last.
     *
     * @param records batch records read, a restored replay job's repeats included
     */
    record Batches(long sequence, int rowsPerTask, long records, long atMs) {
        static Batches after(Batches previous, TrainingBatch b, long atMs) {
            long records = previous == null ? 1 : previous.records() + 1;
            if (previous != null && b.getSequence() <= previous.sequence()) {
                return new Batches(previous.sequence(), previous.rowsPerTask(), records, previous.atMs());
            }
            return new Batches(b.getSequence(), b.getRowsPerTask(), records, atMs);
        }
    }

    /** Records a job could not process, by the stage that refused them, with the newest reason. */
    record DeadLetters(String stage, long count, String lastReason, String lastSourceTopic, long lastAtMs) {
        static DeadLetters after(DeadLetters previous, DeadLetter d) {
            return new DeadLetters(d.getStage(), previous == null ? 1 : previous.count() + 1, d.getReason(), d.getSourceTopic(),
                    d.getFailedAtMs());
        }
    }
}
