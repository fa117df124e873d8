package org.d2r.core.sac;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.model.Routing;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A float D2R-SAC learner and a random batch with behaviour paths, for tests of the update. */
public final class SacFixtures {
    private SacFixtures() {}

    public static MultiTaskSac sac(D2rNetConfig net, SacConfig cfg, int obs, int act, long seed) {
        Rng init = new Rng(seed);
        int rows = cfg.batchSize();
        int tasks = cfg.tasks();
        return new MultiTaskSac(cfg, D2rNetwork.actor(net, obs, act, tasks, rows, DataType.FLOAT, init),
                D2rNetwork.critic(net, obs, act, tasks, rows, DataType.FLOAT, init),
                D2rNetwork.critic(net, obs, act, tasks, rows, DataType.FLOAT, init), UpdateExtension.NONE,
                init.split());
    }

    /** Gaussian observations, uniform actions, rewards in [0, 1), rows alternating over tasks, paths from the actor's SampleK. */
    public static TransitionBatch batch(MultiTaskSac sac, long seed) {
        Rng rng = new Rng(seed);
        D2rNetwork actor = (D2rNetwork) sac.actor();
        int rows = actor.batchSize(), obs = actor.inputSize(), tasks = actor.taskCount();
        TransitionBatch b = gaussian(rows, obs, actor.outputSize() / 2, tasks, actor.config().modules(), rng);
        INDArray x = Nd4j.zeros(DataType.FLOAT, rows, obs);
        for (int i = 0; i < b.obs().length; i++) x.data().put(i, b.obs()[i]);
        double[] tau = new double[tasks];
        java.util.Arrays.fill(tau, 1);
        actor.forward(x, b.taskIds(), Routing.sampleK(tau, rng, false));
        for (int r = 0; r < rows; r++) b.paths().copyRow(actor.lastPaths(), r, r);
        return b;
    }

    /** Gaussian observations, uniform actions, rewards in [0, 1), rows alternating over tasks; paths left empty. */
    public static TransitionBatch gaussian(int rows, int obs, int act, int tasks, int modules, Rng rng) {
        TransitionBatch b = TransitionBatch.allocate(rows, obs, act, modules);
        for (int i = 0; i < b.obs().length; i++) {
            b.obs()[i] = (float) rng.nextGaussian();
            b.nextObs()[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < b.actions().length; i++) b.actions()[i] = (float) (rng.nextDouble() * 2 - 1);
        for (int r = 0; r < rows; r++) {
            b.rewards()[r] = (float) rng.nextDouble();
            b.taskIds()[r] = r % tasks;
        }
        return b;
    }

    /** Observations in [-1, 1), actions in [-0.9, 0.9), rewards in [0, 10), task t in rows [t * perTask, (t + 1) * perTask). */
    static TransitionBatch uniform(int tasks, int perTask, int obs, int act, int modules, Rng rng) {
        TransitionBatch b = TransitionBatch.allocate(tasks * perTask, obs, act, modules);
        for (int i = 0; i < b.obs().length; i++) {
            b.obs()[i] = (float) (rng.nextDouble() * 2 - 1);
            b.nextObs()[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < b.actions().length; i++) b.actions()[i] = (float) (rng.nextDouble() * 1.8 - 0.9);
        for (int r = 0; r < b.rows(); r++) {
            b.rewards()[r] = (float) (rng.nextDouble() * 10);
            b.taskIds()[r] = r / perTask;
        }
        return b;
    }

    /** Finite differences of one loss term of the update in {@code params}, the generator at {@code state} for every pass. */
    static void checkLoss(MultiTaskSac sac, TransitionBatch b, long[] state, java.util.function.ToDoubleFunction<MultiTaskSac.Losses> term,
                          org.d2r.core.nn.ParamSet params, long seed, String what) {
        long[] ns = new long[MultiTaskSac.PHASES.length];
        sac.rng().restore(state);
        sac.gradients(b, UpdateDraws.from(sac.rng()), ns);
        org.d2r.core.nn.GradCheck.Result r = org.d2r.core.nn.GradCheck.check(() -> {
            sac.rng().restore(state);
            return term.applyAsDouble(sac.gradients(b, UpdateDraws.from(sac.rng()), ns));
        }, params, 4, 1e-6, 1e-10, new Rng(seed));
        org.junit.jupiter.api.Assertions.assertTrue(r.maxRelError() < 1e-4, what + ": " + r);
    }
}
