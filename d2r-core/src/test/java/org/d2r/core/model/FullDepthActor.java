package org.d2r.core.model;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.MaskSoftmax;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.routing.SampleK;
import org.d2r.core.routing.TopK;

/**
 * The reference for dynamic depth: {@link PolicyActor} as it was before it skipped modules, computing
 * every module for every row (kept verbatim apart from its name). The dynamic-depth actor must give
 * the same actions, paths and random draws bit for bit.
 */
final class FullDepthActor implements SnapshotActor {
    private final D2rNetConfig cfg;
    private final int actDims;
    private final double[] tau;
    private final PolicySnapshot snapshot;
    private final FloatLayer[] state;
    private final FloatLayer task;
    private final FloatLayer[] router;
    private final FloatLayer[] modules;
    private final FloatLayer out;
    private final int n;
    private final int bits;

    /** Activations for up to {@link #capacity} rows, [row][unit]; grown on demand. */
    private int capacity;
    private float[][][] stateAct;
    private float[][] taskRep;
    private float[][] routeIn;
    private float[][] base;
    private float[][][] routerAct;
    private float[][][] m;
    private float[][] x;
    private float[][] y;
    private float[][] o;
    private double[][] p;
    private double[] noise;
    private int[][] sel;
    private final double[] z;
    private final double[] soft;
    private final int[] tmp;
    private final double[] scratch;

    FullDepthActor(PolicySnapshot snap) {
        if (!snap.method().routed()) throw new IllegalArgumentException("a " + snap.method().title() + " snapshot has no D2R layout: act with SnapshotActor.of");
        this.cfg = snap.net();
        this.actDims = snap.actionDims();
        this.tau = snap.tau();
        this.snapshot = snap;
        int[] sh = cfg.stateHidden();
        int[] rh = cfg.routerHidden();
        state = new FloatLayer[sh.length];
        for (int i = 0; i < sh.length; i++) state[i] = layer(snap, "state." + i);
        task = layer(snap, "task");
        router = new FloatLayer[rh.length + 1];
        for (int i = 0; i < rh.length; i++) router[i] = layer(snap, "router." + i);
        router[rh.length] = layer(snap, "router.logits");
        n = cfg.modules();
        bits = RoutingPaths.bitCount(n);
        modules = new FloatLayer[n];
        for (int i = 0; i < n; i++) modules[i] = layer(snap, "module." + (i + 1));
        out = layer(snap, "out");
        z = new double[bits];
        soft = new double[bits];
        tmp = new int[Math.min(cfg.topK(), n)];
        scratch = new double[n];
        grow(1);
    }

    private void grow(int rows) {
        if (rows <= capacity) return;
        int[] sh = cfg.stateHidden();
        int[] rh = cfg.routerHidden();
        int w = cfg.moduleWidth(), tw = cfg.taskWidth(), k = tmp.length;
        stateAct = new float[sh.length][][];
        for (int i = 0; i < sh.length; i++) stateAct[i] = new float[rows][sh[i]];
        routerAct = new float[rh.length + 1][][];
        for (int i = 0; i < rh.length; i++) routerAct[i] = new float[rows][rh[i]];
        routerAct[rh.length] = new float[rows][bits];
        taskRep = new float[rows][tw];
        routeIn = new float[rows][tw];
        base = new float[rows][tw];
        m = new float[n][rows][w];
        x = new float[rows][w];
        y = new float[rows][w];
        o = new float[rows][2 * actDims];
        p = new double[rows][bits];
        noise = new double[rows * actDims];
        sel = new int[rows][n * k];
        capacity = rows;
    }

    private static FloatLayer layer(PolicySnapshot s, String name) {
        return FloatLayer.of(s, name);
    }

    @Override
    public PolicySnapshot snapshot() {
        return snapshot;
    }

    @Override
    public int routingModules() {
        return n;
    }

