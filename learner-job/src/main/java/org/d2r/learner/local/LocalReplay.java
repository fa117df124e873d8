package org.d2r.learner.local;

import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.sac.TransitionBatch;

/**
 * Per-task ring buffers of transitions (section 6: each task samples its rows uniformly from its
 * own replay). Storage is flat float arrays, so a million transitions cost about 350 MB and no
 * objects per transition.
 */
final class LocalReplay {
    private final int tasks;
    private final int capacity;
    private final int obsDims;
    private final int actDims;
    private final float[][] obs;
    private final float[][] act;
    private final float[][] rew;
    private final float[][] next;
    private final boolean[][] terminal;
    private final RoutingPaths[] paths;
    private final int[] size;
    private final int[] head;
    private long added;

    /** @param modules routing modules of the paths to keep, 0 for a network without routing */
    LocalReplay(int tasks, int capacityPerTask, int obsDims, int actDims, int modules) {
        if (tasks < 1 || capacityPerTask < 1) throw new IllegalArgumentException("tasks and capacity must be positive");
        this.tasks = tasks;
        this.capacity = capacityPerTask;
        this.obsDims = obsDims;
        this.actDims = actDims;
        obs = new float[tasks][capacityPerTask * obsDims];
        next = new float[tasks][capacityPerTask * obsDims];
        act = new float[tasks][capacityPerTask * actDims];
        rew = new float[tasks][capacityPerTask];
        terminal = new boolean[tasks][capacityPerTask];
        paths = new RoutingPaths[tasks];
        for (int t = 0; t < tasks; t++) paths[t] = modules > 0 ? new RoutingPaths(modules, capacityPerTask) : null;
        size = new int[tasks];
        head = new int[tasks];
    }

    /**
     * Stores one transition of task t, overwriting the task's oldest when full.
     *
     * @param behaviourPaths the acting forward's paths (row {@code pathRow}), or null without routing
     */
    void add(int t, double[] o, double[] a, double r, double[] o2, boolean isTerminal, RoutingPaths behaviourPaths,
            int pathRow) {
        int i = head[t];
        for (int k = 0; k < obsDims; k++) {
            obs[t][i * obsDims + k] = (float) o[k];
            next[t][i * obsDims + k] = (float) o2[k];
        }
        for (int k = 0; k < actDims; k++) act[t][i * actDims + k] = (float) a[k];
        rew[t][i] = (float) r;
        terminal[t][i] = isTerminal;
        if (paths[t] != null) {
            if (behaviourPaths == null) {
                throw new IllegalArgumentException("this replay keeps routing paths: the transition needs its behaviour path");
            }
            paths[t].copyRow(behaviourPaths, pathRow, i);
        }
        head[t] = (i + 1) % capacity;
        size[t] = Math.min(size[t] + 1, capacity);
        added++;
    }

    int size(int t) {
        return size[t];
    }

    /** Transitions stored over all tasks (at most tasks x capacity). */
    long stored() {
        long s = 0;
        for (int v : size) s += v;
        return s;
    }

    long added() {
        return added;
    }

    /**
     * Fills the batch with batch.rows() / tasks rows per task, task by task, each drawn uniformly
     * (with replacement, as the release does) from that task's buffer.
     */
    void sample(TransitionBatch batch, Rng rng) {
        int per = batch.rows() / tasks;
        if (per * tasks != batch.rows()) {
            throw new IllegalArgumentException("batch of " + batch.rows() + " rows does not split into " + tasks + " tasks");
        }
        for (int t = 0; t < tasks; t++) {
            if (size[t] == 0) throw new IllegalStateException("task " + t + " has no transitions yet");
        }
        int row = 0;
        for (int t = 0; t < tasks; t++) {
            for (int j = 0; j < per; j++, row++) {
                int i = rng.nextInt(size[t]);
                System.arraycopy(obs[t], i * obsDims, batch.obs(), row * obsDims, obsDims);
                System.arraycopy(next[t], i * obsDims, batch.nextObs(), row * obsDims, obsDims);
                System.arraycopy(act[t], i * actDims, batch.actions(), row * actDims, actDims);
                batch.rewards()[row] = rew[t][i];
                batch.terminal()[row] = terminal[t][i];
                batch.taskIds()[row] = t;
                if (paths[t] != null) batch.paths().copyRow(paths[t], i, row);
            }
        }
    }
}
