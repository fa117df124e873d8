package org.d2r.learner.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.recording.TransitionFileReader;
import org.d2r.roles.BatchSource;
import org.d2r.roles.learner.ReplayBatchSource;
import org.d2r.schemas.Transition;

/**
 * The offline batch source: a recording's transitions enter the in-memory replay in recorded order, and
 * batches come as they fall due, at the replay ratio, one step of all N environments per N transitions
 * read. It reads only as far as the learner asks, so a run stopped at --updates U has read what the
 * uninterrupted run had read there. Once the recording is used up it either ends (null) or, for a run
 * with --updates, keeps sampling the full replay.
 *
 * <p>Its checkpoint state is the replay source's plus the transitions read; a resumed run reads those
 * again into the replay (the same transitions, in the same order) before it draws the next batch.
 */
final class RecordedBatchSource implements BatchSource {
    static final String RECORDS_READ = "offline.recordsRead";
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private final ReplayBatchSource replay;
    private final TransitionFileReader reader;
    private final Path file;
    private final int tasks;
    private final boolean storedPaths;
    private final boolean continueAfterEnd;
    private final RoutingPaths path;
    private final PrintStream out;
    private final float[] o = new float[LearnerParts.OBS];
    private final float[] a = new float[LearnerParts.ACT];
    private final float[] o2 = new float[LearnerParts.OBS];
    private final long records;
    private final long warmupPerTask;
    private final long start = System.nanoTime();
    private Transition t;
    private long read;
    private long drawnAfterEnd;
    private boolean exhausted;
    private long lastProgress = start;

    /**
     * @param modules          routing modules of the replayed paths, 0 for a method without routing
     * @param storedPaths      whether the update trains the actor on the recorded behaviour paths
     * @param continueAfterEnd keep sampling the full replay once the recording is used up (a run with --updates)
     */
    RecordedBatchSource(ReplayBatchSource replay, RecordingSummary recording, int tasks, int modules, boolean storedPaths,
                        boolean continueAfterEnd, long warmupPerTask, PrintStream out) throws IOException {
        this.replay = replay;
        this.file = recording.file();
        this.records = recording.records();
        this.reader = TransitionFileReader.open(recording.file());
        this.tasks = tasks;
        this.storedPaths = storedPaths;
        this.continueAfterEnd = continueAfterEnd;
        this.path = modules > 0 ? new RoutingPaths(modules, 1) : null;
        this.warmupPerTask = warmupPerTask;
        this.out = out;
    }

    @Override
    public Drawn next(TransitionBatch into, Duration wait) throws IOException {
        while (true) {
            Drawn d = replay.next(into, wait);
            if (d != null) {
                if (exhausted) drawnAfterEnd++;
                return d;
            }
            if (!reader.hasNext()) {
                if (!continueAfterEnd || !replay.everyTaskStored()) return null;
                if (!exhausted) {
                    out.printf(Locale.ROOT, "recording used up after %d batches; the full replay gives the rest up to --updates%n",
                            replay.drawn());
                }
                exhausted = true;
                replay.drawWithoutLimit();
                continue;
            }
            readOne();
            if (read % tasks == 0) replay.afterEnvStep();
            if (System.nanoTime() - lastProgress > PROGRESS_NANOS) {
                progress();
                lastProgress = System.nanoTime();
            }
        }
    }

    private void readOne() {
        t = reader.next(t);
        copy(t.getObs(), o);
        copy(t.getAction(), a);
        copy(t.getNextObs(), o2);
        if (path != null && storedPaths) {
            byte[] bytes = new byte[t.getRoutingPath().remaining()];
            t.getRoutingPath().duplicate().get(bytes);
            path.setRowBytes(0, bytes);
        }
        replay.add(t.getTaskId(), o, a, t.getReward(), o2, path, 0);
        read++;
    }

    /** Transitions read so far. */
    long read() {
        return read;
    }

    /** Batches drawn from the full replay after the recording was used up. */
    long drawnAfterEnd() {
        return drawnAfterEnd;
    }

    void progress() {
        double wall = (System.nanoTime() - start) / 1e9;
        out.println(String.format(Locale.ROOT, "[%6.0fs] %d/%d transitions (%.0f%%)%s", wall, read, records,
                100.0 * read / records, read / tasks <= warmupPerTask ? " (warm-up)" : ""));
        out.flush();
    }

    @Override
    public Map<String, byte[]> state() {
        Map<String, byte[]> s = new HashMap<>(replay.state());
        s.put(RECORDS_READ, Long.toString(read).getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    /** Reads the transitions the checkpoint's replay held again, in the same order, then takes its schedule back. */
    @Override
    public void resume(Resume from) throws IOException {
        byte[] r = from.state().get(RECORDS_READ);
        if (r == null) {
            throw new IllegalStateException("the checkpoint lacks '" + RECORDS_READ + "': it was not written by train-offline;"
                    + " start the run afresh");
        }
        long resumeAt = Long.parseLong(new String(r, StandardCharsets.US_ASCII));
        while (read < resumeAt) {
            if (!reader.hasNext()) {
                throw new IllegalStateException("the checkpoint read " + resumeAt + " transitions but " + file
                        + " holds " + read + ": resume with the recording the run started from");
            }
            readOne();
        }
        replay.resume(from);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static void copy(java.util.List<Float> src, float[] dst) {
        for (int i = 0; i < dst.length; i++) dst[i] = src.get(i);
    }
}
