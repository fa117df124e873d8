package org.d2r.core.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.nn.Adam;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training runs in float through fast paths of their own (branch-free ReLU and masks, the bias
 * copied into rows and summed over rows, Adam over float blocks); the gradient checks run in double
 * through the plain paths. The same network in both precisions must agree to float accuracy, with
 * arrays large enough ([384, 128]) that every float fast path and the row splitting are taken.
 */
class FloatPathTest {
    static final int ROWS = 384, OBS = 9, ACT = 3, TASKS = 3;
    static final D2rNetConfig CFG = D2rNetConfig.small(5, 128, 96);

    @Test
    void floatForwardAndBackwardMatchDouble() {
        D2rNetwork d = D2rNetwork.critic(CFG, OBS, ACT, TASKS, ROWS, DataType.DOUBLE, new Rng(3));
        D2rNetwork f = D2rNetwork.critic(CFG, OBS, ACT, TASKS, ROWS, DataType.FLOAT, new Rng(3));
        Rng rng = new Rng(5);
        INDArray xd = Nd4j.zeros(DataType.DOUBLE, ROWS, OBS + ACT);
        int[] tasks = new int[ROWS];
        for (int i = 0; i < xd.length(); i++) xd.data().put(i, rng.nextGaussian());
        for (int r = 0; r < ROWS; r++) tasks[r] = r % TASKS;
        INDArray xf = xd.castTo(DataType.FLOAT);
        INDArray outD = d.forward(xd, tasks, Routing.topKTraining()).dup();
        INDArray outF = f.forward(xf, tasks, Routing.topKTraining()).dup();
        assertClose(outD, outF, 1e-4, "Q values");

        INDArray g = Nd4j.zeros(DataType.DOUBLE, ROWS, 1);
        for (int r = 0; r < ROWS; r++) g.data().put(r, rng.nextGaussian() / ROWS);
        d.params().zeroGrad();
        f.params().zeroGrad();
        d.backward(g, true, true);
        f.backward(g.castTo(DataType.FLOAT), true, true);
        int nonZero = 0;
        for (int i = 0; i < d.params().list().size(); i++) {
            Param pd = d.params().list().get(i), pf = f.params().list().get(i);
            // a module that no router picked (or ResRouting cut off) has no gradient in either precision
            if (pd.grad().norm2Number().doubleValue() == 0) {
                assertTrue(pf.grad().norm2Number().doubleValue() == 0, pd.name() + ": float has a gradient, double none");
                continue;
            }
            nonZero++;
            assertClose(pd.grad(), pf.grad(), 2e-3, "gradient of " + pd.name());
        }
        assertTrue(nonZero >= d.params().list().size() / 2, "only " + nonZero + " parameters got a gradient");
        assertClose(d.inputGradient(), f.inputGradient(), 2e-3, "input gradient");
    }

    @Test
    void floatAdamMatchesDouble() {
        ParamSet d = new ParamSet(DataType.DOUBLE), f = new ParamSet(DataType.FLOAT);
        Param wd = d.create("w", 40, 300), wf = f.create("w", 40, 300);
        Rng rng = new Rng(9);
        for (int i = 0; i < wd.value().length(); i++) wd.value().data().put(i, rng.nextGaussian());
        wf.value().assign(wd.value().castTo(DataType.FLOAT));
        Adam ad = new Adam(d, 3e-4), af = new Adam(f, 3e-4);
        for (int step = 0; step < 5; step++) {
            for (int i = 0; i < wd.grad().length(); i++) wd.grad().data().put(i, rng.nextGaussian() * (1 + i % 7));
            wf.grad().assign(wd.grad().castTo(DataType.FLOAT));
            ad.step();
            af.step();
        }
        INDArray start = Nd4j.zeros(DataType.DOUBLE, 40, 300);
        Rng again = new Rng(9);
        for (int i = 0; i < start.length(); i++) start.data().put(i, again.nextGaussian());
        assertTrue(wd.value().sub(start).norm2Number().doubleValue() > 1e-3, "Adam must move the weights");
        assertClose(wd.value().sub(start), wf.value().castTo(DataType.DOUBLE).sub(start), 1e-3, "Adam's steps");
    }

    /** max |a - b| <= tol * max(|a|) over the array. */
    private static void assertClose(INDArray a, INDArray b, double tol, String what) {
        double[] x = a.castTo(DataType.DOUBLE).data().asDouble(), y = b.castTo(DataType.DOUBLE).data().asDouble();
        double scale = 0, worst = 0;
        for (double v : x) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
        assertTrue(scale > 0, what + ": all zero, the check would be empty");
        assertTrue(worst <= tol * scale, what + ": float differs from double by " + worst + " (scale " + scale + ")");
    }
}
