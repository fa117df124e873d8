package org.d2r.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.nn.GradCheck;
import org.d2r.core.nn.Ops;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class D2rNetworkTest {

    @Test
    void paperSizesGiveThePublishedParameterCounts() {
        D2rNetConfig cfg = D2rNetConfig.paper();
        assertEquals(684_240, D2rNetwork.actor(cfg, 39, 4, 10, 1, DataType.FLOAT, new Rng(1)).params().count());
        // The release builds its critics on [s, a] = 43 inputs: 43*400+400 in the first state layer.
        assertEquals(684_937, D2rNetwork.critic(cfg, 39, 4, 10, 1, DataType.FLOAT, new Rng(1)).params().count());
    }

    @Test
    void gradientsOfTheWholeNetworkMatchFiniteDifferences() {
        for (D2rNetConfig cfg : new D2rNetConfig[] {D2rNetConfig.small(5, 6, 8), D2rNetConfig.small(4, 6, 8).hard(),
                D2rNetConfig.small(4, 6, 8).soft(), D2rNetConfig.small(4, 6, 8).withStateInRouting(false)}) {
            checkCriticGradients(cfg);
        }
    }

    /** A critic's parameter and input gradients against finite differences, on 4 rows; returns the critic. */
    static D2rNetwork checkCriticGradients(D2rNetConfig cfg) {
        D2rNetwork net = D2rNetwork.critic(cfg, 5, 2, 3, 4, DataType.DOUBLE, new Rng(3));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 7).subi(0.5).muli(2);
        int[] tasks = {0, 2, 1, 2};
        INDArray r = Nd4j.rand(DataType.DOUBLE, 4, 1).subi(0.5);
        // freeze the paths so the finite differences do not flip a TopK choice
        net.forward(x, tasks, Routing.topK());
        RoutingPaths paths = copy(net.lastPaths());
        DoubleSupplier loss = () -> net.forward(x, tasks, new Routing(Routing.Mode.STORED, false, paths, null, null))
                .mul(r).sumNumber().doubleValue();
        loss.getAsDouble();
        net.params().zeroGrad();
        net.backward(r.dup(), true, true);
        GradCheck.Result res = GradCheck.check(loss, net.params(), 6, 1e-6, 1e-9, new Rng(5));
        assertTrue(res.maxRelError() < 1e-5, cfg + ": " + res);
        // input gradient (the critic's action gradient is its last columns)
        GradCheck.checkInput(loss, x, net.inputGradient().dup(), 1, new int[] {0, 5, 6}, 1e-6, cfg.toString());
        return net;
    }

    /**
     * ResRouting in the paper's form: module 2 of 3 is unsuitable for both routers that read it (its
     * full-softmax share is below 1/(L+1)). Its weights must get exactly zero gradient, and every other
     * parameter the gradient of the network in which module 2's branch is a constant: built here by
     * W_2 = 0 and c_2 = the branch value (batch of one row), whose plain gradient is then checked
     * numerically. (The release's form, the default, is checked against the release itself in
     * ReleaseParityTest: there module 3's own shortcut still passes module 2 its full gradient.)
     */
    @Test
    void resRoutingSendsUnsuitableGradientOnlyToTheShortcut() {
        D2rNetConfig cfg = D2rNetConfig.small(3, 5, 6).withResRouting(org.d2r.core.config.ResRouting.PAPER);
        D2rNetwork a = D2rNetwork.actor(cfg, 4, 2, 2, 1, DataType.DOUBLE, new Rng(11));
        // constant logits: router 1 (1 source), router 2 over {1,2}: (0, -1), output router over {1,2,3}: (1, -0.5, 1)
        Param logitsW = a.params().get("router.logits.W");
        Param logitsB = a.params().get("router.logits.b");
        logitsW.value().assign(0);
        logitsB.value().assign(Nd4j.createFromArray(new double[][] {{0, 0, -1, 1, -0.5, 1}}));
        RoutingPaths d = new RoutingPaths(3, 1);
        d.set(0, 0, true);            // router 1: module 1
        d.set(0, 1, true);            // router 2: modules 1 and 2
        d.set(0, 2, true);
        d.set(0, 4, true);            // output router: modules 2 and 3
        d.set(0, 5, true);
        INDArray x = Nd4j.createFromArray(new double[][] {{0.3, -0.7, 0.5, 0.9}});
        int[] task = {1};
        INDArray gOut = Nd4j.createFromArray(new double[][] {{0.7, -1.1, 0.4, 0.9}});

        a.forward(x, task, Routing.stored(d));
        assertTrue(a.router.soft[2] < 1.0 / 3 && a.router.soft[4] < 1.0 / 4, "module 2 must be unsuitable in this setup");
        INDArray branch2 = a.branch[1].dup();
        Ops.relu(branch2);
        a.params().zeroGrad();
        a.backward(gOut, true, false);
        assertEquals(0, a.params().get("module.2.W").grad().norm2Number().doubleValue(), 0.0);
        assertEquals(0, a.params().get("module.2.b").grad().norm2Number().doubleValue(), 0.0);

        D2rNetwork b = a.copy();
        b.params().get("module.2.W").value().assign(0);
        b.params().get("module.2.b").value().assign(branch2);
        Routing plain = new Routing(Routing.Mode.STORED, false, d, null, null);
        INDArray outA = a.forward(x, task, Routing.stored(d)).dup();
        assertEquals(0, b.forward(x, task, plain).sub(outA).norm2Number().doubleValue(), 1e-12, "surrogate has the same value");
        b.params().zeroGrad();
        b.backward(gOut, true, false);
        GradCheck.Result res = GradCheck.check(() -> b.forward(x, task, plain).mul(gOut).sumNumber().doubleValue(),
                b.params(), 5, 1e-6, 1e-10, new Rng(2), p -> !p.name().startsWith("module.2."));
        assertTrue(res.maxRelError() < 1e-5, res.toString());
        boolean shortcutGot = false;
        for (Param pa : a.params().list()) {
            if (pa.name().startsWith("module.2.")) continue;
            INDArray ga = pa.grad(), gb = b.params().get(pa.name()).grad();
            assertEquals(0, ga.sub(gb).norm2Number().doubleValue(), 1e-10, pa.name());
            if (pa.name().equals("module.1.W")) shortcutGot = ga.norm2Number().doubleValue() > 0;
        }
        assertTrue(shortcutGot, "the shortcut of module 2 (= module 1's output) must still receive gradient");

        // without the training flag the same pass gives module 2 its full gradient
        a.forward(x, task, plain);
        a.params().zeroGrad();
        a.backward(gOut, true, false);
        assertTrue(a.params().get("module.2.W").grad().norm2Number().doubleValue() > 0);
    }

    @Test
    void corruptStoredPathsAreRefused() {
        D2rNetwork a = D2rNetwork.actor(D2rNetConfig.small(3, 4, 4), 3, 1, 2, 1, DataType.DOUBLE, new Rng(1));
        RoutingPaths d = new RoutingPaths(3, 1);
        d.set(0, 0, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.forward(Nd4j.zeros(DataType.DOUBLE, 1, 3), new int[] {0}, Routing.stored(d)));
        assertTrue(e.getMessage().contains("router 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.forward(Nd4j.zeros(DataType.DOUBLE, 1, 3), new int[] {2}, Routing.topK()));
    }

    @Test
    void sharedParametersAcrossBatchSizesGiveTheSameRows() {
        D2rNetwork a = D2rNetwork.actor(D2rNetConfig.small(4, 6, 8), 3, 2, 2, 3, DataType.FLOAT, new Rng(4));
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3);
        INDArray out = a.forward(x, new int[] {0, 1, 1}, Routing.topK()).dup();
        D2rNetwork one = a.withBatchSize(1);
        INDArray o1 = one.forward(x.getRow(2, true).dup(), new int[] {1}, Routing.topK());
        assertEquals(0, o1.sub(out.getRow(2, true)).norm2Number().doubleValue(), 1e-6);
        a.params().get("out.b").value().addi(1);
        assertEquals(out.getDouble(2, 0) + 1, one.forward(x.getRow(2, true).dup(), new int[] {1}, Routing.topK()).getDouble(0, 0), 1e-5);
    }

    static RoutingPaths copy(RoutingPaths p) {
        RoutingPaths c = new RoutingPaths(p.modules(), p.rows());
        for (int r = 0; r < p.rows(); r++) c.copyRow(p, r, r);
        return c;
    }
}
