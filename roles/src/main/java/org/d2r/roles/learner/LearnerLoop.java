package org.d2r.roles.learner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.core.sac.UpdateStats;
import org.d2r.roles.BatchSource;
import org.d2r.roles.PolicyPublisher;
import org.d2r.roles.RunFiles;

/**
 * The learner of every mode (Acme's learner): one multi-task SAC update per batch from a batch source,
 * a metrics.csv row per update, a checkpoint every C updates, the policy to a publisher every K. The
 * pipeline runs it on a thread over a blocking source ({@link #step} with a wait); {@code train --local}
 * steps it from the environment loop at the replay ratio (a synchronous source that answers at once).
 *
 * <p>Opening it restores the newest intact checkpoint of the run folder (a corrupt newer one is set
 * aside), hands the source what the checkpoint kept, and cuts metrics.csv back to it: a resumed run
 * continues its files as if the crash had not happened. Not thread-safe: one thread steps it, others
 * may read the counters.
 */
public final class LearnerLoop implements AutoCloseable {

    /**
     * @param checkpointPrefix names the mode's checkpoints ({@code learner-}, {@code local-}, {@code offline-})
     * @param tasks            task names, for metrics.csv's per-task columns
     */
    public record Settings(Path runDir, String checkpointPrefix, List<String> tasks, int checkpointEvery, int snapshotEvery) {
        public Settings {
            Objects.requireNonNull(runDir, "runDir");
            tasks = List.copyOf(tasks);
            if (checkpointEvery < 1) throw new IllegalArgumentException("--checkpoint-every must be >= 1, got " + checkpointEvery);
            if (snapshotEvery < 1) throw new IllegalArgumentException("--snapshot-every must be >= 1, got " + snapshotEvery);
        }
    }

    /**
     * The checkpoint a loop resumed from; envStepsPerTask -1 in one written before it was kept.
     *
     * @param note what the restore had to skip (an unreadable newer checkpoint, named), null when nothing
     */
    public record Resumed(Path file, long updates, long lastSequence, long envStepsPerTask, String note) {}

    private final MultiTaskSac sac;
    private final Method method;
    private final D2rNetConfig net;
    private final TransitionBatch batch;
    private final BatchSource source;
    private final PolicyPublisher publisher;
    private final Settings settings;
    private final CheckpointFolder checkpoints;
    private final MetricsCsv metrics;
    private final MetricsSink published;
    private final Resumed resumed;
    private final int metricsDropped;
    private volatile boolean stopping;
    /** The ports' transport is gone: nothing more is published or committed, the checkpoint alone ends the run. */
    private volatile boolean transportGone;
    private volatile long updates;
    private volatile long lastSequence;
    /** Environment steps per task behind the newest trained batch (a resumed learner's from its checkpoint; -1 before any). */
    private volatile long envStepsPerTask;
    private volatile long checkpointed;
    private volatile long snapshotVersion = -1;
    private volatile Path lastCheckpoint;

    /**
     * The loop owns the source and the publisher from here on: {@link #close} closes them, and so does a failure here.
     *
     * @param batch     the reused batch the source fills (sized for the update)
     * @param published each update's figures besides metrics.csv; the loop owns it as it owns the source
     */
    public LearnerLoop(MultiTaskSac sac, Method method, D2rNetConfig net, TransitionBatch batch, BatchSource source,
                       PolicyPublisher publisher, MetricsSink published, Settings settings) throws IOException {
        this.sac = sac;
        this.published = published;
        this.method = method;
        this.net = net;
        this.batch = batch;
        this.source = source;
        this.publisher = publisher;
        this.settings = settings;
        try {
            Files.createDirectories(settings.runDir());
            this.checkpoints = new CheckpointFolder(settings.runDir(), settings.checkpointPrefix());
            this.resumed = checkpoints.restoreLatest(sac, source).orElse(null);
        } catch (IOException | RuntimeException e) {
            try (source; publisher; published) {
                throw e;
            }
        }
        this.lastSequence = resumed == null ? -1 : resumed.lastSequence();
        this.envStepsPerTask = resumed == null ? -1 : resumed.envStepsPerTask();
        this.updates = sac.updateCount();
        this.checkpointed = updates;
        this.lastCheckpoint = resumed == null ? null : resumed.file();
        // rows a killed learner wrote after its newest checkpoint would be written again from there
        Path csv = settings.runDir().resolve("metrics.csv");
        this.metricsDropped = RunFiles.cutAfter(csv, 0, updates);
        this.metrics = new MetricsCsv(csv, settings.tasks());
    }

