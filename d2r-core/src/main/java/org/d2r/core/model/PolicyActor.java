package org.d2r.core.model;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.MaskSoftmax;
import org.d2r.core.routing.RoutingPaths;

/**
 * The D2R actor for acting one observation at a time (producers, evaluator): the same forward pass
 * as {@link D2rNetwork} in plain loops over float arrays, because at a handful of rows ND4J's
 * 12-14 us per op would dominate.
 *
 * <p>Dynamic depth: the routers read only g = F(s) * H(T), so every routing path is chosen before
 * any module runs, and a row computes only the modules its output depends on (the output router's
 * sources, their routers' sources, and so on back). A module no selected path reaches is skipped,
 * which is D2R's claim of fewer modules for easier tasks made real in the cost of an action.
 */
public final class PolicyActor implements SnapshotActor {
    private final D2rNetConfig cfg;
    private final int actDims;
    private final double[] tau;
    private final PolicySnapshot snapshot;
    private final FloatLayer[] state;
    private final FloatLayer task;
    private final FloatLayer[] router;
    private final FloatLayer[] modules;
    private final FloatLayer out;
    private final RouterSources sources;
    private final int n;
    private final int bits;

    /** Activations for up to {@link #capacity} rows, [row][unit]; grown on demand. */
    private int capacity;
    private float[][][] stateAct;
    private float[][][] routerAct;
    private float[][][] m;
    private float[][] taskRep;
    private float[][] routeIn;
    private float[][] base;
    private float[][] x;
    private float[][] y;
    private float[][] o;
    private float[][] srcRows;
    private float[][] dstRows;
    private double[][] p;
    private double[] noise;
    private int[][] sel;
    /** needed[b][i]: row b's output depends on module i (0-based). */
    private boolean[][] needed;
    /** Modules computed and actions taken, per task, since this actor was made. */
    private final long[] modulesComputed;
    private final long[] actionsTaken;
    private final double[] z;
    private final double[] soft;
    private final double[] scratch;
    private final int[] tmp;

    public PolicyActor(PolicySnapshot snap) {
        if (!snap.method().routed()) throw new IllegalArgumentException("a " + snap.method().title() + " snapshot has no D2R layout: act with SnapshotActor.of");
        this.cfg = snap.net();
        this.actDims = snap.actionDims();
        this.tau = snap.tau();
        this.snapshot = snap;
        int[] sh = cfg.stateHidden();
        int[] rh = cfg.routerHidden();
        state = new FloatLayer[sh.length];
        for (int i = 0; i < sh.length; i++) state[i] = FloatLayer.of(snap, "state." + i);
        task = FloatLayer.of(snap, "task");
        router = new FloatLayer[rh.length + 1];
        for (int i = 0; i < rh.length; i++) router[i] = FloatLayer.of(snap, "router." + i);
        router[rh.length] = FloatLayer.of(snap, "router.logits");
        n = cfg.modules();
        bits = RoutingPaths.bitCount(n);
        sources = new RouterSources(cfg);
        modules = new FloatLayer[n];
        for (int i = 0; i < n; i++) modules[i] = FloatLayer.of(snap, "module." + (i + 1));
        out = FloatLayer.of(snap, "out");
        z = new double[bits];
        soft = new double[bits];
        tmp = new int[Math.min(cfg.topK(), n)];
        scratch = new double[2 * n];
        modulesComputed = new long[snap.tasks()];
        actionsTaken = new long[snap.tasks()];
        grow(1);
    }

    private void grow(int rows) {
        if (rows <= capacity) return;
        int w = cfg.moduleWidth(), tw = cfg.taskWidth(), k = tmp.length;
        stateAct = new float[state.length][][];
        for (int i = 0; i < state.length; i++) stateAct[i] = new float[rows][state[i].out()];
        routerAct = new float[router.length][][];
        for (int i = 0; i < router.length; i++) routerAct[i] = new float[rows][router[i].out()];
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
        needed = new boolean[rows][n];
        srcRows = new float[rows][];
        dstRows = new float[rows][];
        capacity = rows;
    }

    @Override
    public PolicySnapshot snapshot() {
        return snapshot;
    }

    @Override
    public int routingModules() {
        return n;
    }

