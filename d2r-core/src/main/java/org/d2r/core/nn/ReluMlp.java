package org.d2r.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The passes of an MLP with ReLU between its layers and none after the last, over buffers the caller
 * owns (so neither pass allocates): the state and task representations, routing networks and trunks.
 */
public final class ReluMlp {
    private ReluMlp() {}

    /** New layers {@code prefix.0 ..}, in -> widths[0] -> widths[1] .. (zero-filled: the caller initialises). */
    public static Linear[] layers(ParamSet params, String prefix, int in, int... widths) {
        Linear[] l = new Linear[widths.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = new Linear(params, prefix + "." + i, i == 0 ? in : widths[i - 1], widths[i]);
        }
        return l;
    }

    /** x -> layers into last; hidden[i] keeps layer i's ReLU output (i below the last layer). */
    public static void forward(Linear[] layers, INDArray x, INDArray[] hidden, INDArray last) {
        INDArray h = x;
        for (int i = 0; i < layers.length; i++) {
            INDArray o = i == layers.length - 1 ? last : hidden[i];
            layers[i].forward(h, o);
            if (o != last) Ops.relu(o);
            h = o;
        }
    }

    /** Backward of {@link #forward} from dL/d(last) in gLast; gx receives dL/dx (overwritten) unless null. */
    public static void backward(Linear[] layers, INDArray x, INDArray[] hidden, INDArray[] gHidden, INDArray gLast, INDArray gx,
            boolean paramGrads, INDArray ones) {
        INDArray g = gLast;
        for (int i = layers.length - 1; i >= 0; i--) {
            INDArray in = i == 0 ? x : hidden[i - 1];
            if (paramGrads) layers[i].accumulateParamGrads(in, g, ones);
            if (i > 0) {
                layers[i].inputGrad(g, gHidden[i - 1], false);
                Ops.reluBackward(hidden[i - 1], gHidden[i - 1]);
                g = gHidden[i - 1];
            } else if (gx != null) {
                layers[0].inputGrad(g, gx, false);
            }
        }
    }
}