    /**
     * Trains on the source's next batch, if one comes within {@code wait}: the update, its metrics row, then
     * the checkpoint and the policy when their cadence says so.
     *
     * @return whether an update happened (false: no batch due or none in time)
     */
    public boolean step(Duration wait) throws IOException {
        BatchSource.Drawn drawn;
        try {
            drawn = source.next(batch, wait);
        } catch (RuntimeException e) {
            if (!transportGone) throw e; // its transport abandoned, a source fails fast: the loop is stopping anyway
            return false;
        }
        if (drawn == null) return false;
        long t0 = System.nanoTime();
        UpdateStats s = sac.update(batch);
        double seconds = (System.nanoTime() - t0) / 1e9;
        lastSequence = drawn.sequence();
        envStepsPerTask = drawn.envStepsPerTask();
        updates = sac.updateCount();
        UpdateMetrics row = UpdateMetrics.of(updates, lastSequence, envStepsPerTask, s, seconds, System.currentTimeMillis());
        metrics.write(row);
        published.write(row);
        // Checkpoint before the snapshot: a shutting-down broker may be gone before the learner, and what was
        // trained must reach the disk whatever Kafka does.
        boolean checkpointNow = updates % settings.checkpointEvery() == 0;
        if (checkpointNow) checkpoint();
        try {
            if (checkpointNow) source.commit();
            if (updates % settings.snapshotEvery() == 0) publish();
        } catch (RuntimeException e) {
            if (!stopping) throw e; // stopping: the final checkpoint matters, the broker's answer does not
        }
        return true;
    }

    /**
     * Steps a synchronous source until {@code maxUpdates} (0: no limit), until {@link #stopSoon}, or until the
     * source has nothing more (a recording used up).
     */
    public void run(long maxUpdates) throws IOException {
        while (!stopping && (maxUpdates == 0 || updates < maxUpdates)) {
            if (!step(Duration.ZERO)) return;
        }
    }

    /**
     * The end of a run: a checkpoint of the last update (unless the cadence just wrote it) and the last policy
     * published whatever K is (the run's final evaluation is of that one). The checkpoint alone makes a resume
     * exact, so it comes first and a publisher that fails is only reported.
     */
    public void finish() throws IOException {
        if (checkpointed != updates || lastCheckpoint == null) checkpoint();
        if (transportGone) return;
        if (snapshotVersion != sac.updateCount()) {
            try {
                publish();
            } catch (IllegalStateException e) {
                System.err.println("learner: final snapshot not published (" + e.getMessage() + "); the checkpoint has it");
            }
        }
    }

    private void checkpoint() throws IOException {
        lastCheckpoint = checkpoints.write(sac, lastSequence, envStepsPerTask, source.state());
        checkpointed = updates;
    }

    /** Publishes the actor now. The version is the update count: monotone across restarts, and it tells the actors how far the learner is. */
    public void publish() {
        double[] logAlpha = sac.logAlphaValues();
        double[] alpha = new double[logAlpha.length];
        for (int i = 0; i < alpha.length; i++) alpha[i] = Math.exp(logAlpha[i]);
        long version = sac.updateCount();
        publisher.publish(PolicySnapshot.of(method, sac.actor(), net, sac.taskTemperatures(), version), version,
                envStepsPerTask, alpha);
        snapshotVersion = version;
    }

    /** Makes a failing publish or commit during the current step non-fatal and ends {@link #run} after it. */
    public void stopSoon() {
        stopping = true;
    }

    /**
     * Stops as {@link #stopSoon} does when the ports' transport is known to be gone (the broker died): whatever the
     * loop's thread waits on returns now, and {@link #finish} writes the checkpoint without publishing, so the stop
     * takes no broker timeout. The checkpoint makes the resume exact; the resume's learner publishes again.
     */
    public void abandonTransport() {
        transportGone = true;
        stopping = true;
        source.abandon();
        publisher.abandon();
        published.abandon();
    }

    /** Updates applied so far (restored count included). */
    public long updates() {
        return updates;
    }

    /** Sequence of the last batch trained on (-1 before the first). */
    public long lastSequence() {
        return lastSequence;
    }

    /** Update count of the newest checkpoint on disk, restored or written (0: none): what a restart resumes from. */
    public long checkpointedUpdate() {
        return checkpointed;
    }

    /** The newest checkpoint file (restored or written), null before any. */
    public Path lastCheckpoint() {
        return lastCheckpoint;
    }

    public Optional<Resumed> resumed() {
        return Optional.ofNullable(resumed);
    }

    /** metrics.csv rows past the restored checkpoint that opening the loop removed (a crash's leftovers). */
    public int metricsRowsDropped() {
        return metricsDropped;
    }

    /** Version of the newest policy published (-1: none yet). */
    public long snapshotVersion() {
        return snapshotVersion;
    }

    /** Closes metrics.csv, the metrics sink, the source and the publisher (no checkpoint: {@link #finish} first for a clean end). */
    @Override
    public void close() throws IOException {
        try (metrics; published; source; publisher) {
            // all four closed, in reverse order, even if one fails
        }
    }
}
