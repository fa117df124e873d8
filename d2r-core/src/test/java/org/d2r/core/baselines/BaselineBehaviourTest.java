package org.d2r.core.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.model.Routing;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BaselineBehaviourTest {

    @Test
    void multiHeadRowsReadOnlyTheirOwnTasksHead() {
        MultiTaskMlp net = MultiTaskMlp.create(4, 2, 3, new int[] {6, 6}, true, 3, DataType.DOUBLE, new Rng(2));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4);
        int[] tasks = {0, 1, 2};
        INDArray before = net.forward(x, tasks, Routing.topK()).dup();
        // task 1 owns columns 2..3 of the [hidden, 3 x 2] head layer
        INDArray hb = net.params().get("heads.b").value();
        hb.putScalar(0, 2, hb.getDouble(0, 2) + 5.0);
        INDArray after = net.forward(x, tasks, Routing.topK()).dup();
        assertEquals(before.getDouble(1, 0) + 5.0, after.getDouble(1, 0), 1e-12);
        assertEquals(before.getDouble(0, 0), after.getDouble(0, 0), 0.0);
        assertEquals(before.getDouble(2, 0), after.getDouble(2, 0), 0.0);
        // and its backward leaves other tasks' heads without gradient
        net.params().zeroGrad();
        net.forward(x, new int[] {1, 1, 1}, Routing.topK());
        net.backward(Nd4j.ones(DataType.DOUBLE, 3, 2), true, false);
        INDArray gb = net.params().get("heads.b").grad();
        assertEquals(0.0, gb.getDouble(0, 0), 0.0);
        assertEquals(3.0, gb.getDouble(0, 2), 1e-12);
        assertEquals(0.0, gb.getDouble(0, 5), 0.0);
    }

    @Test
    void theTaskIdChangesTheOutputOfEveryBaseline() {
        for (TaskNetwork net : BaselineGradientTest.networks()) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 7);
            INDArray a = net.forward(x, new int[] {0, 0, 0, 0, 0}, Routing.topK()).dup();
            INDArray b = net.forward(x, new int[] {1, 1, 1, 1, 1}, Routing.topK()).dup();
            assertNotEquals(0.0, a.sub(b).norm2Number().doubleValue(), net.toString());
            assertNull(net.lastPaths(), "baselines do not route");
        }
    }

    @Test
    void softModularRoutingWeightsAreDistributions() {
        SoftModularNetwork net = SoftModularNetwork.create(BaselineGradientTest.small(4, 3, 5, 8), 6, 2, 2, 2,
                DataType.DOUBLE, new Rng(3));
        net.forward(Nd4j.rand(DataType.DOUBLE, 2, 6), new int[] {0, 1}, Routing.topK());
        for (int layer = 0; layer < 4; layer++) {
            double[] wts = net.w[layer].getRow(1).toDoubleVector();
            int group = 3;
            assertEquals(layer == 3 ? 3 : 9, wts.length);
            for (int s = 0; s < wts.length; s += group) {
                double sum = 0;
                for (int k = 0; k < group; k++) {
                    assertTrue(wts[s + k] > 0);
                    sum += wts[s + k];
                }
                assertEquals(1.0, sum, 1e-12);
            }
        }
    }

    @Test
    void batchSizeInstancesShareParametersAndCopiesDoNot() {
        for (TaskNetwork net : BaselineGradientTest.networks()) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 7);
            int[] tasks = {0, 2, 1, 2, 0};
            INDArray full = net.forward(x, tasks, Routing.topK()).dup();
            TaskNetwork one = net.withBatchSize(1);
            INDArray row = one.forward(x.getRow(3, true).dup(), new int[] {2}, Routing.topK()).dup();
            assertEquals(0.0, row.sub(full.getRow(3, true)).norm2Number().doubleValue(), 1e-12, net.toString());
            TaskNetwork copy = net.copy();
            net.params().list().get(0).value().addi(0.5);
            INDArray shared = one.forward(x.getRow(3, true).dup(), new int[] {2}, Routing.topK());
            assertNotEquals(0.0, shared.sub(row).norm2Number().doubleValue(), "withBatchSize shares parameters");
            INDArray copied = copy.forward(x, tasks, Routing.topK());
            assertEquals(0.0, copied.sub(full).norm2Number().doubleValue(), 1e-12, "a copy keeps its own values");
        }
    }

    @Test
    void badInputsAreRefusedWithTheReason() {
        MultiTaskMlp net = MultiTaskMlp.create(4, 2, 3, new int[] {6}, false, 2, DataType.DOUBLE, new Rng(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(Nd4j.zeros(DataType.DOUBLE, 3, 4), new int[] {0, 0, 0}, Routing.topK()));
        assertTrue(e.getMessage().contains("[2, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(Nd4j.zeros(DataType.DOUBLE, 2, 4), new int[] {0, 3}, Routing.topK()));
        assertTrue(e.getMessage().contains("task id 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SoftModularConfig(new int[] {8}, new int[] {6}, 4, 4, 8, 2, 8));
        assertTrue(e.getMessage().contains("must equal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Method.parse("pcgrad"));
        assertTrue(e.getMessage().contains("mtsac") && e.getMessage().contains("care") && e.getMessage().contains("paco"), e.getMessage());
        assertEquals(Method.CARE, Method.parse("CARE"));
        assertEquals(Method.PACO, Method.parse("paco"));
    }
}
