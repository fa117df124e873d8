package org.d2r.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise kernels as plain loops over the arrays' own memory: no ND4J op overhead (12-14 us per
 * op, far more when the machine is busy) and no temporaries. Data moves in blocks of {@link #BLOCK}
 * through double[] scratch so the inner loops are simple array loops the JIT vectorises, and row
 * ranges are split over cores by {@link Par}.
 */
public final class Ops {
    private Ops() {}

    static final int BLOCK = 1024;

    private interface Ternary {
        void apply(double[] a, double[] b, double[] c, int len);
    }

    /** out = f(a, b), o the output block; out may be a or b (the double paths, for gradient checks). */
    private static void map3(INDArray a, INDArray b, INDArray out, Ternary f) {
        Buf ba = Buf.of(a), bb = Buf.of(b), bo = Buf.of(out);
        Par.rows(ba.length(), 1, (from, to) -> {
            double[] x = new double[BLOCK], y = new double[BLOCK], o = new double[BLOCK];
            float[] f32 = new float[BLOCK];
            for (int s = from; s < to; s += BLOCK) {
                int len = Math.min(BLOCK, to - s);
                ba.getRow(s, x, len, f32);
                bb.getRow(s, y, len, f32);
                f.apply(x, y, o, len);
                bo.putRow(s, o, len, f32);
            }
        });
    }

    private interface FBinary {
        void apply(float[] a, float[] b, float[] out, int len);
    }

    /** Float fast path of map3: out = f(a, b) without double conversions; false when the arrays are not float. */
    private static boolean map3F(INDArray a, INDArray b, INDArray out, FBinary f) {
        Buf ba = Buf.of(a), bb = Buf.of(b), bo = Buf.of(out);
        if (ba.floats() == null || bb.floats() == null || bo.floats() == null) return false;
        java.nio.FloatBuffer fa = ba.floats(), fb = bb.floats(), fo = bo.floats();
        Par.rows(ba.length(), 1, (from, to) -> {
            float[] x = new float[BLOCK], y = new float[BLOCK], o = new float[BLOCK];
            for (int s = from; s < to; s += BLOCK) {
                int len = Math.min(BLOCK, to - s);
                fa.get(s, x, 0, len);
                fb.get(s, y, 0, len);
                f.apply(x, y, o, len);
                fo.put(s, o, 0, len);
            }
        });
        return true;
    }

    /*
     * The float paths below are written branch-free (Math.max/min, a multiply by a 0/1 step) on purpose:
     * activations are positive or negative at random, so a compare-and-branch loop mispredicts half the
     * time and C2 does not vectorise it. Measured on a [1280, 128] array: 800 us branchy, 50-100 us
     * branch-free. The double paths (gradient checks) keep the plain form.
     */

    /** 1 where a > 0, else 0 (NaN propagates): max(a, 0) scaled by 2^254 saturates every positive float, subnormals included. */
    private static float step(float a) {
        return Math.min(1f, Math.max(a, 0f) * 0x1p127f * 0x1p127f);
    }

    private interface FTernary {
        void apply(float[] a, float[] b, float[] c, float[] out, int len);
    }

    /** Float path with three inputs: out = f(a, b, c); out may be one of the inputs. */
    private static boolean map4F(INDArray a, INDArray b, INDArray c, INDArray out, FTernary f) {
        Buf ba = Buf.of(a), bb = Buf.of(b), bc = Buf.of(c), bo = Buf.of(out);
        if (ba.floats() == null || bb.floats() == null || bc.floats() == null || bo.floats() == null) return false;
        java.nio.FloatBuffer fa = ba.floats(), fb = bb.floats(), fc = bc.floats(), fo = bo.floats();
        Par.rows(ba.length(), 1, (from, to) -> {
            float[] x = new float[BLOCK], y = new float[BLOCK], z = new float[BLOCK], o = new float[BLOCK];
            for (int s = from; s < to; s += BLOCK) {
                int len = Math.min(BLOCK, to - s);
                fa.get(s, x, 0, len);
                fb.get(s, y, 0, len);
                fc.get(s, z, 0, len);
                f.apply(x, y, z, o, len);
                fo.put(s, o, 0, len);
            }
        });
        return true;
    }

    /** out = a * b + (y > 0 ? g : 0): the gradient reaching F(s) from both the routing input and ReLU(F(s)). */
    public static void mulAddReluMaskInto(INDArray a, INDArray b, INDArray y, INDArray g, INDArray out) {
        if (map3F(a, b, out, (x, w, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = x[i] * w[i];
        }) && map4F(y, g, out, out, (v, gg, acc, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = acc[i] + gg[i] * step(v[i]);
        })) return;
        Buf ba = Buf.of(a), bb = Buf.of(b), by = Buf.of(y), bg = Buf.of(g), bo = Buf.of(out);
        for (int i = 0, len = bo.length(); i < len; i++) {
            bo.set(i, ba.get(i) * bb.get(i) + (by.get(i) > 0 ? bg.get(i) : 0));
        }
    }

    public static void relu(INDArray a) {
        reluInto(a, a);
    }

    /** g *= (y > 0): the ReLU backward given the ReLU's output y. */
    public static void reluBackward(INDArray y, INDArray g) {
        reluMaskInto(y, g, g);
    }

    /** out = relu(x) without touching x. */
    public static void reluInto(INDArray x, INDArray out) {
        if (map3F(x, x, out, (a, b, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = Math.max(a[i], 0f);
        })) return;
        map3(x, x, out, (a, b, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = a[i] > 0 ? a[i] : 0;
        });
    }

    /**
     * m = ReLU(pre) + x, a residual module's output, in one pass; pre keeps the pre-activation (its
     * sign is all the backward pass needs, see {@link #reluMaskInto}).
     */
    public static void reluAddInto(INDArray pre, INDArray x, INDArray m) {
        if (map3F(pre, x, m, (a, b, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = Math.max(a[i], 0f) + b[i];
        })) return;
        map3(pre, x, m, (a, b, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = (a[i] > 0 ? a[i] : 0) + b[i];
        });
    }

    /** out = (y > 0) ? g : 0; y may be the ReLU's output or its input (same sign pattern). */
    public static void reluMaskInto(INDArray y, INDArray g, INDArray out) {
        if (map3F(y, g, out, (a, b, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = b[i] * step(a[i]);
        })) return;
        map3(y, g, out, (a, b, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = a[i] > 0 ? b[i] : 0;
        });
    }

    public static void addInto(INDArray a, INDArray b, INDArray out) {
        if (map3F(a, b, out, (x, y, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = x[i] + y[i];
        })) return;
        map3(a, b, out, (x, y, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = x[i] + y[i];
        });
    }

    public static void mulInto(INDArray a, INDArray b, INDArray out) {
        if (map3F(a, b, out, (x, y, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = x[i] * y[i];
        })) return;
        map3(a, b, out, (x, y, o, n) -> {
            for (int i = 0; i < n; i++) o[i] = x[i] * y[i];
        });
    }

    public static void copyInto(INDArray a, INDArray out) {
        if (map3F(a, a, out, (x, y, o, n) -> System.arraycopy(x, 0, o, 0, n))) return;
        map3(a, a, out, (x, y, o, n) -> System.arraycopy(x, 0, o, 0, n));
    }

    public static void zero(INDArray a) {
        Buf b = Buf.of(a);
        if (b.floats() != null) {
            java.nio.FloatBuffer f = b.floats();
            Par.rows(b.length(), 1, (from, to) -> {
                float[] z = new float[BLOCK];
                for (int s = from; s < to; s += BLOCK) f.put(s, z, 0, Math.min(BLOCK, to - s));
            });
            return;
        }
        map3(a, a, a, (x, y, o, n) -> java.util.Arrays.fill(o, 0, n, 0));
    }
}
