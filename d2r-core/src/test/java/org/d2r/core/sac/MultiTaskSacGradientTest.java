package org.d2r.core.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.model.Routing;
import org.d2r.core.nn.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference checks in double precision of the whole actor and critic losses of the update
 * (TD target, tanh-Gaussian head, per-task weights and alphas, min of twin critics). ResRouting is
 * switched off here because its stop-gradient is, by design, not the derivative of the loss; the
 * network test checks it separately.
 */
class MultiTaskSacGradientTest {

    static final int TASKS = 2, PER_TASK = 3, OBS = 3, ACT = 2;

    static TransitionBatch batch(D2rNetwork actor, Rng rng) {
        int rows = TASKS * PER_TASK;
        TransitionBatch b = SacFixtures.uniform(TASKS, PER_TASK, OBS, ACT, actor.config().modules(), rng);
        var x = Nd4j.zeros(DataType.DOUBLE, rows, OBS);
        for (int i = 0; i < b.obs().length; i++) x.data().put(i, b.obs()[i]);
        actor.forward(x, b.taskIds(), Routing.sampleK(new double[] {1, 1}, rng, false));
        for (int r = 0; r < rows; r++) b.paths().copyRow(actor.lastPaths(), r, r);
        return b;
    }

    @Test
    void actorAndCriticGradientsMatchFiniteDifferences() {
        D2rNetConfig net = D2rNetConfig.small(4, 6, 8).withResRouting(org.d2r.core.config.ResRouting.OFF);
        SacConfig cfg = SacConfig.paper(TASKS, ACT).withBatchPerTask(PER_TASK);
        Rng init = new Rng(21);
        int rows = cfg.batchSize();
        D2rNetwork actor = D2rNetwork.actor(net, OBS, ACT, TASKS, rows, DataType.DOUBLE, init);
        D2rNetwork q1 = D2rNetwork.critic(net, OBS, ACT, TASKS, rows, DataType.DOUBLE, init);
        D2rNetwork q2 = D2rNetwork.critic(net, OBS, ACT, TASKS, rows, DataType.DOUBLE, init);
        // the output layers start at +-3e-3; widen them so every term carries a visible gradient
        for (D2rNetwork n : new D2rNetwork[] {actor, q1, q2}) n.params().get("out.W").value().muli(100);
        MultiTaskSac sac = new MultiTaskSac(cfg, actor, q1, q2, UpdateExtension.NONE, new Rng(5));
        TransitionBatch b = batch(actor, new Rng(9));
        long[] state = sac.rng().state();
        MultiTaskSac.Losses l = sac.gradients(b, UpdateDraws.from(sac.rng()),
                new long[MultiTaskSac.PHASES.length]);
        assertEquals(TASKS, l.kept());
        assertTrue(actor.params().gradNorm() > 0 && q1.params().gradNorm() > 0 && q2.params().gradNorm() > 0);
        SacFixtures.checkLoss(sac, b, state, MultiTaskSac.Losses::policy, actor.params(), 1, "actor");
        SacFixtures.checkLoss(sac, b, state, MultiTaskSac.Losses::critic1, q1.params(), 2, "critic 1");
        SacFixtures.checkLoss(sac, b, state, MultiTaskSac.Losses::critic2, q2.params(), 3, "critic 2");
    }

    @Test
    void extremeTasksAreMaskedOut() {
        D2rNetConfig net = D2rNetConfig.small(3, 4, 6);
        SacConfig cfg = SacConfig.paper(TASKS, ACT).withBatchPerTask(PER_TASK);
        Rng init = new Rng(4);
        int rows = cfg.batchSize();
        D2rNetwork actor = D2rNetwork.actor(net, OBS, ACT, TASKS, rows, DataType.DOUBLE, init);
        MultiTaskSac sac = new MultiTaskSac(cfg, actor, D2rNetwork.critic(net, OBS, ACT, TASKS, rows, DataType.DOUBLE, init),
                D2rNetwork.critic(net, OBS, ACT, TASKS, rows, DataType.DOUBLE, init), UpdateExtension.NONE, new Rng(5));
        TransitionBatch b = batch(actor, new Rng(9));
        for (int r = 0; r < PER_TASK; r++) b.rewards()[r] = 1e4f;  // task 0: squared TD error ~ (1e3)^2 >> 3e3
        long[] state = sac.rng().state();
        MultiTaskSac.Losses l = sac.gradients(b, UpdateDraws.from(sac.rng()),
                new long[MultiTaskSac.PHASES.length]);
        assertEquals(1, l.masked());
        // a masked task contributes no critic gradient: its rows' share of the output bias gradient is zero
        double before = sac.critic1.params().get("out.b").grad().getDouble(0, 0);
        for (int r = 0; r < PER_TASK; r++) b.rewards()[r] = 1e4f + 1;
        sac.rng().restore(state);
        sac.gradients(b, UpdateDraws.from(sac.rng()), new long[MultiTaskSac.PHASES.length]);
        assertEquals(before, sac.critic1.params().get("out.b").grad().getDouble(0, 0), 1e-12);
    }
}