    /**
     * Actions for {@code rows} observations at once (a producer's environments in one lockstep):
     * the same results, and the same draws from {@code rng} in the same order, as {@code rows} calls
     * of {@link #act} in row order, at a fraction of the cost, since the weights are read once for
     * all rows instead of once per row.
     *
     * @param paths receives row b's routing path in row {@code firstPathRow + b} (may be null)
     */
    @Override
    public void actAll(float[][] obs, int[] taskIds, int rows, boolean explore, boolean sampleKRouting, Rng rng,
                       float[][] actions, RoutingPaths paths, int firstPathRow) {
        SnapshotActor.checkRows(this, obs, taskIds, rows, actions);
        grow(rows);
        float[][] h = obs;
        for (int i = 0; i < state.length; i++) {
            state[i].apply(h, stateAct[i], rows);
            if (i < state.length - 1) FloatLayer.relu(stateAct[i], rows);
            h = stateAct[i];
        }
        float[][] fs = stateAct[state.length - 1];
        int tw = cfg.taskWidth();
        for (int b = 0; b < rows; b++) {
            System.arraycopy(task.b(), 0, taskRep[b], 0, tw);
            float[] tr = task.w()[taskIds[b]];
            for (int j = 0; j < tw; j++) taskRep[b][j] += tr[j];
            for (int j = 0; j < tw; j++) {
                routeIn[b][j] = cfg.stateInRouting() ? fs[b][j] * taskRep[b][j] : taskRep[b][j];
                base[b][j] = Math.max(fs[b][j], 0);
            }
        }
        h = routeIn;
        for (int i = 0; i < router.length; i++) {
            router[i].apply(h, routerAct[i], rows);
            if (i < router.length - 1) FloatLayer.relu(routerAct[i], rows);
            h = routerAct[i];
        }
        // routes and exploration noise row by row, in the order single-row calls draw them
        boolean sample = explore && sampleKRouting;
        int k = tmp.length;
        for (int b = 0; b < rows; b++) {
            float[] logits = routerAct[router.length - 1][b];
            for (int i = 0; i < bits; i++) z[i] = logits[i];
            if (paths != null) paths.clearRow(firstPathRow + b);
            java.util.Arrays.fill(p[b], 0);
            for (int r = 1; r <= n; r++) {
                int off = RoutingPaths.routerOffset(r);
                int c = sample ? SampleK.select(z, off, r, k, tau[taskIds[b]], rng, tmp, scratch) : TopK.select(z, off, r, k, tmp);
                if (cfg.rescale()) {
                    MaskSoftmax.apply(z, off, tmp, c, p[b]);
                } else {
                    MaskSoftmax.full(z, off, r, soft);
                    for (int t = 0; t < c; t++) p[b][off + tmp[t]] = soft[off + tmp[t]];
                }
                for (int t = 0; t < k; t++) sel[b][(r - 1) * k + t] = t < c ? tmp[t] : -1;
                if (paths != null) for (int t = 0; t < c; t++) paths.set(firstPathRow + b, off + tmp[t], true);
            }
            for (int a = 0; a < actDims; a++) noise[b * actDims + a] = explore ? rng.nextGaussian() : 0;
        }
        modules[0].apply(base, m[0], rows);
        FloatLayer.relu(m[0], rows);
        for (int r = 1; r <= n; r++) {
            // module r+1 reads router r; the output reads router n
            float[][] dst = r < n ? x : y;
            int off = RoutingPaths.routerOffset(r);
            for (int b = 0; b < rows; b++) {
                float[] d = dst[b];
                java.util.Arrays.fill(d, 0);
                for (int t = 0; t < k; t++) {
                    int j = sel[b][(r - 1) * k + t];
                    if (j < 0) break;
                    float pj = (float) p[b][off + j];
                    float[] src = m[j][b];
                    for (int col = 0; col < d.length; col++) d[col] += pj * src[col];
                }
            }
            if (r < n) {
                modules[r].apply(x, m[r], rows);
                for (int b = 0; b < rows; b++) {
                    float[] mr = m[r][b], xb = x[b];
                    for (int col = 0; col < xb.length; col++) mr[col] = Math.max(mr[col], 0) + xb[col];
                }
            }
        }
        out.apply(y, o, rows);
        for (int b = 0; b < rows; b++) {
            for (int a = 0; a < actDims; a++) {
                double mean = o[b][a];
                double ls = Math.min(TanhGaussian.LOG_STD_MAX, Math.max(TanhGaussian.LOG_STD_MIN, o[b][actDims + a]));
                double u = explore ? mean + Math.exp(ls) * noise[b * actDims + a] : mean;
                actions[b][a] = (float) Math.tanh(u);
            }
        }
    }
}
