package org.d2r.core.model;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.MaskSoftmax;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.routing.SampleK;
import org.d2r.core.routing.TopK;

/**
 * The D2R actor for acting one observation at a time (producers, evaluator): the same forward pass
 * as {@link D2rNetwork} in plain loops over float arrays, because at a handful of rows ND4J's
 * 12-14 us per op would dominate. Exploring: SampleK at the task's tau_T and a sampled tanh-Gaussian
 * action; deterministic: TopK and tanh(mean). Not thread-safe: one instance per acting thread.
 */
public final class PolicyActor implements SnapshotActor {
    private final D2rNetConfig cfg;
    private final int obsDims;
    private final int actDims;
    private final int tasks;
    private final double[] tau;
    private final long version;
    private final Layer[] state;
    private final Layer task;
    private final Layer[] router;
    private final Layer[] modules;
    private final Layer out;
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
    private final float[][] oneObs = new float[1][];
    private final float[][] oneAction = new float[1][];
    private final int[] oneTask = new int[1];

    /** W stored as its rows (one array per input): a loop reading w[i][j] and writing dst[j] at the same j vectorises, one at w[i * out + j] did not (measured 27 vs 4 GFLOP/s). */
    private record Layer(int in, int out, float[][] w, float[] b) {
        /**
         * dst[r] = src[r] W + b for rows 0..rows-1, four inputs at a time, each block of W read once for
         * all rows. Per row the sums run in the same order whatever the row count, so results do not
         * depend on the batch.
         */
        void apply(float[][] src, float[][] dst, int rows) {
            for (int r = 0; r < rows; r++) System.arraycopy(b, 0, dst[r], 0, out);
            int i = 0;
            // four inputs per pass: a quarter of the loads and stores of dst
            for (; i + 3 < in; i += 4) {
                float[] w0 = w[i], w1 = w[i + 1], w2 = w[i + 2], w3 = w[i + 3];
                for (int r = 0; r < rows; r++) {
                    float[] sr = src[r];
                    float s0 = sr[i], s1 = sr[i + 1], s2 = sr[i + 2], s3 = sr[i + 3];
                    if (s0 == 0 && s1 == 0 && s2 == 0 && s3 == 0) continue; // ReLU zeros
                    float[] d = dst[r];
                    for (int j = 0; j < out; j++) d[j] += s0 * w0[j] + s1 * w1[j] + s2 * w2[j] + s3 * w3[j];
                }
            }
            for (; i < in; i++) {
                float[] wi = w[i];
                for (int r = 0; r < rows; r++) {
                    float s = src[r][i];
                    if (s == 0) continue;
                    float[] d = dst[r];
                    for (int j = 0; j < out; j++) d[j] += s * wi[j];
                }
            }
        }
    }

    public PolicyActor(PolicySnapshot snap) {
        if (!snap.method().routed()) throw new IllegalArgumentException("a " + snap.method().title() + " snapshot has no D2R layout: act with SnapshotActor.of");
        this.cfg = snap.net();
        this.obsDims = snap.obsDims();
        this.actDims = snap.actionDims();
        this.tasks = snap.tasks();
        this.tau = snap.tau();
        this.version = snap.version();
        int[] sh = cfg.stateHidden();
        int[] rh = cfg.routerHidden();
        state = new Layer[sh.length];
        for (int i = 0; i < sh.length; i++) state[i] = layer(snap, "state." + i);
        task = layer(snap, "task");
        router = new Layer[rh.length + 1];
        for (int i = 0; i < rh.length; i++) router[i] = layer(snap, "router." + i);
        router[rh.length] = layer(snap, "router.logits");
        n = cfg.modules();
        bits = RoutingPaths.bitCount(n);
        modules = new Layer[n];
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

    private static Layer layer(PolicySnapshot s, String name) {
        PolicySnapshot.Tensor w = s.tensor(name + ".W"), b = s.tensor(name + ".b");
        float[][] rows = new float[w.rows()][w.cols()];
        for (int i = 0; i < w.rows(); i++) System.arraycopy(w.values(), i * w.cols(), rows[i], 0, w.cols());
        return new Layer(w.rows(), w.cols(), rows, b.values());
    }

    @Override
    public int obsDims() {
        return obsDims;
    }

    @Override
    public int actionDims() {
        return actDims;
    }

    @Override
    public int tasks() {
        return tasks;
    }

    /** The learner's update count when the snapshot was taken. */
    @Override
    public long version() {
        return version;
    }

    @Override
    public int routingModules() {
        return n;
    }

    /**
     * One action for one observation.
     *
     * @param obs       observation (obsDims values, without the task one-hot)
     * @param taskId    0..tasks-1
     * @param explore   true: SampleK at tau_T and a sampled action; false: TopK and tanh(mean)
     * @param sampleKRouting when exploring, false routes with TopK (the "w/o SampleK" ablation)
     * @param rng       randomness for exploring (unused otherwise)
     * @param action    receives actionDims values in [-1, 1]
     * @param paths     receives the routing path in row {@code row} (may be null)
     */
    @Override
    public void act(float[] obs, int taskId, boolean explore, boolean sampleKRouting, Rng rng, float[] action,
                    RoutingPaths paths, int row) {
        oneObs[0] = obs;
        oneTask[0] = taskId;
        oneAction[0] = action;
        actAll(oneObs, oneTask, 1, explore, sampleKRouting, rng, oneAction, paths, row);
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
        for (int b = 0; b < rows; b++) {
            if (obs[b].length != obsDims) throw new IllegalArgumentException("observation has " + obs[b].length + " values, the policy expects " + obsDims);
            if (taskIds[b] < 0 || taskIds[b] >= tasks) throw new IllegalArgumentException("task id " + taskIds[b] + " outside 0.." + (tasks - 1));
            if (actions[b].length != actDims) throw new IllegalArgumentException("action buffer must hold " + actDims + " values");
        }
        grow(rows);
        float[][] h = obs;
        for (int i = 0; i < state.length; i++) {
            state[i].apply(h, stateAct[i], rows);
            if (i < state.length - 1) relu(stateAct[i], rows);
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
            if (i < router.length - 1) relu(routerAct[i], rows);
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
        relu(m[0], rows);
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

    private static void relu(float[][] a, int rows) {
        for (int r = 0; r < rows; r++) {
            float[] v = a[r];
            for (int i = 0; i < v.length; i++) v[i] = Math.max(v[i], 0f);
        }
    }
}
