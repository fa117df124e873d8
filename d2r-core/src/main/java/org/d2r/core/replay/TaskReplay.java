package org.d2r.core.replay;

import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.sac.TransitionBatch;

/**
 * In-memory replay with one ring buffer per task (section 6: each task's rows are sampled uniformly
 * from that task's own replay), for the in-process trainer and tests. Stores the behaviour routing
 * path of every transition.
 */
public final class TaskReplay {
    private final int tasks;
    private final int capacity;
    private final int obsDims;
    private final int actDims;
    private final float[][] obs;
    private final float[][] act;
    private final float[][] reward;
    private final float[][] nextObs;
    private final boolean[][] terminal;
    private final RoutingPaths[] paths;
    private final int[] size;
    private final int[] next;

    /** @param modules routing modules of the behaviour policy, 0 when it has no routing */
    public TaskReplay(int tasks, int capacityPerTask, int obsDims, int actDims, int modules) {
        if (tasks < 1 || capacityPerTask < 1) throw new IllegalArgumentException("tasks and capacity must be >= 1");
        this.tasks = tasks;
        this.capacity = capacityPerTask;
        this.obsDims = obsDims;
        this.actDims = actDims;
        obs = new float[tasks][capacityPerTask * obsDims];
        nextObs = new float[tasks][capacityPerTask * obsDims];
        act = new float[tasks][capacityPerTask * actDims];
        reward = new float[tasks][capacityPerTask];
        terminal = new boolean[tasks][capacityPerTask];
        paths = new RoutingPaths[tasks];
        for (int t = 0; t < tasks; t++) paths[t] = modules > 0 ? new RoutingPaths(modules, capacityPerTask) : null;
        size = new int[tasks];
        next = new int[tasks];
    }

    /** Adds one transition; {@code path} row {@code pathRow} is its behaviour path (ignored without routing). */
    public void add(int task, float[] o, float[] a, float r, float[] o2, boolean done, RoutingPaths path, int pathRow) {
        int i = next[task];
        System.arraycopy(o, 0, obs[task], i * obsDims, obsDims);
        System.arraycopy(o2, 0, nextObs[task], i * obsDims, obsDims);
        System.arraycopy(a, 0, act[task], i * actDims, actDims);
        reward[task][i] = r;
        terminal[task][i] = done;
        if (paths[task] != null) paths[task].copyRow(path, pathRow, i);
        next[task] = (i + 1) % capacity;
        size[task] = Math.min(size[task] + 1, capacity);
    }

    public int size(int task) {
        return size[task];
    }

    public int total() {
        int s = 0;
        for (int v : size) s += v;
        return s;
    }

    /** Fills the batch task-major: rows [t * perTask, (t + 1) * perTask) hold task t. */
    public void sample(TransitionBatch out, int perTask, Rng rng) {
        if (out.rows() != tasks * perTask) throw new IllegalArgumentException("batch has " + out.rows() + " rows, need tasks x perTask = " + tasks * perTask);
        for (int t = 0; t < tasks; t++) {
            if (size[t] == 0) throw new IllegalStateException("task " + t + " has no transitions yet; collect before sampling");
            for (int k = 0; k < perTask; k++) {
                int row = t * perTask + k;
                int i = rng.nextInt(size[t]);
                System.arraycopy(obs[t], i * obsDims, out.obs(), row * obsDims, obsDims);
                System.arraycopy(nextObs[t], i * obsDims, out.nextObs(), row * obsDims, obsDims);
                System.arraycopy(act[t], i * actDims, out.actions(), row * actDims, actDims);
                out.rewards()[row] = reward[t][i];
                out.terminal()[row] = terminal[t][i];
                out.taskIds()[row] = t;
                if (paths[t] != null && out.paths() != null) out.paths().copyRow(paths[t], i, row);
            }
        }
    }
}
