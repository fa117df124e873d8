package org.d2r.core.baselines;

import java.util.Arrays;
import org.d2r.core.nn.Linear;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.ReluMlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A ReLU MLP (linear last layer) over layers {@code prefix.0 ..} of a parameter set, with its activations
 * in a separate {@link Acts} per row count: CARE's task encoder, attention and actor/critic trunks.
 */
final class Mlp {
    final Linear[] layers;

    private Mlp(Linear[] layers) {
        this.layers = layers;
    }

    /** New layers {@code prefix.i}, widths[0] in, widths[last] out (zero-filled: the caller initialises). */
    static Mlp create(ParamSet params, String prefix, int... widths) {
        return new Mlp(ReluMlp.layers(params, prefix, widths[0], Arrays.copyOfRange(widths, 1, widths.length)));
    }

    /** The same layers read from (another view of) a set that holds them. */
    static Mlp of(ParamSet params, String prefix, int count) {
        Linear[] l = new Linear[count];
        for (int i = 0; i < count; i++) l[i] = Linear.of(params, prefix + "." + i);
        return new Mlp(l);
    }

    int in() {
        return layers[0].in();
    }

    int out() {
        return layers[layers.length - 1].out();
    }

    static final class Acts {
        final INDArray[] h;
        final INDArray[] g;
        final INDArray ones;

        Acts(Mlp m, int rows, DataType dt) {
            h = new INDArray[m.layers.length];
            g = new INDArray[m.layers.length];
            for (int i = 0; i < h.length; i++) {
                h[i] = Nd4j.zeros(dt, rows, m.layers[i].out());
                g[i] = Nd4j.zeros(dt, rows, m.layers[i].out());
            }
            ones = Nd4j.ones(dt, 1, rows);
        }

        INDArray out() {
            return h[h.length - 1];
        }
    }

    INDArray forward(Acts a, INDArray x) {
        ReluMlp.forward(layers, x, a.h, a.out());
        return a.out();
    }

    /** {@link ReluMlp#backward} of the forward on {@code x}; the caller fills dL/d(out) into {@code a.g[last]}. */
    void backward(Acts a, INDArray x, boolean paramGrads, INDArray gx) {
        ReluMlp.backward(layers, x, a.h, a.g, a.g[layers.length - 1], gx, paramGrads, a.ones);
    }
}
