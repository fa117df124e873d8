package org.d2r.core.baselines;

import java.util.List;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * PaCo's task vectors: one matrix w [K, N] (column T is w_T, N(0, 1), unconstrained) read by the actor,
 * both critics and the target critics, trained by the actor and critic losses with its own Adam. After a
 * step, each task that mask-out dropped gets its column reset to a random convex combination of the normal
 * tasks' columns (paco-mtrl's reset_task_method "interpolate"), so a diverging task restarts from the
 * span of the working ones.
 */
final class PacoParts extends SharedParts {
    final PacoConfig cfg;
    final int tasks;
    final DataType dtype;
    /** "w" [K, N] */
    final ParamSet taskVectors;

    PacoParts(PacoConfig cfg, int tasks, DataType dtype, Rng rng) {
        this.cfg = cfg;
        this.tasks = tasks;
        this.dtype = dtype;
        taskVectors = new ParamSet(dtype);
        Buf w = Buf.of(taskVectors.create("w", cfg.paramSets(), tasks).value());
        for (int i = 0; i < w.length(); i++) w.set(i, rng.nextGaussian());
    }

    @Override
    public List<Part> parts() {
        return List.of(new Part("paco.w", taskVectors, cfg.learningRate(), null, 0));
    }

    @Override
    public TaskNetwork target(TaskNetwork critic) {
        return ((PacoNetwork) critic).target();
    }

    @Override
    public void afterStep(boolean[] masked, boolean[] normal, Rng rng) {
        resetMasked(masked, normal, rng);
    }

    /**
     * w_T = sum_j r_j w_j / sum_j r_j over the normal tasks j, r_j ~ U(0, 1), for each masked task T (nothing
     * when no task is normal). Returns the weights used, row T over all N tasks (zero elsewhere), null for a
     * task not reset.
     */
    double[][] resetMasked(boolean[] masked, boolean[] normal, Rng rng) {
        double[][] used = new double[tasks][];
        boolean anyNormal = false;
        for (boolean b : normal) anyNormal |= b;
        if (!anyNormal) return used;
        Buf w = Buf.of(taskVectors.list().get(0).value());
        int k = cfg.paramSets();
        for (int t = 0; t < tasks; t++) {
            if (!masked[t]) continue;
            double[] r = new double[tasks];
            double sum = 0;
            for (int j = 0; j < tasks; j++) if (normal[j]) sum += r[j] = rng.nextDouble();
            if (!(sum > 0)) {
                // every draw was 0 (probability ~0): weigh the normal tasks equally
                for (int j = 0; j < tasks; j++) if (normal[j]) sum += r[j] = 1;
            }
            for (int j = 0; j < tasks; j++) r[j] /= sum;
            for (int i = 0; i < k; i++) {
                double v = 0;
                for (int j = 0; j < tasks; j++) v += r[j] * w.get(i * tasks + j);
                w.set(i * tasks + t, v);
            }
            used[t] = r;
        }
        return used;
    }
}
