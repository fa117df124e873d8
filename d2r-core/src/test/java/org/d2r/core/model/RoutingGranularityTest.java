package org.d2r.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingGranularity;
import org.d2r.core.routing.RoutingPaths;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer-level and model-level routing of Fig. 7(d): restrictions of D2R's DAG whose routers can
 * never choose a forbidden source (TopK, SampleK, stored paths, acting), with gradients that match
 * finite differences and ResRouting's threshold over the allowed sources.
 */
class RoutingGranularityTest {
    static final RoutingGranularity[] RESTRICTED = {RoutingGranularity.LAYER, RoutingGranularity.MODEL};

    @Test
    void layoutsAreTheDocumentedRestrictionsOfD2rsDag() {
        int[][] layer = RoutingGranularity.LAYER.sources(16);
        // modules 2-4 (routers 1-3) form the first layer with module 1: no sources, they read b
        for (int r = 1; r <= 3; r++) assertEquals(0, layer[r - 1].length, "router " + r);
        assertArrayEquals(new int[] {0, 1, 2, 3}, layer[4 - 1], "module 5 routes over layer 1");
        assertArrayEquals(new int[] {0, 1, 2, 3}, layer[7 - 1], "module 8 routes over layer 1");
        assertArrayEquals(new int[] {4, 5, 6, 7}, layer[8 - 1], "module 9 routes over layer 2");
        assertArrayEquals(new int[] {8, 9, 10, 11}, layer[15 - 1], "module 16 routes over layer 3");
        assertArrayEquals(new int[] {12, 13, 14, 15}, layer[16 - 1], "the output routes over layer 4");

        int[][] model = RoutingGranularity.MODEL.sources(16);
        for (int r : new int[] {4, 8, 12}) assertEquals(0, model[r - 1].length, "module " + (r + 1) + " starts a network");
        for (int r : new int[] {1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15}) {
            assertArrayEquals(new int[] {r - 1}, model[r - 1], "module " + (r + 1) + " reads the one before it");
        }
        assertArrayEquals(new int[] {3, 7, 11, 15}, model[16 - 1], "the output routes over the networks' last modules");

        for (RoutingGranularity g : RoutingGranularity.values()) {
            int[][] s = g.sources(16);
            assertTrue(s[15].length >= 1, g + ": the output router needs a source");
            for (int r = 1; r <= 16; r++) for (int j : s[r - 1]) assertTrue(j >= 0 && j < r, g + ": router " + r + " source " + j);
        }
        assertEquals(16, RoutingGranularity.MODULE.sources(16)[15].length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> D2rNetConfig.paper().withModules(8)
                .withGranularity(RoutingGranularity.LAYER));
        assertTrue(e.getMessage().contains("square"), e.getMessage());
    }

    @Test
    void ablationsNameTheGranularities() {
        LearnerConfig layer = LearnerConfig.preset("mt10-rand").withAblation("layer-level");
        assertEquals(RoutingGranularity.LAYER, layer.net().granularity());
        assertEquals(16, layer.net().modules());
        assertEquals(RoutingGranularity.MODEL, LearnerConfig.preset("smoke").withAblation("model-level").net().granularity());
        assertTrue(LearnerConfig.ABLATIONS.contains("layer-level") && LearnerConfig.ABLATIONS.contains("model-level"));
        assertThrows(IllegalArgumentException.class, () -> LearnerConfig.preset("mt10-rand").withAblation("layer-level")
                .withAblation("modules=8"));
        // the other parts of D2R stay on: top-2, ResRouting
        assertEquals(2, layer.net().topK());
        assertEquals(org.d2r.core.config.ResRouting.RELEASE, layer.net().resRouting());
    }

