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
                D2rNetwork.critic(net, obs, act, tasks, rows, DataType.FLOAT, init), init.split());
    }

    /** Gaussian observations, uniform actions, rewards in [0, 1), rows alternating over tasks, paths from the actor's SampleK. */
    public static TransitionBatch batch(MultiTaskSac sac, long seed) {
        Rng rng = new Rng(seed);
        SacConfig cfg = sac.config();
        D2rNetwork actor = (D2rNetwork) sac.actor();
        int rows = cfg.batchSize(), obs = actor.inputSize(), act = actor.outputSize() / 2;
        TransitionBatch b = TransitionBatch.allocate(rows, obs, act, actor.config().modules());
        for (int i = 0; i < b.obs().length; i++) {
            b.obs()[i] = (float) rng.nextGaussian();
            b.nextObs()[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < b.actions().length; i++) b.actions()[i] = (float) (rng.nextDouble() * 2 - 1);
        for (int r = 0; r < rows; r++) {
            b.rewards()[r] = (float) rng.nextDouble();
            b.taskIds()[r] = r % cfg.tasks();
        }
        INDArray x = Nd4j.zeros(DataType.FLOAT, rows, obs);
        for (int i = 0; i < b.obs().length; i++) x.data().put(i, b.obs()[i]);
        double[] tau = new double[cfg.tasks()];
        java.util.Arrays.fill(tau, 1);
        actor.forward(x, b.taskIds(), Routing.sampleK(tau, rng, false));
        for (int r = 0; r < rows; r++) b.paths().copyRow(actor.lastPaths(), r, r);
        return b;
    }
}
