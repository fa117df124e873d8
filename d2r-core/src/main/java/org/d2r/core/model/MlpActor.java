package org.d2r.core.model;

import org.d2r.core.baselines.Method;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;

/**
 * Multi-task SAC's and multi-head SAC's actor for acting, in plain loops over float arrays as
 * {@link PolicyActor} does for D2R: [obs, one-hot(T)] -> [400]x5 (ReLU) -> out, or the task's head
 * of the multi-head layer. The one-hot input is a row of the first weight matrix, added, not
 * multiplied. Through ND4J one action cost about 480 us at one row (per-op overhead); see
 * BENCHMARKS.md. Not thread-safe: one instance per acting thread.
 */
final class MlpActor implements SnapshotActor {
    private final PolicySnapshot snapshot;
    private final int obsDims;
    private final int actDims;
    private final boolean multiHead;
    private final FloatLayer[] hidden;
    private final FloatLayer last;

    private int capacity;
    private float[][][] h;
    private float[][] o;

    MlpActor(PolicySnapshot snap) {
        Method m = snap.method();
        if (m != Method.MTSAC && m != Method.MHSAC) throw new IllegalArgumentException("a " + m.title() + " snapshot is not an MLP baseline");
        this.snapshot = snap;
        this.obsDims = snap.obsDims();
        this.actDims = snap.actionDims();
        this.multiHead = m == Method.MHSAC;
        int layers = 0;
        while (hasTensor(snap, "hidden." + layers + ".W")) layers++;
        hidden = new FloatLayer[layers];
        for (int i = 0; i < layers; i++) hidden[i] = FloatLayer.of(snap, "hidden." + i);
        last = FloatLayer.of(snap, multiHead ? "heads" : "out");
        int tasks = snap.tasks();
        if (layers == 0 || hidden[0].in() != obsDims + tasks || last.out() != (multiHead ? tasks : 1) * 2 * actDims) {
            throw new IllegalArgumentException("snapshot does not have the " + m.title() + " layout for " + obsDims
                    + " observation dims, " + tasks + " tasks and " + actDims + " action dims");
        }
        grow(1);
    }

    private static boolean hasTensor(PolicySnapshot s, String name) {
        return s.tensors().stream().anyMatch(t -> t.name().equals(name));
    }

    private void grow(int rows) {
        if (rows <= capacity) return;
        h = new float[hidden.length][][];
        for (int i = 0; i < hidden.length; i++) h[i] = new float[rows][hidden[i].out()];
        o = new float[rows][last.out()];
        capacity = rows;
    }

    @Override
    public PolicySnapshot snapshot() {
        return snapshot;
    }

    @Override
    public void actAll(float[][] obs, int[] taskIds, int rows, boolean explore, boolean sampleKRouting, Rng rng,
                       float[][] actions, RoutingPaths paths, int firstPathRow) {
        SnapshotActor.checkRows(this, obs, taskIds, rows, actions);
        grow(rows);
        hidden[0].apply(obs, h[0], rows, obsDims);
        for (int b = 0; b < rows; b++) {
            float[] task = hidden[0].w()[obsDims + taskIds[b]];
            float[] d = h[0][b];
            for (int j = 0; j < d.length; j++) d[j] += task[j];
        }
        FloatLayer.relu(h[0], rows);
        for (int i = 1; i < hidden.length; i++) {
            hidden[i].apply(h[i - 1], h[i], rows);
            FloatLayer.relu(h[i], rows);
        }
        last.apply(h[hidden.length - 1], o, rows);
        // the noise row by row, in the order single-row calls (and TanhGaussian) draw it
        for (int b = 0; b < rows; b++) {
            int off = multiHead ? taskIds[b] * 2 * actDims : 0;
            for (int a = 0; a < actDims; a++) {
                double mean = o[b][off + a];
                double ls = Math.min(TanhGaussian.LOG_STD_MAX, Math.max(TanhGaussian.LOG_STD_MIN, o[b][off + actDims + a]));
                double u = explore ? mean + Math.exp(ls) * rng.nextGaussian() : mean;
                actions[b][a] = (float) Math.tanh(u);
            }
        }
    }
}