    @Test
    void parameterCountsFollowTheRestrictedRouters() {
        // D2R's 684,240 with fewer logits (52 / 16 instead of 136, 257 parameters each) and three more
        // modules reading the 400-wide b instead of a 128-wide module output
        long moreInputs = 3L * (400 - 128) * 128;
        long layerActor = 684_240 + moreInputs - 257L * (136 - 52);
        long modelActor = 684_240 + moreInputs - 257L * (136 - 16);
        assertEquals(767_100, layerActor);
        assertEquals(757_848, modelActor);
        D2rNetConfig paper = D2rNetConfig.paper();
        assertEquals(layerActor, D2rNetwork.actor(paper.withGranularity(RoutingGranularity.LAYER), 39, 4, 10, 1, DataType.FLOAT,
                new Rng(1)).params().count());
        assertEquals(modelActor, D2rNetwork.actor(paper.withGranularity(RoutingGranularity.MODEL), 39, 4, 10, 1, DataType.FLOAT,
                new Rng(1)).params().count());
        assertEquals(layerActor + 697, D2rNetwork.critic(paper.withGranularity(RoutingGranularity.LAYER), 39, 4, 10, 1,
                DataType.FLOAT, new Rng(1)).params().count());
    }

    /** A network whose logits spread over both signs, so that a router over all of z would pick forbidden sources. */
    static D2rNetwork spreadActor(D2rNetConfig cfg, int rows, DataType dtype, long seed) {
        D2rNetwork a = D2rNetwork.actor(cfg, 6, 2, 3, rows, dtype, new Rng(seed));
        a.params().get("router.logits.W").value().muli(20);
        a.params().get("router.logits.b").value().assign(0);
        a.params().get("out.W").value().muli(300);
        return a;
    }

    static INDArray inputs(int rows, DataType dtype, long seed) {
        INDArray x = Nd4j.zeros(dtype, rows, 6);
        Rng r = new Rng(seed);
        for (int i = 0; i < x.length(); i++) x.data().put(i, r.nextGaussian() * 2);
        return x;
    }

    /** Asserts every selected source of every row is allowed and each router selected min(k, allowed). */
    static void assertRespects(RoutingPaths paths, int rows, D2rNetConfig cfg, boolean[][] chosen, String what) {
        int n = cfg.modules();
        int[][] allowed = cfg.granularity().sources(n);
        for (int b = 0; b < rows; b++) {
            for (int r = 1; r <= n; r++) {
                int count = 0;
                for (int j = 0; j < r; j++) {
                    if (!paths.get(b, RoutingPaths.routerOffset(r) + j)) continue;
                    count++;
                    boolean ok = false;
                    for (int a : allowed[r - 1]) ok |= a == j;
                    assertTrue(ok, what + ": row " + b + " router " + r + " chose forbidden module " + (j + 1));
                    chosen[r - 1][j] = true;
                }
                assertEquals(Math.min(cfg.topK(), allowed[r - 1].length), count, what + ": row " + b + " router " + r);
            }
        }
    }

    @Test
    void restrictedRoutersNeverChooseAForbiddenSource() {
        int rows = 64;
        for (RoutingGranularity g : RESTRICTED) {
            for (D2rNetConfig cfg : new D2rNetConfig[] {D2rNetConfig.small(16, 8, 12).withGranularity(g),
                    D2rNetConfig.small(9, 8, 12).withGranularity(g).hard(), D2rNetConfig.small(16, 8, 12).withGranularity(g).withTopK(3)}) {
                D2rNetwork net = spreadActor(cfg, rows, DataType.FLOAT, 3);
                int n = cfg.modules();
                int[] tasks = new int[rows];
                for (int b = 0; b < rows; b++) tasks[b] = b % 3;
                boolean[][] chosen = new boolean[n][n];
                net.forward(inputs(rows, DataType.FLOAT, 5), tasks, Routing.topK());
                assertRespects(net.lastPaths(), rows, cfg, chosen, g + " TopK " + cfg.topK());
                Rng rng = new Rng(9);
                for (int pass = 0; pass < 20; pass++) {
                    net.forward(inputs(rows, DataType.FLOAT, 100 + pass), tasks, Routing.sampleK(new double[] {0.5, 2, 8}, rng, pass % 2 == 0));
                    assertRespects(net.lastPaths(), rows, cfg, chosen, g + " SampleK " + cfg.topK() + " pass " + pass);
                }
                // the draws do reach every allowed source of the routers that have a choice
                int[][] allowed = g.sources(n);
                for (int r = 1; r <= n; r++) {
                    if (allowed[r - 1].length <= cfg.topK()) continue;
                    for (int j : allowed[r - 1]) assertTrue(chosen[r - 1][j], g + ": router " + r + " never chose module " + (j + 1));
                }
            }
        }
    }

