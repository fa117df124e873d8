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
public final class PolicyActor {
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

    private final float[][] stateAct;
    private final float[] taskRep;
    private final float[] routeIn;
    private final float[] base;
    private final float[][] routerAct;
    private final double[] z;
    private final double[] p;
    private final double[] soft;
    private final float[][] m;
    private final float[] x;
    private final float[] y;
    private final float[] o;
    private final int[] sel;
    private final double[] scratch;

    private record Layer(int in, int out, float[] w, float[] b) {
        void apply(float[] src, float[] dst) {
            System.arraycopy(b, 0, dst, 0, out);
            for (int i = 0; i < in; i++) {
                float s = src[i];
                if (s == 0) continue;
                int row = i * out;
                for (int j = 0; j < out; j++) dst[j] += s * w[row + j];
            }
        }
    }

    public PolicyActor(PolicySnapshot snap) {
        this.cfg = snap.net();
        this.obsDims = snap.obsDims();
        this.actDims = snap.actionDims();
        this.tasks = snap.tasks();
        this.tau = snap.tau();
        this.version = snap.version();
        int[] sh = cfg.stateHidden();
        int[] rh = cfg.routerHidden();
        state = new Layer[sh.length];
        stateAct = new float[sh.length][];
        for (int i = 0; i < sh.length; i++) {
            state[i] = layer(snap, "state." + i);
            stateAct[i] = new float[sh[i]];
        }
        task = layer(snap, "task");
        router = new Layer[rh.length + 1];
        routerAct = new float[rh.length + 1][];
        for (int i = 0; i < rh.length; i++) {
            router[i] = layer(snap, "router." + i);
            routerAct[i] = new float[rh[i]];
        }
        router[rh.length] = layer(snap, "router.logits");
        n = cfg.modules();
        bits = RoutingPaths.bitCount(n);
        routerAct[rh.length] = new float[bits];
        modules = new Layer[n];
        m = new float[n][cfg.moduleWidth()];
        for (int i = 0; i < n; i++) modules[i] = layer(snap, "module." + (i + 1));
        out = layer(snap, "out");
        taskRep = new float[cfg.taskWidth()];
        routeIn = new float[cfg.taskWidth()];
        base = new float[cfg.taskWidth()];
        z = new double[bits];
        p = new double[bits];
        soft = new double[bits];
        x = new float[cfg.moduleWidth()];
        y = new float[cfg.moduleWidth()];
        o = new float[2 * actDims];
        sel = new int[Math.min(cfg.topK(), n)];
        scratch = new double[n];
    }

    private static Layer layer(PolicySnapshot s, String name) {
        PolicySnapshot.Tensor w = s.tensor(name + ".W"), b = s.tensor(name + ".b");
        return new Layer(w.rows(), w.cols(), w.values(), b.values());
    }

    public int obsDims() {
        return obsDims;
    }

    public int actionDims() {
        return actDims;
    }

    public int tasks() {
        return tasks;
    }

    /** The learner's update count when the snapshot was taken. */
    public long version() {
        return version;
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
    public void act(float[] obs, int taskId, boolean explore, boolean sampleKRouting, Rng rng, float[] action,
                    RoutingPaths paths, int row) {
        if (obs.length != obsDims) throw new IllegalArgumentException("observation has " + obs.length + " values, the policy expects " + obsDims);
        if (taskId < 0 || taskId >= tasks) throw new IllegalArgumentException("task id " + taskId + " outside 0.." + (tasks - 1));
        if (action.length != actDims) throw new IllegalArgumentException("action buffer must hold " + actDims + " values");
        float[] h = obs;
        for (int i = 0; i < state.length; i++) {
            state[i].apply(h, stateAct[i]);
            if (i < state.length - 1) relu(stateAct[i]);
            h = stateAct[i];
        }
        float[] fs = stateAct[state.length - 1];
        int tw = taskRep.length;
        System.arraycopy(task.b(), 0, taskRep, 0, tw);
        for (int j = 0; j < tw; j++) taskRep[j] += task.w()[taskId * tw + j];
        for (int j = 0; j < tw; j++) {
            routeIn[j] = cfg.stateInRouting() ? fs[j] * taskRep[j] : taskRep[j];
            base[j] = Math.max(fs[j], 0);
        }
        h = routeIn;
        for (int i = 0; i < router.length; i++) {
            router[i].apply(h, routerAct[i]);
            if (i < router.length - 1) relu(routerAct[i]);
            h = routerAct[i];
        }
        for (int i = 0; i < bits; i++) z[i] = routerAct[router.length - 1][i];
        if (paths != null) paths.clearRow(row);
        boolean sample = explore && sampleKRouting;
        int k = sel.length;
        java.util.Arrays.fill(p, 0);
        modules[0].apply(base, m[0]);
        relu(m[0]);
        for (int r = 1; r <= n; r++) {
            int off = RoutingPaths.routerOffset(r);
            int c = sample ? SampleK.select(z, off, r, k, tau[taskId], rng, sel, scratch) : TopK.select(z, off, r, k, sel);
            if (cfg.rescale()) {
                MaskSoftmax.apply(z, off, sel, c, p);
            } else {
                MaskSoftmax.full(z, off, r, soft);
                for (int t = 0; t < c; t++) p[off + sel[t]] = soft[off + sel[t]];
            }
            if (paths != null) for (int t = 0; t < c; t++) paths.set(row, off + sel[t], true);
            // module r+1 reads router r; the output reads router n
            float[] dst = r < n ? x : y;
            java.util.Arrays.fill(dst, 0);
            for (int t = 0; t < c; t++) {
                float pj = (float) p[off + sel[t]];
                float[] src = m[sel[t]];
                for (int col = 0; col < dst.length; col++) dst[col] += pj * src[col];
            }
            if (r < n) {
                modules[r].apply(x, m[r]);
                for (int col = 0; col < x.length; col++) m[r][col] = Math.max(m[r][col], 0) + x[col];
            }
        }
        out.apply(y, o);
        for (int a = 0; a < actDims; a++) {
            double mean = o[a];
            double ls = Math.min(TanhGaussian.LOG_STD_MAX, Math.max(TanhGaussian.LOG_STD_MIN, o[actDims + a]));
            double u = explore ? mean + Math.exp(ls) * rng.nextGaussian() : mean;
            action[a] = (float) Math.tanh(u);
        }
    }

    private static void relu(float[] a) {
        for (int i = 0; i < a.length; i++) if (a[i] < 0) a[i] = 0;
    }
}
