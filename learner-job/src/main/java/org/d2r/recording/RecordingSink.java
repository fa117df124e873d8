package org.d2r.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.roles.TransitionSink;
import org.d2r.schemas.Transition;

/**
 * {@code train --local --record FILE}: every transition the environment loop steps, in the order it
 * steps them, as a {@link Transition} in an Avro container file, so that a user without Kafka can
 * replay the run's experience with {@code train-offline}. Episode, step and environment ids are the
 * loop's (one environment per task in local training, so envId = task id); the policy version is -1
 * for the warm-up's uniformly random actions and the learner's update count otherwise, as the
 * producers write it.
 */
public final class RecordingSink extends TransitionFileWriter implements TransitionSink {
    private static final byte[] NO_PATH = new byte[0];
    private final String runId;
    private final List<String> tasks;
    private final Transition.Builder builder = Transition.newBuilder();

    public RecordingSink(Path file, String runId, List<String> tasks, String source) throws IOException {
        super(file, source);
        this.runId = runId;
        this.tasks = List.copyOf(tasks);
    }

    @Override
    public void add(int task, int env, long episode, int step, long taskStep, double[] obs, double[] action, double reward,
                    double[] nextObs, boolean truncated, boolean success, RoutingPaths paths, int pathRow,
                    long policyVersion) {
        try {
            append(builder.setRunId(runId).setTaskId(task).setTaskName(tasks.get(task)).setEnvId(env)
                    .setEpisode(episode).setStep(step)
                    .setObs(list(obs)).setAction(list(action)).setReward((float) reward).setNextObs(list(nextObs))
                    .setTruncated(truncated).setSuccess(success)
                    .setRoutingPath(ByteBuffer.wrap(paths == null ? NO_PATH : paths.rowBytes(pathRow)))
                    .setSnapshotVersion(policyVersion)
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the recording " + file() + ": " + e.getMessage(), e);
        }
    }

    private static List<Float> list(double[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (double d : v) out.add((float) d);
        return out;
    }
}
