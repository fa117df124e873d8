package org.d2r.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Dynamic depth when acting: {@link PolicyActor} computes only the modules its output depends on,
 * and must act exactly as the full computation ({@link FullDepthActor}, every module for every row):
 * the same actions, routing paths and random draws, bit for bit.
 */
class PolicyActorTest {
    static final int OBS = 39, ACT = 4, TASKS = 10;

    /** A snapshot of a randomly initialised actor whose actions vary between rows. */
    static PolicySnapshot snapshot(D2rNetConfig cfg, long seed) {
        D2rNetwork a = D2rNetwork.actor(cfg, OBS, ACT, TASKS, 1, DataType.FLOAT, new Rng(seed));
        // the output layer's initial scale (3e-3) would put every action near 0
        a.params().get("out.W").value().muli(300);
        double[] tau = new double[TASKS];
        for (int t = 0; t < TASKS; t++) tau[t] = 0.5 + 0.1 * t;
        return PolicySnapshot.fromBytes(PolicySnapshot.of(a, tau, 1).toBytes());
    }

    static float[][] observations(int rows, long seed) {
        Rng r = new Rng(seed);
        float[][] obs = new float[rows][OBS];
        for (float[] o : obs) for (int i = 0; i < OBS; i++) o[i] = (float) (r.nextGaussian() * 1.5);
        return obs;
    }

    @Test
    void skippingUnusedModulesGivesTheFullComputationsActionsBitForBit() {
        D2rNetConfig paper = D2rNetConfig.paper();
        D2rNetConfig[] configs = {paper, paper.hard(), paper.soft(), paper.withTopK(3), paper.withStateInRouting(false),
                D2rNetConfig.small(5, 16, 24)};
        int batches = 30, lockstep = TASKS;
        for (D2rNetConfig cfg : configs) {
            PolicySnapshot snap = snapshot(cfg, 4);
            int n = cfg.modules();
            for (boolean explore : new boolean[] {true, false}) {
                String what = "modules " + n + " top-" + cfg.topK() + (cfg.rescale() ? "" : " hard") + (explore ? " SampleK" : " TopK");
                PolicyActor dynamic = new PolicyActor(snap);
                FullDepthActor full = new FullDepthActor(snap);
                Rng rd = new Rng(17), rf = new Rng(17);
                int rows = batches * lockstep;
                float[][] obs = observations(rows, 23);
                int[] tasks = new int[rows];
                for (int b = 0; b < rows; b++) tasks[b] = (b * 7 + b / lockstep) % TASKS;
                float[][] ad = new float[rows][ACT], af = new float[rows][ACT];
                RoutingPaths pd = new RoutingPaths(n, rows), pf = new RoutingPaths(n, rows);
                for (int c = 0; c < batches; c++) {
                    // lockstep calls (the producers) and single rows (the evaluator) alternate
                    int from = c * lockstep;
                    if (c % 2 == 0) {
                        float[][] o = java.util.Arrays.copyOfRange(obs, from, from + lockstep);
                        int[] t = java.util.Arrays.copyOfRange(tasks, from, from + lockstep);
                        float[][] a1 = new float[lockstep][ACT], a2 = new float[lockstep][ACT];
                        dynamic.actAll(o, t, lockstep, explore, true, rd, a1, pd, from);
                        full.actAll(o, t, lockstep, explore, true, rf, a2, pf, from);
                        for (int b = 0; b < lockstep; b++) {
                            ad[from + b] = a1[b];
                            af[from + b] = a2[b];
                        }
                    } else {
                        for (int b = from; b < from + lockstep; b++) {
                            dynamic.act(obs[b], tasks[b], explore, true, rd, ad[b], pd, b);
                            full.act(obs[b], tasks[b], explore, true, rf, af[b], pf, b);
                        }
                    }
                }
                long[] expected = new long[TASKS];
                long[] count = new long[TASKS];
                for (int b = 0; b < rows; b++) {
                    assertArrayEquals(af[b], ad[b], what + ": action of row " + b);
                    for (int bit = 0; bit < RoutingPaths.bitCount(pf.modules()); bit++) assertEquals(pf.get(b, bit), pd.get(b, bit), what + ": path bit " + bit);
                    expected[tasks[b]] += dependedOn(pf, b);
                    count[tasks[b]]++;
                }
                assertArrayEquals(rf.state(), rd.state(), what + ": the same random draws");
                double all = 0;
                for (int t = 0; t < TASKS; t++) {
                    assertEquals((double) expected[t] / count[t], dynamic.meanModulesComputed(t), 1e-12, what + ": modules of task " + t);
                    all += expected[t];
                }
                assertEquals(all / rows, dynamic.meanModulesComputed(), 1e-12, what);
                if (cfg.topK() < n && n == 16) {
                    assertTrue(dynamic.meanModulesComputed() < n - 1, what + ": top-k routing must leave modules out, computed "
                            + dynamic.meanModulesComputed());
                } else if (cfg.topK() >= n) {
                    assertEquals(n, dynamic.meanModulesComputed(), 0.0, what + ": soft routing needs every module");
                }
            }
        }
    }

    /** How many modules the output of row b depends on, from its routing path alone. */
    static int dependedOn(RoutingPaths paths, int b) {
        int n = paths.modules();
        boolean[] need = new boolean[n];
        for (int j = 0; j < n; j++) need[j] = paths.get(b, RoutingPaths.routerOffset(n) + j);
        for (int i = n - 1; i >= 1; i--) {
            if (!need[i]) continue;
            for (int j = 0; j < i; j++) need[j] |= paths.get(b, RoutingPaths.routerOffset(i) + j);
        }
        int c = 0;
        for (boolean u : need) if (u) c++;
        return c;
    }
}