    @Test
    void storedPathsWithAForbiddenSourceAreRefused() {
        for (RoutingGranularity g : RESTRICTED) {
            D2rNetConfig cfg = D2rNetConfig.small(16, 8, 12).withGranularity(g);
            D2rNetwork net = spreadActor(cfg, 1, DataType.FLOAT, 4);
            INDArray x = inputs(1, DataType.FLOAT, 6);
            net.forward(x, new int[] {1}, Routing.topK());
            RoutingPaths good = D2rNetworkTest.copy(net.lastPaths());
            net.forward(x, new int[] {1}, Routing.stored(good));
            // the output router swaps one chosen network/layer module for a forbidden one (module 1 is never an output source)
            RoutingPaths swapped = D2rNetworkTest.copy(good);
            int out = RoutingPaths.routerOffset(16);
            int dropped = -1;
            for (int j = 0; j < 16 && dropped < 0; j++) if (swapped.get(0, out + j)) dropped = j;
            swapped.set(0, out + dropped, false);
            swapped.set(0, out, true);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(x, new int[] {1}, Routing.stored(swapped)));
            assertTrue(e.getMessage().contains("forbids") && e.getMessage().contains("router 16"), e.getMessage());
            // any bit on the router of a module that reads b (router 4 feeds module 5)
            RoutingPaths extra = D2rNetworkTest.copy(good);
            int feedsFirstLayerOrNetworkStart = g == RoutingGranularity.LAYER ? 1 : 4;
            extra.set(0, RoutingPaths.routerOffset(feedsFirstLayerOrNetworkStart), true);
            assertThrows(IllegalArgumentException.class, () -> net.forward(x, new int[] {1}, Routing.stored(extra)));
            // D2R's own paths do not fit: a module-level network's TopK path is refused
            D2rNetwork d2r = spreadActor(D2rNetConfig.small(16, 8, 12), 1, DataType.FLOAT, 4);
            d2r.forward(x, new int[] {1}, Routing.topK());
            RoutingPaths fromD2r = D2rNetworkTest.copy(d2r.lastPaths());
            assertThrows(IllegalArgumentException.class, () -> net.forward(x, new int[] {1}, Routing.stored(fromD2r)));
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (RoutingGranularity g : RESTRICTED) {
            for (D2rNetConfig cfg : new D2rNetConfig[] {D2rNetConfig.small(4, 6, 8).withGranularity(g),
                    D2rNetConfig.small(9, 6, 8).withGranularity(g), D2rNetConfig.small(9, 6, 8).withGranularity(g).hard(),
                    D2rNetConfig.small(9, 6, 8).withGranularity(g).soft()}) {
                D2rNetwork net = D2rNetworkTest.checkCriticGradients(cfg);
                // every module that reads b gets its gradient: the first of each network or layer
                int side = (int) Math.round(Math.sqrt(cfg.modules()));
                for (int i = 0; i < cfg.modules(); i += g == RoutingGranularity.LAYER ? 1 : side) {
                    if (g == RoutingGranularity.LAYER && i >= side) break;
                    assertEquals(8, net.params().get("module." + (i + 1) + ".W").value().rows(), cfg + ": module " + (i + 1) + " reads b");
                }
            }
        }
    }

