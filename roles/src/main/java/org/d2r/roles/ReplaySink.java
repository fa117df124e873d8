package org.d2r.roles;

import org.d2r.core.replay.TaskReplay;
import org.d2r.core.routing.RoutingPaths;

/**
 * Local training's sink: each step straight into d2r-core's in-memory per-task replay, as floats.
 * Reaching the episode limit is a truncation, not a terminal state, so the stored transition still
 * bootstraps (terminal = false), as in the authors' release.
 */
public final class ReplaySink implements TransitionSink {
    private final TaskReplay replay;
    private final float[] fo;
    private final float[] fa;
    private final float[] fo2;

    public ReplaySink(TaskReplay replay, int obsDims, int actionDims) {
        this.replay = replay;
        this.fo = new float[obsDims];
        this.fa = new float[actionDims];
        this.fo2 = new float[obsDims];
    }

    @Override
    public void add(int task, int env, long episode, int step, long taskStep, double[] obs, double[] action, double reward,
                    double[] nextObs, boolean truncated, boolean success, RoutingPaths paths, int pathRow,
                    long policyVersion) {
        replay.add(task, floats(obs, fo), floats(action, fa), (float) reward, floats(nextObs, fo2), false, paths, pathRow);
    }

    private static float[] floats(double[] src, float[] dst) {
        for (int i = 0; i < dst.length; i++) dst[i] = (float) src[i];
        return dst;
    }
}
