package org.d2r.learner.local;

import java.util.ArrayList;
import java.util.List;
import org.d2r.core.nn.Buf;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One Meta-World environment per task, stepped in lockstep (row = task id), so that acting is one
 * network forward with a row per task. Episodes all have the same length, so they start and end
 * together.
 */
final class TaskEnvs implements AutoCloseable {
    private final List<MetaWorldEnv> envs = new ArrayList<>();
    private final double[][] obs;

    TaskEnvs(List<String> tasks, EnvConfig base) {
        try {
            for (String t : tasks) envs.add(MetaWorld.make(t, base));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        obs = new double[tasks.size()][];
    }

    int size() {
        return envs.size();
    }

    void resetAll() {
        for (int t = 0; t < envs.size(); t++) obs[t] = envs.get(t).reset();
    }

    void reset(int task) {
        obs[task] = envs.get(task).reset();
    }

    double[] obs(int task) {
        return obs[task];
    }

    /** Steps task t's environment; its current observation becomes the step's (also on truncation). */
    StepResult step(int task, double[] action) {
        StepResult r = envs.get(task).step(action);
        obs[task] = r.obs();
        return r;
    }

    /** Copies every task's current observation into row t of a [tasks, 39] array. */
    void fillObs(INDArray dst) {
        Buf b = Buf.of(dst);
        int d = MetaWorldEnv.OBS_DIM;
        for (int t = 0; t < obs.length; t++) {
            for (int k = 0; k < d; k++) b.set(t * d + k, obs[t][k]);
        }
    }

    @Override
    public void close() {
        for (MetaWorldEnv e : envs) {
            try {
                e.close();
            } catch (RuntimeException ignored) {
                // closing is best effort: a failed close must not hide the error that got us here
            }
        }
    }
}
