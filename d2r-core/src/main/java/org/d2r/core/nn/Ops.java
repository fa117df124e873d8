package org.d2r.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise kernels as plain loops over the arrays' own memory (no ND4J op overhead, no temporaries). */
public final class Ops {
    private Ops() {}

    /** In place ReLU. */
    public static void relu(INDArray a) {
        Buf b = Buf.of(a);
        Par.rows(b.length(), 1, (from, to) -> {
            for (int i = from; i < to; i++) if (b.get(i) < 0) b.set(i, 0);
        });
    }

    /** g *= (y > 0): the ReLU backward given the ReLU's output y. */
    public static void reluBackward(INDArray y, INDArray g) {
        Buf by = Buf.of(y), bg = Buf.of(g);
        Par.rows(by.length(), 1, (from, to) -> {
            for (int i = from; i < to; i++) if (!(by.get(i) > 0)) bg.set(i, 0);
        });
    }

    /** out = relu(x) without touching x. */
    public static void reluInto(INDArray x, INDArray out) {
        Buf bx = Buf.of(x), bo = Buf.of(out);
        Par.rows(bx.length(), 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                double v = bx.get(i);
                bo.set(i, v > 0 ? v : 0);
            }
        });
    }

    /** branch = ReLU(branch) in place, then m = branch + x (a residual module's output). */
    public static void reluAddInto(INDArray branch, INDArray x, INDArray m) {
        Buf bb = Buf.of(branch), bx = Buf.of(x), bm = Buf.of(m);
        Par.rows(bb.length(), 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                double v = bb.get(i);
                if (v < 0) {
                    v = 0;
                    bb.set(i, 0);
                }
                bm.set(i, v + bx.get(i));
            }
        });
    }

    /** out = (y > 0) ? g : 0. */
    public static void reluMaskInto(INDArray y, INDArray g, INDArray out) {
        Buf by = Buf.of(y), bg = Buf.of(g), bo = Buf.of(out);
        Par.rows(by.length(), 1, (from, to) -> {
            for (int i = from; i < to; i++) bo.set(i, by.get(i) > 0 ? bg.get(i) : 0);
        });
    }

    /** out = a + b. */
    public static void addInto(INDArray a, INDArray b, INDArray out) {
        Buf ba = Buf.of(a), bb = Buf.of(b), bo = Buf.of(out);
        Par.rows(ba.length(), 1, (from, to) -> {
            for (int i = from; i < to; i++) bo.set(i, ba.get(i) + bb.get(i));
        });
    }

    /** out = a * b element-wise. */
    public static void mulInto(INDArray a, INDArray b, INDArray out) {
        Buf ba = Buf.of(a), bb = Buf.of(b), bo = Buf.of(out);
        Par.rows(ba.length(), 1, (from, to) -> {
            for (int i = from; i < to; i++) bo.set(i, ba.get(i) * bb.get(i));
        });
    }

    /** a = 0. */
    public static void zero(INDArray a) {
        Buf b = Buf.of(a);
        Par.rows(b.length(), 1, (from, to) -> {
            for (int i = from; i < to; i++) b.set(i, 0);
        });
    }
}
