package org.d2r.learner.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.d2r.core.config.SacConfig;
import org.d2r.core.io.Checkpoint;
import org.d2r.core.replay.TaskReplay;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.TrainingSchedule;
import org.d2r.core.sac.UpdateStats;
import org.d2r.recording.TransitionFileReader;
import org.d2r.roles.report.CsvFile;
import org.d2r.schemas.Transition;

/**
 * Trains one method from a recording instead of environments: the recording's transitions enter
 * the per-task replay in recorded order, and updates happen as they arrive, at the replay ratio of
 * d2r.md section 6 (one update per N new transitions, none during the warm-up or before the replay
 * holds the minimum). A lock-stepped recording written by {@code train --local --record} is thus
 * replayed with the same update points, and with the same plan and seed the same initial weights
 * and replay samples ({@link LearnerParts}), as the run that recorded it.
 *
 * <p>Writes metrics.csv (env_steps = transitions read so far) and checkpoints/ (every
 * {@code checkpointEvery} updates and at the end, newest two periodic ones kept, plus the final).
 */
final class OfflineTrainer {
    private static final long PROGRESS_NANOS = 10_000_000_000L;
    static final String FINAL_CHECKPOINT = "offline-final.ckpt";
    static final String RECORDS_READ = "offline.recordsRead";
    /** Checkpoint extras that let a run continue exactly where it was (with the weights, optimizers, counters). */
    static final String SCHEDULE = "offline.schedule";
    static final String REPLAY_RNG = "offline.replayRng";
    static final String DUE = "offline.updatesDue";

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
    private final int n;
    private final Path resumeFrom;
    private TrainingSchedule schedule;

    /**
     * @param sacConfig       the plan's update with the offline schedule (warm-up, minimum, ratio)
     * @param maxUpdates      stop after this many updates, continuing on the full replay when the
     *                        recording ends first; null: as many as the recording's ratio gives
     * @param storedPaths     whether the update trains the actor on the recorded behaviour paths
     */
    OfflineTrainer(LocalPlan plan, SacConfig sacConfig, RecordingSummary recording, Path runDir, PrintStream out,
                   int checkpointEvery, Long maxUpdates, boolean storedPaths) {
        this(plan, sacConfig, recording, runDir, out, checkpointEvery, maxUpdates, storedPaths, null);
    }

    /**
     * @param resumeFrom a checkpoint of this run to continue from (weights, optimizers, counters, the
     *                   replay's sampler and schedule, the records read), or null to start afresh
     */
    OfflineTrainer(LocalPlan plan, SacConfig sacConfig, RecordingSummary recording, Path runDir, PrintStream out,
                   int checkpointEvery, Long maxUpdates, boolean storedPaths, Path resumeFrom) {
        this.resumeFrom = resumeFrom;
        this.plan = plan;
        this.sacConfig = sacConfig;
        this.recording = recording;
        this.runDir = runDir;
        this.out = out;
        this.checkpointEvery = checkpointEvery;
        this.maxUpdates = maxUpdates;
        this.storedPaths = storedPaths;
        this.parts = new LearnerParts(plan, sacConfig);
        this.n = plan.taskCount();
    }

    MultiTaskSac sac() {
        return parts.sac;
    }

    Result run() throws IOException {
        MultiTaskSac sac = parts.sac;
        TaskReplay replay = parts.replay;
        schedule = new TrainingSchedule(sacConfig);
        RoutingPaths path = parts.modules > 0 ? new RoutingPaths(parts.modules, 1) : null;
        float[] o = new float[LearnerParts.OBS];
        float[] a = new float[LearnerParts.ACT];
        float[] o2 = new float[LearnerParts.OBS];
        Files.createDirectories(runDir.resolve("checkpoints"));
        long start = System.nanoTime();
        long lastProgress = start;
        long read = 0;
        long due = 0;
        long resumeAt = 0;
        List<List<String>> carried = List.of();
        if (resumeFrom != null) {
            Map<String, byte[]> extras = Checkpoint.restore(sac, resumeFrom);
            for (String key : List.of(RECORDS_READ, SCHEDULE, REPLAY_RNG, DUE)) {
                if (!extras.containsKey(key)) {
                    throw new IllegalStateException(resumeFrom + " lacks '" + key + "': it was written before offline runs"
                            + " could resume; start the run afresh");
                }
            }
            resumeAt = Long.parseLong(new String(extras.get(RECORDS_READ), java.nio.charset.StandardCharsets.US_ASCII));
            schedule.restore(longs(extras.get(SCHEDULE)));
            parts.replayRng.restore(longs(extras.get(REPLAY_RNG)));
            due = longs(extras.get(DUE))[0];
            carried = metricsUpTo(runDir.resolve("metrics.csv"), sac.updateCount());
            out.printf(Locale.ROOT, "resuming from %s: %d updates, %d transitions read; refilling the replay%n",
                    resumeFrom.getFileName(), sac.updateCount(), resumeAt);
        }
        try (TransitionFileReader reader = TransitionFileReader.open(recording.file());
             UpdateMetrics metrics = new UpdateMetrics(runDir.resolve("metrics.csv"), plan.tasks(), carried)) {
            Transition t = null;
            // A resumed run refills the replay with what it held at the checkpoint (the same transitions in the
            // same order), then runs the updates that were still due there, as the uninterrupted run would have.
            while (read < resumeAt) {
                if (!reader.hasNext()) {
                    throw new IllegalStateException("the checkpoint read " + resumeAt + " transitions but " + recording.file()
                            + " holds " + read + ": resume with the recording the run started from");
                }
                t = reader.next(t);
                addToReplay(t, o, a, o2, path);
                read++;
            }
            if (due > 0) due = update(due, read, metrics);
            while (reader.hasNext() && !limitReached()) {
                t = reader.next(t);
                addToReplay(t, o, a, o2, path);
                read++;
                if (read % n == 0) {
                    due += schedule.afterEnvStep(replay.total());
                    // An update samples every task: with a recording that starts task by task, the updates
                    // due wait until each task has a transition.
                    if (everyTaskStored(replay)) due = update(due, read, metrics);
                }
                if (System.nanoTime() - lastProgress > PROGRESS_NANOS) {
                    progress(read, start);
                    lastProgress = System.nanoTime();
                }
            }
            long afterRecording = 0;
            if (maxUpdates != null && !limitReached() && everyTaskStored(replay)) {
                out.printf(Locale.ROOT, "recording used up after %d updates; %d more on the full replay to reach --updates %d%n",
                        sac.updateCount(), maxUpdates - sac.updateCount(), maxUpdates);
                long before = sac.updateCount();
                update(maxUpdates - before, read, metrics);
                afterRecording = sac.updateCount() - before;
            }
            metrics.flush(read / n, read, sac.updateCount());
            progress(read, start);
            Path last = runDir.resolve("checkpoints").resolve(FINAL_CHECKPOINT);
            Checkpoint.write(sac, extras(read, due), last);
            return new Result(read, sac.updateCount(), afterRecording, last);
        }
    }

