package org.d2r.core.sac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.d2r.core.baselines.CareConfig;
import org.d2r.core.baselines.Method;
import org.d2r.core.baselines.Networks;
import org.d2r.core.baselines.PacoConfig;
import org.d2r.core.baselines.TaskEmbeddings;
import org.d2r.core.config.SacConfig;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * CARE and PaCo through the real update (MultiTaskSac with their UpdateExtension), in double precision:
 * finite differences of the losses the update differentiates, the encoders learning from the critic loss
 * only (bit for bit), the encoder target's rate, and PaCo's reset of a masked task's vector.
 */
class SharedPartsUpdateTest {

    static final int TASKS = 3, PER_TASK = 3, OBS = 4, ACT = 2;

    static Networks care(long seed) {
        Rng r = new Rng(3);
        double[][] e = new double[TASKS][6];
        for (double[] row : e) for (int i = 0; i < 6; i++) row[i] = r.nextGaussian();
        TaskEmbeddings emb = new TaskEmbeddings(TaskEmbeddings.zeros(TASKS, 6).tasks(), e);
        return Networks.builder(Method.CARE).dims(OBS, ACT).tasks(TASKS).batchSize(TASKS * PER_TASK).dataType(DataType.DOUBLE)
                .care(new CareConfig(6, 4, 1, 4, 3, 4, 1, 1.0, new int[] {7, 5}, 0.05, 3e-4)).embeddings(emb).build(new Rng(seed));
    }

    static Networks paco(long seed) {
        return Networks.builder(Method.PACO).dims(OBS, ACT).tasks(TASKS).batchSize(TASKS * PER_TASK).dataType(DataType.DOUBLE)
                .paco(new PacoConfig(3, new int[] {7, 5}, 0.3, 3e-4)).build(new Rng(seed));
    }

    static TransitionBatch batch(long seed) {
        return SacFixtures.uniform(TASKS, PER_TASK, OBS, ACT, 0, new Rng(seed));
    }

    /** Moves zero biases off ReLU kinks (a row whose hidden layer is all dead sits on the next one's). */
    static void jitterBiases(ParamSet... sets) {
        Rng j = new Rng(77);
        for (ParamSet s : sets) {
            for (Param p : s.list()) {
                if (!p.name().endsWith(".b")) continue;
                Buf b = Buf.of(p.value());
                for (int i = 0; i < b.length(); i++) b.set(i, 0.1 * j.nextGaussian());
            }
        }
    }

    static ParamSet part(Networks n, String name) {
        return n.extension().parts().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().params();
    }

