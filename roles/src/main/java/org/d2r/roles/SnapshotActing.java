package org.d2r.roles;

import org.d2r.core.model.SnapshotActor;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;

/**
 * Acting with the newest published policy of a {@link PolicySource}: the producers' and the evaluator's
 * actor. The snapshot's network is rebuilt only when a newer version arrives; buffers are kept across
 * versions. Not thread-safe: one per acting thread.
 */
public final class SnapshotActing implements ActingPass {
    private final int obsDims;
    private final int actDims;
    private final int tasks;
    private final boolean sampleK;
    private final Rng rng;
    private final float[][] fo;
    private final float[][] fa;
    private SnapshotActor actor;
    private PolicySource.Policy policy;
    private RoutingPaths paths;

    /**
     * @param rows    environments acted for at once
     * @param sampleK exploring routes with SampleK (false: TopK, the no-samplek ablation)
     * @param rng     the exploring draws (routing and actions)
     */
    public SnapshotActing(int obsDims, int actDims, int tasks, int rows, boolean sampleK, Rng rng) {
        this.obsDims = obsDims;
        this.actDims = actDims;
        this.tasks = tasks;
        this.sampleK = sampleK;
        this.rng = rng;
        this.fo = new float[rows][obsDims];
        this.fa = new float[rows][actDims];
    }

    /** Acts with {@code p} from now on; true if it is another version than before. */
    public boolean use(PolicySource.Policy p) {
        if (policy != null && policy.version() == p.version()) return false;
        p.policy().requireCompatible(obsDims, actDims, tasks);
        SnapshotActor a = SnapshotActor.of(p.policy());
        // a baseline does not route: its transitions carry an empty path
        if (a.routingModules() == 0) {
            paths = null;
        } else if (paths == null || paths.modules() != a.routingModules()) {
            paths = new RoutingPaths(a.routingModules(), fo.length);
        }
        actor = a;
        policy = p;
        return true;
    }

    @Override
    public long version() {
        return policy.version();
    }

    @Override
    public void act(double[][] obs, int[] taskIds, int rows, boolean explore, boolean policyActions, double[][] actions) {
        // always a pass, even when every action is a warm-up draw: the exploring stream (rng) then advances as
        // the producers' always has, so a seed gives the transitions it gave before
        for (int b = 0; b < rows; b++) {
            double[] o = obs[b];
            float[] f = fo[b];
            for (int i = 0; i < f.length; i++) f[i] = (float) o[i];
        }
        // one forward for every row: the weights are read once, not once per environment; same draws as row by row
        actor.actAll(fo, taskIds, rows, explore, sampleK, rng, fa, paths, 0);
        for (int b = 0; b < rows; b++) {
            float[] f = fa[b];
            double[] a = actions[b];
            for (int k = 0; k < a.length; k++) a[k] = f[k];
        }
    }

    @Override
    public RoutingPaths paths() {
        return paths;
    }
}
