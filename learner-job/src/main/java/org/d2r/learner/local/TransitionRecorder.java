package org.d2r.learner.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.recording.TransitionFileWriter;
import org.d2r.schemas.Transition;

/**
 * {@code train --local --record FILE}: every transition the in-process trainer stores, in the order
 * it stores them, as a {@link Transition} in an Avro container file, so that a user without Kafka
 * can replay the run's experience with {@code train-offline}. Episode and step indices are counted
 * here (one environment per task, so envId = task id); the snapshot version is -1 for the warm-up's
 * uniformly random actions and the learner's update count otherwise, as the producers write it.
 */
final class TransitionRecorder implements Closeable {
    private final TransitionFileWriter writer;
    private final String runId;
    private final List<String> tasks;
    private final long[] episode;
    private final int[] step;
    private final Transition.Builder builder = Transition.newBuilder();

    TransitionRecorder(Path file, String runId, List<String> tasks, String source) throws IOException {
        this.writer = TransitionFileWriter.create(file, source);
        this.runId = runId;
        this.tasks = List.copyOf(tasks);
        this.episode = new long[tasks.size()];
        this.step = new int[tasks.size()];
    }

    /**
     * @param paths   the acting pass's routing paths (row = task), or null when none was taken
     * @param version -1 for a uniformly random warm-up action, else the update count that acted
     */
    void record(int task, float[] obs, float[] action, float reward, float[] nextObs, boolean truncated, boolean success,
                RoutingPaths paths, long version) throws IOException {
        writer.append(builder.setRunId(runId).setTaskId(task).setTaskName(tasks.get(task)).setEnvId(task)
                .setEpisode(episode[task]).setStep(step[task])
                .setObs(list(obs)).setAction(list(action)).setReward(reward).setNextObs(list(nextObs))
                .setTruncated(truncated).setSuccess(success)
                .setRoutingPath(ByteBuffer.wrap(paths == null ? new byte[0] : paths.rowBytes(task)))
                .setSnapshotVersion(version)
                .build());
        if (truncated) {
            episode[task]++;
            step[task] = 0;
        } else {
            step[task]++;
        }
    }

    long count() {
        return writer.count();
    }

    Path file() {
        return writer.file();
    }

    private static List<Float> list(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float f : v) out.add(f);
        return out;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