    static double[] values(ParamSet s) {
        return s.list().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.value().dup().data().asDouble())).toArray();
    }

    static double[] grads(ParamSet s) {
        return s.list().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.grad().dup().data().asDouble())).toArray();
    }

    private static void checkLosses(Networks n, SacConfig cfg, boolean care) {
        MultiTaskSac sac = n.sac(cfg, new Rng(5));
        List<ParamSet> shared = n.extension().parts().stream().map(UpdateExtension.Part::params).toList();
        jitterBiases(n.actor().params(), n.critic1().params(), n.critic2().params());
        for (ParamSet s : shared) jitterBiases(s);
        TransitionBatch b = batch(9);
        long[] state = sac.rng().state();
        MultiTaskSac.Losses l = sac.gradients(b, UpdateDraws.from(sac.rng()),
                new long[MultiTaskSac.PHASES.length]);
        assertEquals(TASKS, l.kept());
        SacFixtures.checkLoss(sac, b, state, MultiTaskSac.Losses::policy, n.actor().params(), 1, "actor");
        SacFixtures.checkLoss(sac, b, state, MultiTaskSac.Losses::critic1, n.critic1().params(), 2, "critic 1");
        if (!care) return;
        // the encoder and task encoder: the critic losses' gradient, and only theirs (the TD target does not
        // see them at discount 0, so the sum of the two critic losses is their whole objective)
        for (ParamSet s : shared) {
            SacFixtures.checkLoss(sac, b, state, x -> x.critic1() + x.critic2(), s, 3, "shared part");
            assertTrue(s.gradNorm() > 0);
        }
    }

    @Test
    void careLossGradientsMatchFiniteDifferences() {
        checkLosses(care(11), SacConfig.paper(TASKS, ACT).toBuilder().batchPerTask(PER_TASK).discount(0).build(), true);
    }

    @Test
    void pacoLossGradientsMatchFiniteDifferences() {
        checkLosses(paco(11), SacConfig.paper(TASKS, ACT).withBatchPerTask(PER_TASK), false);
    }

    /**
     * Two learners that differ only in the actor's weights: at discount 0 nothing of the critic loss sees
     * the actor, so if the actor update reached the encoders their gradients or steps would differ. They
     * are identical bit for bit; the actor attention never moves; the encoder target moves at 0.05.
     */
    @Test
    void careActorUpdateLeavesTheEncodersExactlyUntouched() {
        SacConfig cfg = SacConfig.paper(TASKS, ACT).toBuilder().batchPerTask(PER_TASK).discount(0).build();
        Networks a = care(11), b = care(11);
        b.actor().params().list().forEach(p -> p.value().muli(1.5));
        MultiTaskSac sa = a.sac(cfg, new Rng(5)), sb = b.sac(cfg, new Rng(5));
        TransitionBatch batch = batch(9);
        long[] ns = new long[MultiTaskSac.PHASES.length];
        sa.gradients(batch, UpdateDraws.from(sa.rng()), ns);
        sb.gradients(batch, UpdateDraws.from(sb.rng()), ns);
        assertNotEquals(a.actor().params().gradNorm(), b.actor().params().gradNorm());
        for (String part : new String[] {"care.encoder", "care.taskEncoder"}) {
            assertArrayEquals(grads(part(a, part)), grads(part(b, part)), part + " gradient");
            assertTrue(part(a, part).gradNorm() > 0, part + " learns from the critics");
        }

        Networks c = care(11), d = care(11);
        d.actor().params().list().forEach(p -> p.value().muli(1.5));
        MultiTaskSac sc = c.sac(cfg, new Rng(5)), sd = d.sac(cfg, new Rng(5));
        ParamSet actorAttention = c.extension().fixed().get(0);
        double[] attentionBefore = values(actorAttention);
        double[] encoderBefore = values(part(c, "care.encoder"));
        double[] targetBefore = values(c.extension().parts().get(0).target());
        double[] qTargetBefore = values(sc.target1.params());
        assertArrayEquals(encoderBefore, targetBefore);
        sc.update(batch);
        sd.update(batch);
        for (String part : new String[] {"care.encoder", "care.taskEncoder"}) {
            assertArrayEquals(values(part(c, part)), values(part(d, part)), part + " after the update");
        }
        assertArrayEquals(attentionBefore, values(actorAttention), "the actor attention is never optimised");
        double[] encoderAfter = values(part(c, "care.encoder"));
        double[] targetAfter = values(c.extension().parts().get(0).target());
        assertNotEquals(encoderBefore[0], encoderAfter[0]);
        for (int i = 0; i < targetAfter.length; i++) {
            assertEquals(0.95 * targetBefore[i] + 0.05 * encoderAfter[i], targetAfter[i], 1e-15);
        }
        // the critics' own layers' targets move at the update's 0.005
        double[] q = values(sc.critic1.params()), qt = values(sc.target1.params());
        for (int i = 0; i < q.length; i++) assertEquals(0.995 * qTargetBefore[i] + 0.005 * q[i], qt[i], 1e-15);
    }

    @Test
    void pacoResetsAMaskedTasksVectorInsideTheNormalTasksHull() {
        SacConfig cfg = SacConfig.paper(TASKS, ACT).withBatchPerTask(PER_TASK);
        Networks n = paco(11);
        MultiTaskSac sac = n.sac(cfg, new Rng(5));
        Param w = part(n, "paco.w").list().get(0);
        // the actor, both critics and both target critics read one w
        for (var net : List.of(n.actor(), n.critic1(), n.critic2(), sac.target1, sac.target2)) {
            assertSame(w.value(), net.weights().get(0).value());
        }
        TransitionBatch b = batch(9);
        for (int r = 0; r < PER_TASK; r++) b.rewards()[r] = 1e5f;  // task 0's TD error is far past 3e3
        UpdateStats s = sac.update(b);
        assertEquals(1, s.maskedTasks());
        // after the step, w_0 = r w_1 + (1 - r) w_2 with r in [0, 1], the same r in every row of w
        double r = Double.NaN;
        for (int k = 0; k < 3; k++) {
            double w0 = w.value().getDouble(k, 0), w1 = w.value().getDouble(k, 1), w2 = w.value().getDouble(k, 2);
            double rk = (w0 - w2) / (w1 - w2);
            if (Double.isNaN(r)) r = rk;
            assertEquals(r, rk, 1e-9, "row " + k);
        }
        assertTrue(r >= 0 && r <= 1, "r = " + r);
    }

    /** Handed to the update without their extension (e.g. built one by one with Method.critic), they are refused. */
    @Test
    void careAndPacoWithoutTheirExtensionAreRefusedWithHowToBuildThem() {
        SacConfig cfg = SacConfig.paper(TASKS, ACT).withBatchPerTask(PER_TASK);
        for (Networks n : List.of(care(1), paco(1))) {
            UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                    () -> new MultiTaskSac(cfg, n.actor(), n.critic1(), n.critic2(), UpdateExtension.NONE, new Rng(1)));
            assertTrue(e.getMessage().contains("Networks.builder") && e.getMessage().contains("Networks.sac"), e.getMessage());
        }
    }
}