    /** Mean number of modules computed per action of {@code task} so far (NaN before its first action). */
    public double meanModulesComputed(int task) {
        return (double) modulesComputed[task] / actionsTaken[task];
    }

    /** Mean number of modules computed per action over all tasks so far. */
    public double meanModulesComputed() {
        long c = 0, a = 0;
        for (int t = 0; t < actionsTaken.length; t++) {
            c += modulesComputed[t];
            a += actionsTaken[t];
        }
        return (double) c / a;
    }

    /**
     * At a fraction of the cost of {@code rows} calls of {@link #act} (a producer's environments in one
     * lockstep), since the weights are read once for all rows instead of once per row.
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
            sources.expand(routerAct[router.length - 1][b], z);
            if (paths != null) paths.clearRow(firstPathRow + b);
            java.util.Arrays.fill(p[b], 0);
            for (int r = 1; r <= n; r++) {
                int off = RoutingPaths.routerOffset(r);
                // a router without sources (its module reads b) chooses nothing
                int c = sources.select(z, off, r, k, sample, sample ? tau[taskIds[b]] : 1, rng, tmp, scratch);
                if (cfg.rescale()) {
                    MaskSoftmax.apply(z, off, tmp, c, p[b]);
                } else {
                    sources.softmax(z, off, r, soft, scratch);
                    for (int t = 0; t < c; t++) p[b][off + tmp[t]] = soft[off + tmp[t]];
                }
                for (int t = 0; t < k; t++) sel[b][(r - 1) * k + t] = t < c ? tmp[t] : -1;
                if (paths != null) for (int t = 0; t < c; t++) paths.set(firstPathRow + b, off + tmp[t], true);
            }
            for (int a = 0; a < actDims; a++) noise[b * actDims + a] = explore ? rng.nextGaussian() : 0;
        }
        for (int b = 0; b < rows; b++) markNeeded(b, k, taskIds[b]);
        // module by module over the rows that need it: per row the sums are those of a full pass
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int b = 0; b < rows; b++) {
                if (!needed[b][i]) continue;
                boolean readsBase = sources.readsBase(i);
                if (!readsBase) mix(i, b, k, x[b]);
                srcRows[c] = readsBase ? base[b] : x[b];
                dstRows[c++] = m[i][b];
            }
            if (c == 0) continue;
            modules[i].apply(srcRows, dstRows, c);
            if (sources.readsBase(i)) {
                FloatLayer.relu(dstRows, c);
            } else {
                for (int t = 0; t < c; t++) {
                    float[] mr = dstRows[t], xb = srcRows[t];
                    for (int col = 0; col < xb.length; col++) mr[col] = Math.max(mr[col], 0) + xb[col];
                }
            }
        }
        for (int b = 0; b < rows; b++) mix(n, b, k, y[b]);
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

    /** Marks the modules row b's output depends on, walking back from the output router. */
    private void markNeeded(int b, int k, int task) {
        boolean[] need = needed[b];
        java.util.Arrays.fill(need, false);
        int[] s = sel[b];
        for (int t = 0; t < k && s[(n - 1) * k + t] >= 0; t++) need[s[(n - 1) * k + t]] = true;
        // module i (0-based, i >= 1) reads router i, whose sources all lie below i (none: it reads b)
        for (int i = n - 1; i >= 1; i--) {
            if (!need[i]) continue;
            for (int t = 0; t < k && s[(i - 1) * k + t] >= 0; t++) need[s[(i - 1) * k + t]] = true;
        }
        int c = 0;
        for (boolean u : need) if (u) c++;
        modulesComputed[task] += c;
        actionsTaken[task]++;
    }

    /** dst = sum over router r's selected sources j of p_j * m^j, for row b. */
    private void mix(int r, int b, int k, float[] dst) {
        java.util.Arrays.fill(dst, 0);
        int off = RoutingPaths.routerOffset(r);
        for (int t = 0; t < k; t++) {
            int j = sel[b][(r - 1) * k + t];
            if (j < 0) break;
            float pj = (float) p[b][off + j];
            float[] src = m[j][b];
            for (int col = 0; col < dst.length; col++) dst[col] += pj * src[col];
        }
    }
}
