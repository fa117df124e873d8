package org.d2r.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise kernels as plain loops over the arrays' own memory (no ND4J op overhead, no temporaries). */
public final class Ops {
    private Ops() {}

    /** In place ReLU. */
    public static void relu(INDArray a) {
        Buf b = Buf.of(a);
        for (int i = 0, n = b.length(); i < n; i++) if (b.get(i) < 0) b.set(i, 0);
    }

    /** g *= (y > 0): the ReLU backward given the ReLU's output y. */
    public static void reluBackward(INDArray y, INDArray g) {
        Buf by = Buf.of(y), bg = Buf.of(g);
        for (int i = 0, n = by.length(); i < n; i++) if (!(by.get(i) > 0)) bg.set(i, 0);
    }

    /** out = relu(x) without touching x. */
    public static void reluInto(INDArray x, INDArray out) {
        Buf bx = Buf.of(x), bo = Buf.of(out);
        for (int i = 0, n = bx.length(); i < n; i++) {
            double v = bx.get(i);
            bo.set(i, v > 0 ? v : 0);
        }
    }
}
