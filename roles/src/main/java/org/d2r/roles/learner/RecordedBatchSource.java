package org.d2r.roles.learner;

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
import org.d2r.roles.BatchSource;
import org.d2r.roles.recording.TransitionFileReader;
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
public final class RecordedBatchSource implements BatchSource {
    public static final String RECORDS_READ = "offline.recordsRead";
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private final ReplayBatchSource replay;
    private final TransitionFileReader reader;
    private final Recording recording;
    private final int tasks;
    private final boolean storedPaths;
    private final RoutingPaths path;
    private final PrintStream out;
    private final float[] o;
    private final float[] a;
    private final float[] o2;
    private final long start = System.nanoTime();
    private Transition t;
    private long read;
    private long drawnAfterEnd;
    private boolean exhausted;
    private long lastProgress = start;

    /**
     * @param records          the file's complete transitions (its summary's count, for progress)
     * @param modules          routing modules of the replayed paths, 0 for a method without routing
     * @param storedPaths      whether the update trains the actor on the recorded behaviour paths
     * @param warmupPerTask    the schedule's warm-up, for progress lines
     */
    public record Recording(Path file, long records, int tasks, int obsDims, int actionDims, int modules, boolean storedPaths,
                            boolean continueAfterEnd, long warmupPerTask) {}

    public RecordedBatchSource(ReplayBatchSource replay, Recording recording, PrintStream out) throws IOException {
        this.replay = replay;
        this.recording = recording;
        this.reader = TransitionFileReader.open(recording.file());
        this.o = new float[recording.obsDims()];
        this.a = new float[recording.actionDims()];
        this.o2 = new float[recording.obsDims()];
        this.tasks = recording.tasks();
        this.storedPaths = recording.storedPaths();
        this.path = recording.modules() > 0 ? new RoutingPaths(recording.modules(), 1) : null;
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
                if (!recording.continueAfterEnd() || !replay.everyTaskStored()) return null;
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

    public long read() {
        return read;
    }

    /** Batches drawn from the full replay after the recording was used up. */
    public long drawnAfterEnd() {
        return drawnAfterEnd;
    }

    public void progress() {
        double wall = (System.nanoTime() - start) / 1e9;
        long records = recording.records();
        out.println(String.format(Locale.ROOT, "[%6.0fs] %d/%d transitions (%.0f%%)%s", wall, read, records,
                100.0 * read / records, read / tasks <= recording.warmupPerTask() ? " (warm-up)" : ""));
        out.flush();
    }

    @Override
    public Map<String, byte[]> state() {
        Map<String, byte[]> s = new HashMap<>(replay.state());
        s.put(RECORDS_READ, Long.toString(read).getBytes(StandardCharsets.US_ASCII));
        return s;
    }

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
                throw new IllegalStateException("the checkpoint read " + resumeAt + " transitions but " + recording.file()
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
