package org.d2r.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.d2r.core.baselines.Method;
import org.d2r.core.baselines.Networks;
import org.d2r.core.baselines.TaskEmbeddings;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.model.Routing;
import org.d2r.core.model.SnapshotActor;
import org.d2r.core.model.TanhGaussian;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.SacFixtures;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.core.sac.UpdateStats;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CARE's and PaCo's policy snapshots carry everything acting reads (CARE's embeddings, task encoder, tied
 * experts and actor attention; PaCo's task vectors), so an actor rebuilt from one acts as the learner's
 * actor does; their checkpoints resume the update bit for bit, shared parts and their optimisers included.
 */
class CarePacoSnapshotTest {

    static final int OBS = 6, ACT = 2, TASKS = 3, PER_TASK = 2;
    static final D2rNetConfig NET = D2rNetConfig.small(4, 8, 12);
    static final SacConfig CFG = SacConfig.paper(TASKS, ACT).withBatchPerTask(PER_TASK);

    static Networks networks(Method m, int rows, long seed) {
        Rng r = new Rng(4);
        double[][] e = new double[TASKS][768];
        for (double[] row : e) for (int i = 0; i < row.length; i++) row[i] = r.nextGaussian() * 0.1;
        return Networks.builder(m).net(NET).dims(OBS, ACT).tasks(TASKS).batchSize(rows).dataType(DataType.FLOAT)
                .embeddings(new TaskEmbeddings(TaskEmbeddings.zeros(TASKS, 768).tasks(), e)).build(new Rng(seed));
    }

    static TransitionBatch batch(long seed) {
        return SacFixtures.gaussian(CFG.batchSize(), OBS, ACT, TASKS, 0, new Rng(seed));
    }

    @Test
    void anActorRebuiltFromASnapshotActsAsTheLearnersActor() {
        for (Method m : new Method[] {Method.CARE, Method.PACO}) {
            Networks n = networks(m, CFG.batchSize(), 1);
            MultiTaskSac sac = n.sac(CFG, new Rng(2));
            sac.update(batch(3));
            sac.update(batch(4));
            PolicySnapshot snap = PolicySnapshot.fromBytes(PolicySnapshot.of(m, n.actor(), NET, sac.taskTemperatures(), 2).toBytes());
            assertEquals(m, snap.method());
            assertEquals(n.actor().weights().size(), snap.tensors().size(), m + ": every tensor the actor reads");
            if (m == Method.CARE) {
                for (String name : new String[] {"task.embedding", "task.0.W", "expert.0.0.W", "actorAttention.0.W", "actor.0.W"}) snap.tensor(name);
            } else {
                assertArrayEquals(n.actor().weights().get(0).value().dup().data().asFloat(), snap.tensor("w").values());
            }
            int rows = 5;
            float[][] obs = new float[rows][OBS];
            int[] tasks = {0, 2, 1, 1, 0};
            Rng data = new Rng(8);
            INDArray x = Nd4j.zeros(DataType.FLOAT, rows, OBS);
            for (int r = 0; r < rows; r++) for (int i = 0; i < OBS; i++) x.putScalar(r, i, obs[r][i] = (float) data.nextGaussian());
            INDArray out = n.actor().withBatchSize(rows).forward(x, tasks, Routing.topK()).dup();
            for (boolean explore : new boolean[] {false, true}) {
                SnapshotActor actor = SnapshotActor.of(snap);
                assertEquals(0, actor.routingModules());
                float[][] acts = new float[rows][ACT];
                actor.actAll(obs, tasks, rows, explore, true, new Rng(6), acts, null, 0);
                TanhGaussian head = new TanhGaussian(rows, ACT);
                if (explore) head.sample(out, new Rng(6));
                else head.mode(out);
                for (int r = 0; r < rows; r++) {
                    for (int k = 0; k < ACT; k++) assertEquals(head.actions()[r * ACT + k], acts[r][k], 1e-5, m + " row " + r + (explore ? " exploring" : ""));
                }
                // one row at a time: the same actions
                SnapshotActor single = SnapshotActor.of(snap);
                Rng rs = new Rng(6);
                float[] a = new float[ACT];
                for (int r = 0; r < rows; r++) {
                    single.act(obs[r], tasks[r], explore, true, rs, a, null, 0);
                    assertArrayEquals(acts[r], a, 1e-6f, m + " row " + r + " alone");
                }
            }
        }
    }

    @Test
    void checkpointsResumeTheUpdateBitForBit() throws Exception {
        for (Method m : new Method[] {Method.CARE, Method.PACO}) {
            MultiTaskSac a = networks(m, CFG.batchSize(), 1).sac(CFG, new Rng(2));
            a.update(batch(3));
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            Checkpoint.write(a, Map.of(), bo);
            MultiTaskSac b = networks(m, CFG.batchSize(), 99).sac(CFG, new Rng(98));
            Checkpoint.restore(b, new ByteArrayInputStream(bo.toByteArray()));
            ParamSet[] sa = a.parameterSets(), sb = b.parameterSets();
            assertEquals(sa.length, sb.length);
            assertTrue(sa.length > 6, m + ": the shared parts are in the checkpoint");
            for (int step = 0; step < 2; step++) {
                UpdateStats x = a.update(batch(10 + step)), y = b.update(batch(10 + step));
                assertEquals(x.criticLoss1(), y.criticLoss1(), 0.0, m + " step " + step);
                assertEquals(x.policyLoss(), y.policyLoss(), 0.0, m + " step " + step);
            }
            for (int i = 0; i < sa.length; i++) {
                for (int p = 0; p < sa[i].list().size(); p++) {
                    Param pa = sa[i].list().get(p), pb = sb[i].list().get(p);
                    assertArrayEquals(pa.value().dup().data().asFloat(), pb.value().dup().data().asFloat(), m + " " + pa.name());
                }
            }
            // a checkpoint of the other method is refused
            MultiTaskSac other = networks(m == Method.CARE ? Method.PACO : Method.CARE, CFG.batchSize(), 1).sac(CFG, new Rng(2));
            assertThrows(IllegalArgumentException.class, () -> Checkpoint.restore(other, new ByteArrayInputStream(bo.toByteArray())));
        }
    }
}
