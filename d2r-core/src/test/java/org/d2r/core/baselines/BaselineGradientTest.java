package org.d2r.core.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleSupplier;
import org.d2r.core.model.Routing;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.GradCheck;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite differences in double precision against each baseline's analytic backward pass: every
 * parameter tensor and the input (the critic's action gradient) of small networks of the paper's
 * structure.
 */
class BaselineGradientTest {

    private static final int IN = 7;
    private static final int OUT = 3;
    private static final int TASKS = 3;
    private static final int ROWS = 5;

    /** A small Soft Modularization network of the paper's structure, for gradient checks and quick tests. */
    static SoftModularConfig small(int layers, int modules, int width, int hidden) {
        return new SoftModularConfig(new int[] {hidden, hidden}, new int[] {hidden}, layers, modules, width, 2, hidden);
    }

    static List<TaskNetwork> networks() {
        Rng rng = new Rng(17);
        return List.of(
                MultiTaskMlp.create(IN, OUT, TASKS, new int[] {9, 8, 6}, false, ROWS, DataType.DOUBLE, rng),
                MultiTaskMlp.create(IN, OUT, TASKS, new int[] {9, 8, 6}, true, ROWS, DataType.DOUBLE, rng),
                SoftModularNetwork.create(small(4, 3, 5, 8), IN, OUT, TASKS, ROWS, DataType.DOUBLE, rng),
                SoftModularNetwork.create(small(2, 2, 4, 6), IN, OUT, TASKS, ROWS, DataType.DOUBLE, rng),
                SoftModularNetwork.create(new SoftModularConfig(new int[] {8}, new int[] {6, 8}, 3, 3, 5, 1, 7),
                        IN, OUT, TASKS, ROWS, DataType.DOUBLE, rng));
    }

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        for (TaskNetwork net : networks()) {
            // Output-layer initialisation is uniform(+-3e-3); scale the routing and output layers up so
            // that the softmax and head gradients are large enough to be checked meaningfully.
            for (Param p : net.params().list()) {
                if (p.name().startsWith("route.") || p.name().startsWith("out.") || p.name().startsWith("heads.")) {
                    p.value().muli(300);
                }
            }
            INDArray x = Nd4j.rand(DataType.DOUBLE, ROWS, IN).subi(0.5).muli(2);
            int[] tasks = {0, 2, 1, 2, 0};
            INDArray r = Nd4j.rand(DataType.DOUBLE, ROWS, OUT).subi(0.5);
            DoubleSupplier loss = () -> net.forward(x, tasks, Routing.topK()).mul(r).sumNumber().doubleValue();
            loss.getAsDouble();
            net.params().zeroGrad();
            net.backward(r.dup(), true, true);
            GradCheck.Result res = GradCheck.check(loss, net.params(), 4, 1e-6, 1e-9, new Rng(5));
            assertTrue(res.maxRelError() < 1e-5, net + ": " + res);
            assertEquals(4 * net.params().list().size(), res.checked());
            GradCheck.checkInput(loss, x, net.inputGradient().dup(), 3, java.util.stream.IntStream.range(0, IN).toArray(), 1e-7, net.toString());
        }
    }

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        TaskNetwork net = networks().get(2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, ROWS, IN);
        int[] tasks = {0, 1, 2, 1, 0};
        INDArray g = Nd4j.rand(DataType.DOUBLE, ROWS, OUT);
        net.forward(x, tasks, Routing.topK());
        net.params().zeroGrad();
        net.backward(g, true, false);
        double once = net.params().gradNorm();
        net.forward(x, tasks, Routing.topK());
        net.backward(g, true, false);
        assertEquals(2 * once, net.params().gradNorm(), 1e-9 * once);
        // paramGrads=false leaves the accumulators alone
        net.forward(x, tasks, Routing.topK());
        net.backward(g, false, true);
        assertEquals(2 * once, net.params().gradNorm(), 1e-9 * once);
    }
}
