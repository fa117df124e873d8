package org.d2r.core.baselines;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.model.Routing;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TmpBenchTest {
    @Test
    void bench() {
        for (TaskNetwork net : BaselineGradientTest.networks()) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 7);
            int[] t = {0, 1, 2, 1, 0};
            for (int i = 0; i < 50; i++) net.forward(x, t, Routing.topK());
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) net.forward(x, t, Routing.topK());
            System.out.printf("small %s fwd %.3f ms%n", net, (System.nanoTime() - t0) / 200e6);
        }
        for (Method m : Method.values()) {
            for (int b : new int[] {1, 10, 1280}) {
                TaskNetwork net = m.actor(D2rNetConfig.paper(), 39, 4, 10, b, DataType.FLOAT, new Rng(1));
                INDArray x = Nd4j.rand(DataType.FLOAT, b, 39);
                int[] t = new int[b];
                INDArray g = Nd4j.rand(DataType.FLOAT, b, 8);
                int reps = b == 1280 ? 5 : 100;
                for (int i = 0; i < 3; i++) { net.forward(x, t, Routing.topK()); net.backward(g, true, true); }
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) net.forward(x, t, Routing.topK());
                long t1 = System.nanoTime();
                for (int i = 0; i < reps; i++) { net.forward(x, t, Routing.topK()); net.backward(g, true, true); }
                long t2 = System.nanoTime();
                System.out.printf("%s B=%d fwd %.3f ms fwd+bwd %.3f ms%n", m, b, (t1 - t0) / reps / 1e6, (t2 - t1) / reps / 1e6);
            }
        }
    }
}