    /**
     * ResRouting's threshold is 1/(L+1) over a router's L allowed sources. Model-level, 4 modules: the
     * output router chooses between networks {1, 2} and {3, 4}, i.e. modules 2 and 4, with softmax
     * shares 0.3 and 0.7. Module 2 is unsuitable (0.3 below 1/3; it would be suitable under D2R's 1/5 for
     * a router over 4 modules): its weights get no gradient, its shortcut (module 1) still does.
     */
    @Test
    void resRoutingThresholdCountsAllowedSources() {
        D2rNetConfig cfg = D2rNetConfig.small(4, 5, 6).withGranularity(RoutingGranularity.MODEL);
        D2rNetwork a = D2rNetwork.actor(cfg, 4, 2, 2, 1, DataType.DOUBLE, new Rng(11));
        Param logitsW = a.params().get("router.logits.W");
        assertEquals(4, logitsW.value().columns(), "one logit for module 2's and module 4's routers, two for the output");
        logitsW.value().assign(0);
        a.params().get("router.logits.b").value().assign(Nd4j.createFromArray(new double[][] {{0, 0, 0, Math.log(0.7 / 0.3)}}));
        INDArray x = Nd4j.createFromArray(new double[][] {{0.3, -0.7, 0.5, 0.9}});
        int[] task = {1};
        INDArray gOut = Nd4j.createFromArray(new double[][] {{0.7, -1.1, 0.4, 0.9}});
        a.forward(x, task, Routing.topKTraining());
        assertEquals(0.3, a.router.soft[RoutingPaths.routerOffset(4) + 1], 1e-12);
        assertEquals(0, a.router.soft[RoutingPaths.routerOffset(4)], 0.0, "a forbidden source has no share");
        a.params().zeroGrad();
        a.backward(gOut, true, false);
        assertEquals(0, a.params().get("module.2.W").grad().norm2Number().doubleValue(), 0.0);
        assertTrue(a.params().get("module.1.W").grad().norm2Number().doubleValue() > 0, "module 2's shortcut reaches module 1");
        assertTrue(a.params().get("module.4.W").grad().norm2Number().doubleValue() > 0, "module 4 is suitable");
        a.forward(x, task, Routing.topK());
        a.params().zeroGrad();
        a.backward(gOut, true, false);
        assertTrue(a.params().get("module.2.W").grad().norm2Number().doubleValue() > 0, "outside training, full gradient");
    }

    @Test
    void actingFollowsTheRestrictedNetwork() {
        for (RoutingGranularity g : RESTRICTED) {
            for (D2rNetConfig cfg : new D2rNetConfig[] {D2rNetConfig.small(16, 8, 12).withGranularity(g),
                    D2rNetConfig.small(9, 8, 12).withGranularity(g).hard()}) {
                int rows = 24, n = cfg.modules();
                D2rNetwork net = spreadActor(cfg, rows, DataType.FLOAT, 7);
                PolicySnapshot snap = PolicySnapshot.fromBytes(PolicySnapshot.of(net, new double[] {1, 2, 4}, 1).toBytes());
                assertEquals(g, snap.net().granularity(), "the snapshot carries the granularity");
                PolicyActor lean = new PolicyActor(snap);
                INDArray x = inputs(rows, DataType.FLOAT, 8);
                int[] tasks = new int[rows];
                for (int b = 0; b < rows; b++) tasks[b] = (b * 5) % 3;
                INDArray out = net.forward(x, tasks, Routing.topK()).dup();
                float[][] obs = new float[rows][];
                for (int b = 0; b < rows; b++) obs[b] = x.getRow(b).toFloatVector();
                float[][] act = new float[rows][2];
                RoutingPaths paths = new RoutingPaths(n, rows);
                lean.actAll(obs, tasks, rows, false, true, null, act, paths, 0);
                for (int b = 0; b < rows; b++) {
                    for (int k = 0; k < 2; k++) assertEquals(Math.tanh(out.getDouble(b, k)), act[b][k], 1e-5, cfg + " row " + b);
                    for (int bit = 0; bit < RoutingPaths.bitCount(paths.modules()); bit++) assertEquals(net.lastPaths().get(b, bit), paths.get(b, bit), cfg + " bit " + bit);
                }
                boolean[][] chosen = new boolean[n][n];
                Rng rng = new Rng(2);
                for (int pass = 0; pass < 20; pass++) {
                    lean.actAll(obs, tasks, rows, true, true, rng, act, paths, 0);
                    assertRespects(paths, rows, cfg, chosen, g + " acting with SampleK");
                }
                // dynamic depth: a model-level action computes the networks chosen by the output router
                // and nothing else (k networks of sqrt(n) modules)
                if (g == RoutingGranularity.MODEL) {
                    int side = (int) Math.round(Math.sqrt(n));
                    assertEquals(Math.min(cfg.topK(), side) * side, lean.meanModulesComputed(), 1e-12, cfg.toString());
                }
            }
        }
    }
}
