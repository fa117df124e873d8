package org.d2r.learner.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import org.d2r.core.config.SacConfig;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.roles.learner.InProcessPublisher;
import org.d2r.roles.learner.LearnerLoop;
import org.d2r.roles.learner.RecordedBatchSource;
import org.d2r.roles.learner.ReplayBatchSource;

/**
 * Trains one method from a recording instead of environments: the learner loop over a
 * {@link RecordedBatchSource}, whose transitions enter the per-task replay in recorded order with
 * updates as they fall due, at the replay ratio of d2r.md section 6. A lock-stepped recording written
 * by {@code train --local --record} is thus replayed with the same update points, and with the same plan
 * and seed the same initial weights and replay samples ({@link LearnerParts}), as the run that recorded it.
 *
 * <p>Writes what every mode's learner writes (metrics.csv, checkpoints/offline-NNN.ckpt every
 * {@code checkpointEvery} updates and at the end, newest two kept), plus checkpoints/offline-final.ckpt,
 * a copy of the last one. Opened on a folder with checkpoints, it resumes from the newest intact one.
 */
final class OfflineTrainer {
    static final String FINAL_CHECKPOINT = "offline-final.ckpt";
    static final String RECORDS_READ = RecordedBatchSource.RECORDS_READ;

    /** What a run did. */
    record Result(long recordsRead, long updates, long updatesAfterRecording, Path finalCheckpoint) {}

    private final LocalPlan plan;
    private final SacConfig sacConfig;
    private final RecordingSummary recording;
    private final Path runDir;
    private final PrintStream out;
    private final int checkpointEvery;
    private final Long maxUpdates;
    private final boolean storedPaths;
    private final LearnerParts parts;

    /**
     * @param sacConfig       the plan's update with the offline schedule (warm-up, minimum, ratio)
     * @param maxUpdates      stop after this many updates, continuing on the full replay when the
     *                        recording ends first; null: as many as the recording's ratio gives
     * @param storedPaths     whether the update trains the actor on the recorded behaviour paths
     */
    OfflineTrainer(LocalPlan plan, SacConfig sacConfig, RecordingSummary recording, Path runDir, PrintStream out,
                   int checkpointEvery, Long maxUpdates, boolean storedPaths) {
        this.plan = plan;
        this.sacConfig = sacConfig;
        this.recording = recording;
        this.runDir = runDir;
        this.out = out;
        this.checkpointEvery = checkpointEvery;
        this.maxUpdates = maxUpdates;
        this.storedPaths = storedPaths;
        this.parts = new LearnerParts(plan, sacConfig);
    }

    MultiTaskSac sac() {
        return parts.sac;
    }

    Result run() throws IOException {
        ReplayBatchSource replay = new ReplayBatchSource(parts.replay, sacConfig, parts.replayRng);
        RecordedBatchSource source = new RecordedBatchSource(replay, new RecordedBatchSource.Recording(recording.file(),
                recording.records(), plan.taskCount(), LearnerParts.OBS, LearnerParts.ACT, parts.modules, storedPaths,
                maxUpdates != null, sacConfig.warmupStepsPerTask()), out);
        try (LearnerLoop loop = new LearnerLoop(parts.sac, plan.method(), plan.network(), parts.batch, source,
                new InProcessPublisher(), new LearnerLoop.Settings(runDir, "offline-", plan.tasks(), checkpointEvery,
                        checkpointEvery))) {
            loop.resumed().ifPresent(r -> out.printf(Locale.ROOT,
                    "resuming from %s: %d updates, %d transitions read; the replay was refilled from the recording%n",
                    r.file().getFileName(), r.updates(), source.read()));
            loop.run(maxUpdates == null ? 0 : maxUpdates, Duration.ZERO, true);
            loop.finish();
            source.progress();
            Path last = runDir.resolve("checkpoints").resolve(FINAL_CHECKPOINT);
            Files.copy(loop.lastCheckpoint(), last, StandardCopyOption.REPLACE_EXISTING);
            return new Result(source.read(), parts.sac.updateCount(), source.drawnAfterEnd(), last);
        }
    }
}
