package org.d2r.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class MlpActorTest {

    /** The lean forward against the network the learner trains (through {@link BaselineActor}), acting as MT10 producers do. */
    @Test
    void theLeanMlpActorActsAsTheTrainedNetworkDoes() {
        D2rNetConfig net = D2rNetConfig.small(4, 8, 16);
        int tasks = 10;
        for (Method m : new Method[] {Method.MTSAC, Method.MHSAC}) {
            TaskNetwork actor = m.actor(net, 39, 4, tasks, 1, DataType.FLOAT, new Rng(5));
            // the output layer off its +-3e-3 initial range, so means and log-stds matter
            for (Param p : actor.params().list()) if (!p.name().startsWith("hidden")) p.value().muli(200);
            PolicySnapshot snap = PolicySnapshot.fromBytes(PolicySnapshot.of(m, actor, net, new double[tasks], 2).toBytes());
            SnapshotActor lean = SnapshotActor.of(snap);
            assertInstanceOf(MlpActor.class, lean, m.title());
            SnapshotActor reference = new BaselineActor(snap);
            int rows = 10;
            java.util.Random r = new java.util.Random(9);
            float[][] obs = new float[rows][39];
            int[] ids = new int[rows];
            for (int b = 0; b < rows; b++) {
                ids[b] = (b * 3) % tasks;
                for (int i = 0; i < 39; i++) obs[b][i] = (float) r.nextGaussian();
            }
            for (boolean explore : new boolean[] {false, true}) {
                float[][] a = new float[rows][4], ref = new float[rows][4];
                lean.actAll(obs, ids, rows, explore, true, new Rng(4), a, null, 0);
                reference.actAll(obs, ids, rows, explore, true, new Rng(4), ref, null, 0);
                int inside = 0;
                for (int b = 0; b < rows; b++) {
                    for (int k = 0; k < 4; k++) {
                        assertEquals(ref[b][k], a[b][k], 2e-5, m.title() + (explore ? " exploring" : "") + " row " + b);
                        if (Math.abs(a[b][k]) < 0.9) inside++;
                    }
                }
                assertTrue(inside > rows, m.title() + ": most actions off tanh's flat ends, so the comparison bites");
            }
        }
    }

    @Test
    void onlyTheMlpBaselinesHaveThatLayout() {
        D2rNetConfig net = D2rNetConfig.small(4, 8, 16);
        PolicySnapshot softmod = PolicySnapshot.of(Method.SOFTMOD, Method.SOFTMOD.actor(net, 39, 4, 2, 1, DataType.FLOAT, new Rng(1)),
                net, new double[2], 1);
        assertThrows(IllegalArgumentException.class, () -> new MlpActor(softmod));
        assertInstanceOf(BaselineActor.class, SnapshotActor.of(softmod));
    }
}
