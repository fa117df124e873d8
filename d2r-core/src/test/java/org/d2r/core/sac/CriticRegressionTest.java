package org.d2r.core.sac;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.model.Routing;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Learning-diagnostics check: on a fixed batch of terminal transitions the TD target is exactly
 * rewardScale * r, so repeated updates must bring both critics to it. Catches a reward scale
 * applied twice or not at all, a terminal flag that still bootstraps, and a critic step that goes
 * the wrong way (the finite-difference test only checks gradients against the coded loss).
 */
class CriticRegressionTest {

    @Test
    void criticsConvergeToScaledRewardOnTerminalBatch() {
        int tasks = MultiTaskSacGradientTest.TASKS, obs = MultiTaskSacGradientTest.OBS, act = MultiTaskSacGradientTest.ACT;
        D2rNetConfig net = D2rNetConfig.small(4, 6, 8);
        SacConfig cfg = SacConfig.paper(tasks, act).withBatchPerTask(MultiTaskSacGradientTest.PER_TASK);
        Rng init = new Rng(3);
        int rows = cfg.batchSize();
        D2rNetwork actor = D2rNetwork.actor(net, obs, act, tasks, rows, DataType.DOUBLE, init);
        D2rNetwork q1 = D2rNetwork.critic(net, obs, act, tasks, rows, DataType.DOUBLE, init);
        D2rNetwork q2 = D2rNetwork.critic(net, obs, act, tasks, rows, DataType.DOUBLE, init);
        MultiTaskSac sac = new MultiTaskSac(cfg, actor, q1, q2, UpdateExtension.NONE, new Rng(4));
        TransitionBatch b = MultiTaskSacGradientTest.batch(actor, new Rng(9));
        java.util.Arrays.fill(b.terminal(), true);
        double before = error(sac, b, cfg, obs, act);
        for (int i = 0; i < 1500; i++) sac.update(b);
        double after = error(sac, b, cfg, obs, act);
        assertTrue(before > 0.2, "targets should start far from the untrained critic: " + before);
        assertTrue(after < 0.05, "mean |Q - 0.1 r| went from " + before + " to " + after);
    }

    /** Mean over rows and both critics of |Q_i(s, a) - rewardScale r| with TopK routing. */
    private static double error(MultiTaskSac sac, TransitionBatch b, SacConfig cfg, int obs, int act) {
        int rows = b.rows();
        var x = Nd4j.zeros(DataType.DOUBLE, rows, obs + act);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < obs; k++) x.putScalar(r, k, b.obs()[r * obs + k]);
            for (int k = 0; k < act; k++) x.putScalar(r, obs + k, b.actions()[r * act + k]);
        }
        double e = 0;
        for (var q : new org.d2r.core.model.TaskNetwork[] {sac.critic1, sac.critic2}) {
            Buf out = Buf.of(q.forward(x, b.taskIds(), Routing.topK()));
            for (int r = 0; r < rows; r++) e += Math.abs(out.get(r) - cfg.rewardScale() * b.rewards()[r]);
        }
        return e / (2 * rows);
    }
}
