package org.d2r.core.sac;

import org.d2r.core.routing.RoutingPaths;

/**
 * One update's sampled transitions, row-major: obs and nextObs [rows, obsDims], actions [rows, A],
 * environment rewards as Meta-World returns them (the update applies the reward scale), terminal
 * (true only for a real terminal; Meta-World's 200-step limit is a truncation and bootstraps), task
 * ids, and the behaviour routing paths (null for networks without routing).
 */
public record TransitionBatch(int rows, int obsDims, int actionDims, float[] obs, float[] actions, float[] rewards,
                              float[] nextObs, boolean[] terminal, int[] taskIds, RoutingPaths paths) {
    public TransitionBatch {
        if (obs.length != rows * obsDims || nextObs.length != rows * obsDims) {
            throw new IllegalArgumentException("obs and nextObs must hold rows x obsDims = " + rows * obsDims + " values");
        }
        if (actions.length != rows * actionDims) throw new IllegalArgumentException("actions must hold rows x actionDims values");
        if (rewards.length != rows || terminal.length != rows || taskIds.length != rows) {
            throw new IllegalArgumentException("rewards, terminal and taskIds need one entry per row (" + rows + ")");
        }
        if (paths != null && paths.rows() < rows) throw new IllegalArgumentException("paths have fewer rows than the batch");
    }

    public static TransitionBatch allocate(int rows, int obsDims, int actionDims, int modules) {
        return new TransitionBatch(rows, obsDims, actionDims, new float[rows * obsDims], new float[rows * actionDims],
                new float[rows], new float[rows * obsDims], new boolean[rows], new int[rows],
                modules > 0 ? new RoutingPaths(modules, rows) : null);
    }
}
