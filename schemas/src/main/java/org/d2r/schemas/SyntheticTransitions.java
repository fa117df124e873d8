package org.d2r.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Meta-World-shaped transitions from a seeded generator (39-dim observations, 4-dim actions,
 * 500-step episodes, 136-bit routing paths) for benchmarks and tests of the pipeline where
 * stepping real environments would only add noise. Not experience to learn from.
 */
public final class SyntheticTransitions {

    public static final int OBS_DIM = 39;
    public static final int ACTION_DIM = 4;
    public static final int EPISODE_LENGTH = 500;
    public static final int MODULES = 16;

    private final String runId;
    private final int taskId;
    private final String taskName;
    private final SplittableRandom random;
    private final int episodeLength;
    private long episode;
    private int step;

    public SyntheticTransitions(String runId, int taskId, long seed) {
        this(runId, taskId, seed, EPISODE_LENGTH);
    }

    public SyntheticTransitions(String runId, int taskId, long seed, int episodeLength) {
        if (episodeLength < 1) throw new IllegalArgumentException("episodeLength must be >= 1, got " + episodeLength);
        this.episodeLength = episodeLength;
        this.runId = runId;
        this.taskId = taskId;
        this.taskName = "task-" + taskId;
        this.random = new SplittableRandom(seed * 1_000_003L + taskId);
    }

    public Transition next() {
        boolean last = step == episodeLength - 1;
        boolean[] path = new boolean[RoutingPathBits.pathLength(MODULES)];
        for (int k = 0; k < path.length; k++) path[k] = random.nextInt(4) == 0;
        Transition t = Transition.newBuilder()
                .setRunId(runId).setTaskId(taskId).setTaskName(taskName).setEnvId(taskId)
                .setEpisode(episode).setStep(step)
                .setObs(floats(OBS_DIM)).setAction(floats(ACTION_DIM))
                .setReward((float) random.nextDouble(0, 10))
                .setNextObs(floats(OBS_DIM))
                .setTruncated(last)
                .setSuccess(random.nextInt(50) == 0)
                .setRoutingPath(RoutingPathBits.pack(path))
                .setSnapshotVersion(episode)
                .build();
        if (last) {
            episode++;
            step = 0;
        } else {
            step++;
        }
        return t;
    }

    private List<Float> floats(int n) {
        List<Float> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add((float) random.nextDouble(-1, 1));
        return out;
    }

    /** Convenience for fixtures: a task's first {@code count} steps. */
    public static List<Transition> of(String runId, int taskId, long seed, int count) {
        SyntheticTransitions s = new SyntheticTransitions(runId, taskId, seed);
        List<Transition> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(s.next());
        return out;
    }

}