    private void addToReplay(Transition t, float[] o, float[] a, float[] o2, RoutingPaths path) {
        copy(t.getObs(), o);
        copy(t.getAction(), a);
        copy(t.getNextObs(), o2);
        if (path != null && storedPaths) {
            byte[] bytes = new byte[t.getRoutingPath().remaining()];
            t.getRoutingPath().duplicate().get(bytes);
            path.setRowBytes(0, bytes);
        }
        // Meta-World episodes end only by the time limit: a truncation, the TD target bootstraps.
        parts.replay.add(t.getTaskId(), o, a, t.getReward(), o2, false, path, 0);
    }

    private Map<String, byte[]> extras(long read, long due) {
        return Map.of(RECORDS_READ, Long.toString(read).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                SCHEDULE, bytes(schedule.state()), REPLAY_RNG, bytes(parts.replayRng.state()), DUE, bytes(new long[] {due}));
    }

    private static byte[] bytes(long[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * v.length);
        for (long x : v) b.putLong(x);
        return b.array();
    }

    private static long[] longs(byte[] b) {
        java.nio.LongBuffer l = java.nio.ByteBuffer.wrap(b).asLongBuffer();
        long[] v = new long[l.remaining()];
        l.get(v);
        return v;
    }

    /** metrics.csv's rows up to {@code updates} (column 3), without the header: what the run wrote before its checkpoint. */
    private static List<List<String>> metricsUpTo(Path file, long updates) throws IOException {
        List<List<String>> rows = CsvFile.read(file);
        List<List<String>> kept = new java.util.ArrayList<>();
        for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            try {
                if (row.size() >= 3 && Long.parseLong(row.get(2)) <= updates) kept.add(row);
            } catch (NumberFormatException e) {
                // a row cut off by the kill that ended the run: dropped
            }
        }
        return kept;
    }

    private boolean limitReached() {
        return maxUpdates != null && parts.sac.updateCount() >= maxUpdates;
    }

    private boolean everyTaskStored(TaskReplay replay) {
        for (int task = 0; task < n; task++) {
            if (replay.size(task) == 0) return false;
        }
        return true;
    }

    /** Runs up to {@code due} updates (fewer at the --updates limit); returns how many are still due. */
    private long update(long due, long read, UpdateMetrics metrics) throws IOException {
        MultiTaskSac sac = parts.sac;
        while (due > 0 && !limitReached()) {
            due--;
            parts.replay.sample(parts.batch, sacConfig.batchPerTask(), parts.replayRng);
            long t0 = System.nanoTime();
            UpdateStats s = sac.update(parts.batch);
            metrics.add(s, (System.nanoTime() - t0) / 1e9);
            if (metrics.pending() >= plan.metricsEvery()) metrics.flush(read / n, read, sac.updateCount());
            if (sac.updateCount() % checkpointEvery == 0) checkpoint(read, due);
        }
        // what is still due at the --updates limit goes into the final checkpoint, for a resumed run to do
        return due;
    }

    private void checkpoint(long read, long due) throws IOException {
        Path dir = runDir.resolve("checkpoints");
        Checkpoint.write(parts.sac, extras(read, due),
                dir.resolve(String.format(Locale.ROOT, "offline-%012d.ckpt", parts.sac.updateCount())));
        List<Path> periodic;
        try (Stream<Path> s = Files.list(dir)) {
            periodic = s.filter(p -> p.getFileName().toString().matches("offline-\\d{12}\\.ckpt"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
        for (int i = 0; i < periodic.size() - 2; i++) Files.deleteIfExists(periodic.get(i));
    }

    private void progress(long read, long start) {
        double wall = (System.nanoTime() - start) / 1e9;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "[%6.0fs] %d/%d transitions (%.0f%%), %d updates%s",
                wall, read, recording.records(), 100.0 * read / recording.records(), parts.sac.updateCount(),
                read / n <= sacConfig.warmupStepsPerTask() ? " (warm-up)" : ""));
        sb.append(" | alpha");
        for (double la : parts.sac.logAlphaValues()) sb.append(String.format(Locale.ROOT, " %.3g", Math.exp(la)));
        out.println(sb);
        out.flush();
    }

    private static void copy(List<Float> src, float[] dst) {
        for (int i = 0; i < dst.length; i++) dst[i] = src.get(i);
    }
}
