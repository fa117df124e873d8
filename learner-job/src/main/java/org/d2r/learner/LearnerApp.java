package org.d2r.learner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.csv.CSVPrinter;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.core.sac.UpdateStats;
import org.d2r.replay.ReplayBatchReader;
import org.d2r.roles.report.CsvFile;
import org.d2r.schemas.TrainingBatch;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The learner process: reads replay batches in sequence, applies one SAC update per batch to the
 * run's method (D2R, or a baseline for comparison),
 * publishes the actor every K updates (and at the start, so the producers can act), checkpoints
 * every C updates with the last applied batch sequence, and on start resumes from the newest
 * checkpoint so that no batch is trained on twice or skipped. One background thread.
 */
public final class LearnerApp implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final LearnerSettings settings;
    private final MultiTaskSac sac;
    private final TaskNetwork actor;
    /** D2R's configuration (carried in a baseline's snapshots unused). */
    private final org.d2r.core.config.D2rNetConfig net;
    private final CheckpointFolder checkpoints;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Long> applied = Collections.synchronizedList(new ArrayList<>());
    private final long resumedFrom;
    private final String restoreNote;
    private final int metricsDropped;
    private volatile boolean running = true;
    private volatile boolean finalCheckpoint = true;
    private volatile long updates;
    /** Update count of the newest checkpoint on disk (restored or written by this learner; 0: none). */
    private volatile long checkpointed;
    private volatile long lastSequence;
    private volatile long snapshotVersion = -1;
    /** Environment steps per task behind the newest trained batch (a resumed learner's from its checkpoint; -1 before any). */
    private volatile long envStepsPerTask = -1;

    private LearnerApp(LearnerSettings settings) throws IOException {
        this.settings = settings;
        LearnerConfig cfg = settings.learner();
        int n = cfg.tasks();
        int rows = cfg.sac().batchSize();
        Rng master = new Rng(settings.seed());
        Rng init = master.split();
        Method method = settings.method();
        this.net = cfg.net();
        this.actor = method.actor(cfg.net(), cfg.obsDims(), cfg.actionDims(), n, rows, DataType.FLOAT, init);
        TaskNetwork q1 = method.critic(cfg.net(), cfg.obsDims(), cfg.actionDims(), n, rows, DataType.FLOAT, init);
        TaskNetwork q2 = method.critic(cfg.net(), cfg.obsDims(), cfg.actionDims(), n, rows, DataType.FLOAT, init);
        this.sac = new MultiTaskSac(cfg.sac(), actor, q1, q2, master.split());
        Files.createDirectories(settings.runDir());
        this.checkpoints = new CheckpointFolder(settings.runDir());
        Optional<CheckpointFolder.Restored> restored = checkpoints.restoreLatest(sac);
        this.lastSequence = restored.map(CheckpointFolder.Restored::lastSequence).orElse(-1L);
        this.envStepsPerTask = restored.map(CheckpointFolder.Restored::envStepsPerTask).orElse(-1L);
        this.resumedFrom = lastSequence;
        this.restoreNote = restored.map(CheckpointFolder.Restored::note).orElse(null);
        this.updates = sac.updateCount();
        this.checkpointed = updates;
        // rows a killed learner wrote after its newest checkpoint would be written again from there
        this.metricsDropped = RunFiles.cutAfterUpdate(settings.runDir().resolve("metrics.csv"), updates);
        this.thread = new Thread(() -> run(cfg), "learner-" + settings.runId());
    }

    /** Builds (or resumes) the learner and starts its thread. */
    public static LearnerApp start(LearnerSettings settings) {
        LearnerApp app;
        try {
            app = new LearnerApp(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the learner's run folder " + settings.runDir() + ": " + e, e);
        }
        app.thread.start();
        return app;
    }

    private void run(LearnerConfig cfg) {
        int n = cfg.tasks();
        Method method = settings.method();
        // a method without routing neither reads nor trains on the behaviour's routing paths
        TransitionBatch batch = TransitionBatch.allocate(cfg.sac().batchSize(), cfg.obsDims(), cfg.actionDims(),
                method.routed() ? cfg.net().modules() : 0);
        BatchConversion conversion = new BatchConversion(n, batch);
        String fingerprint = method.cliName() + "-" + Integer.toHexString(cfg.net().toString().hashCode()) + "-" + n;
        try (ReplayBatchReader reader = new ReplayBatchReader(settings.bootstrapServers(), settings.topics(),
                settings.groupId(), lastSequence, settings.clientProperties(), restoreNote != null);
             SnapshotPublisher snapshots = new SnapshotPublisher(settings.bootstrapServers(),
                     settings.topics().policySnapshots(), settings.runId(), fingerprint, settings.clientProperties());
             CSVPrinter metrics = metricsCsv(settings.runDir().resolve("metrics.csv"))) {
            publish(snapshots);
            while (running && (settings.maxUpdates() == 0 || updates < settings.maxUpdates())) {
                TrainingBatch b = reader.next(POLL);
                if (b == null) continue;
                long t0 = System.nanoTime();
                UpdateStats s = sac.update(conversion.fill(b));
                double seconds = (System.nanoTime() - t0) / 1e9;
                lastSequence = b.getSequence();
                envStepsPerTask = envStepsPerTask(b);
                applied.add(lastSequence);
                updates = sac.updateCount();
                writeMetrics(metrics, s, seconds);
                // Checkpoint before the snapshot: on a shutdown the broker may be gone before the learner,
                // and what was trained must reach the disk whatever Kafka does.
                boolean checkpointed = updates % settings.checkpointEvery() == 0;
                if (checkpointed) {
                    checkpoints.write(sac, lastSequence, envStepsPerTask);
                    this.checkpointed = updates;
                }
                try {
                    if (checkpointed) reader.commit();
                    if (updates % settings.snapshotEvery() == 0) publish(snapshots);
                } catch (RuntimeException e) {
                    if (running) throw e;
                    break; // stopping: the final checkpoint below matters, the broker's answer does not
                }
            }
            // A kill (close without checkpoint) must leave only what was checkpointed: that is the fault drill.
            if (finalCheckpoint) {
                // The checkpoint alone makes the resume exact (the reader skips by sequence), so it comes
                // first and nothing after it may block the shutdown: the broker may already be going away
                // (a Ctrl-C reaches its process too), hence no final offset commit and a bounded snapshot.
                if (updates % settings.checkpointEvery() != 0) {
                    checkpoints.write(sac, lastSequence, envStepsPerTask);
                    checkpointed = updates;
                }
                // the last policy goes out whatever K is: the run's final evaluation is of this snapshot
                if (snapshotVersion != sac.updateCount()) {
                    try {
                        publish(snapshots);
                    } catch (IllegalStateException e) {
                        System.err.println("learner: final snapshot not published (" + e.getMessage() + "); the checkpoint has it");
                    }
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            finished.countDown();
        }
    }

    /**
     * Environment steps per task behind a batch: the mean over its tasks of the transitions the replay job
     * had seen of each when it made the batch (the producers step the tasks in lockstep, so they differ by
     * at most a round); -1 for a batch without sources.
     */
    static long envStepsPerTask(TrainingBatch b) {
        if (b.getSources().isEmpty()) return -1;
        long sum = 0;
        for (org.d2r.schemas.SourcePosition p : b.getSources()) sum += p.getTransitionsSeen();
        return Math.round((double) sum / b.getSources().size());
    }

    private void publish(SnapshotPublisher snapshots) {
        double[] logAlpha = sac.logAlphaValues();
        double[] alpha = new double[logAlpha.length];
        for (int i = 0; i < alpha.length; i++) alpha[i] = Math.exp(logAlpha[i]);
        // The version is the update count: monotone across restarts, and it tells the producers how far the learner is.
        snapshots.publish(PolicySnapshot.of(settings.method(), actor, net, sac.taskTemperatures(),
                sac.updateCount()), sac.updateCount(), envStepsPerTask, alpha);
        snapshotVersion = sac.updateCount();
    }

    private CSVPrinter metricsCsv(Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of("update", "batch_sequence", "policy_loss", "critic1_loss", "critic2_loss",
                "alpha_loss", "masked_tasks", "seconds_per_update"));
        for (String t : settings.tasks()) header.add("alpha_" + t);
        for (String t : settings.tasks()) header.add("tau_" + t);
        return CsvFile.append(file, header);
    }

    private void writeMetrics(CSVPrinter w, UpdateStats s, double seconds) throws IOException {
        List<Object> row = new ArrayList<>(List.of(updates, lastSequence, fmt(s.policyLoss()), fmt(s.criticLoss1()),
                fmt(s.criticLoss2()), fmt(s.alphaLoss()), s.maskedTasks(), fmt(seconds)));
        for (double a : s.alpha()) row.add(fmt(a));
        for (double t : s.tau()) row.add(fmt(t));
        w.printRecord(row);
        // Flushed per update: a killed learner's metrics must still show what it did.
        w.flush();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Updates applied so far (restored count included). */
    public long updates() {
        return updates;
    }

    /** Sequence of the last batch trained on (-1 before the first). */
    public long lastAppliedSequence() {
        return lastSequence;
    }

    /** The batch sequence the newest checkpoint ended at when this learner started (-1: fresh start). */
    public long resumedFromSequence() {
        return resumedFrom;
    }

    /** Update count of the newest checkpoint on disk: what a restart resumes from (equals updates() after a clean close). */
    public long checkpointedUpdate() {
        return checkpointed;
    }

    /** What the restore had to skip (an unreadable newer checkpoint, named), null when nothing. */
    public String restoreNote() {
        return restoreNote;
    }

    /** metrics.csv rows past the restored checkpoint that this start removed (a crash's leftovers). */
    public int metricsRowsDropped() {
        return metricsDropped;
    }

    /** Batch sequences this instance applied, in order. */
    public List<Long> appliedSequences() {
        synchronized (applied) {
            return List.copyOf(applied);
        }
    }

    /** Version of the newest snapshot published (-1: none yet). */
    public long snapshotVersion() {
        return snapshotVersion;
    }

    /** Why the learner stopped, or null while it runs or after a clean stop. */
    public Throwable failure() {
        return failure.get();
    }

    /** Waits for the learner to stop by itself (max updates reached, or a failure). */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops after the current update, writes a final checkpoint and snapshot. */
    @Override
    public void close() {
        stop(true);
    }

    /**
     * Stops without a final checkpoint, as a crash would: a restart goes back to the newest periodic
     * checkpoint. For fault drills and tests.
     */
    public void kill() {
        stop(false);
    }

    private void stop(boolean checkpoint) {
        finalCheckpoint = checkpoint;
        running = false;
        try {
            if (!finished.await(2, TimeUnit.MINUTES)) {
                thread.interrupt();
                finished.await(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
