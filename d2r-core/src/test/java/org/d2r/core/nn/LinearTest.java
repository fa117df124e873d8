package org.d2r.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinearTest {

    @Test
    void bufWritesReachTheArray() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 3, 4);
        Buf.of(a).set(5, 2.5);
        assertEquals(2.5f, a.getFloat(1, 1));
        INDArray d = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        Buf.of(d).set(3, -1.25);
        assertEquals(-1.25, d.getDouble(1, 1));
    }

    @Test
    void forwardMatchesHandComputation() {
        ParamSet ps = new ParamSet(DataType.DOUBLE);
        Linear l = new Linear(ps, "l", 2, 3);
        l.weight().value().assign(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        ps.get("l.b").value().assign(Nd4j.createFromArray(new double[][] {{0.5, -0.5, 1}}));
        INDArray x = Nd4j.createFromArray(new double[][] {{1, -1}, {2, 0.5}});
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        l.forward(x, y);
        assertEquals(1 - 4 + 0.5, y.getDouble(0, 0), 1e-12);
        assertEquals(2 * 3 + 0.5 * 6 + 1, y.getDouble(1, 2), 1e-12);
        assertEquals(9, ps.count());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng rng = new Rng(7);
        ParamSet ps = new ParamSet(DataType.DOUBLE);
        Linear l1 = new Linear(ps, "l1", 5, 6);
        Linear l2 = new Linear(ps, "l2", 6, 2);
        l1.initHidden(rng);
        l2.initHidden(rng);
        int b = 4;
        INDArray x = Nd4j.rand(DataType.DOUBLE, b, 5).subi(0.5);
        INDArray h = Nd4j.zeros(DataType.DOUBLE, b, 6), y = Nd4j.zeros(DataType.DOUBLE, b, 2);
        INDArray target = Nd4j.rand(DataType.DOUBLE, b, 2);
        Runnable fwd = () -> {
            l1.forward(x, h);
            Ops.relu(h);
            l2.forward(h, y);
        };
        java.util.function.DoubleSupplier loss = () -> {
            fwd.run();
            return y.sub(target).norm2Number().doubleValue() * y.sub(target).norm2Number().doubleValue();
        };
        loss.getAsDouble();
        ps.zeroGrad();
        INDArray gy = y.sub(target).muli(2);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 1, b);
        INDArray gh = Nd4j.zeros(DataType.DOUBLE, b, 6);
        l2.accumulateParamGrads(h, gy, ones);
        l2.inputGrad(gy, gh, false);
        Ops.reluBackward(h, gh);
        l1.accumulateParamGrads(x, gh, ones);
        GradCheck.Result r = GradCheck.check(loss, ps, 10, 1e-6, 1e-9, new Rng(1));
        assertTrue(r.maxRelError() < 1e-6, r.toString());
    }

    @Test
    void adamFirstStepMovesEachWeightByLearningRate() {
        ParamSet ps = new ParamSet(DataType.DOUBLE);
        Param p = ps.create("p", 1, 3);
        p.grad().assign(Nd4j.createFromArray(new double[][] {{2, -0.1, 0}}));
        Adam adam = new Adam(ps, 0.01);
        adam.step();
        // With bias correction the first Adam step is lr * sign(g) (|g| >> eps).
        assertEquals(-0.01, p.value().getDouble(0, 0), 1e-9);
        assertEquals(0.01, p.value().getDouble(0, 1), 1e-9);
        assertEquals(0, p.value().getDouble(0, 2), 1e-12);
    }

    @Test
    void clipScalesToUnitNorm() {
        ParamSet ps = new ParamSet(DataType.DOUBLE);
        Param p = ps.create("p", 1, 2);
        p.grad().assign(Nd4j.createFromArray(new double[][] {{3, 4}}));
        assertEquals(5, ps.clipGradNorm(1), 1e-12);
        assertEquals(1, ps.gradNorm(), 1e-5);
    }
}
