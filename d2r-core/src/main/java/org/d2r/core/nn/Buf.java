package org.d2r.core.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct element access to a dense ND4J array, float or double, without a copy. Per-row routing work
 * (two sources per module and row) is cheaper as plain loops than as a few hundred small ND4J ops,
 * each of which costs 12-14 us; this view lets one loop serve both precisions (float for training,
 * double for gradient checks).
 */
public abstract class Buf {
    private final int n;

    private Buf(int n) {
        this.n = n;
    }

    public abstract double get(int i);

    public abstract void set(int i, double v);

    public final int length() {
        return n;
    }

    public final void add(int i, double v) {
        set(i, get(i) + v);
    }

    /** Copies len values starting at off into dst[0..len) (one bulk copy for per-row kernels), through caller-owned
     *  float scratch of at least len for a float array (no thread-local lookup). */
    public abstract void getRow(int off, double[] dst, int len, float[] scratch);

    /** Writes src[0..len) to off.. (scratch as {@link #getRow}). */
    public abstract void putRow(int off, double[] src, int len, float[] scratch);

    /** The float view for float arrays (fast paths of the hot kernels), null for double arrays. */
    public java.nio.FloatBuffer floats() {
        return null;
    }

    /** The array must be a dense, offset-free, C-order array (every buffer this project allocates is). */
    public static Buf of(INDArray a) {
        if (a.isView() && a.offset() != 0) {
            throw new IllegalArgumentException("Buf needs an offset-free array, got a view at offset " + a.offset());
        }
        if (a.ordering() != 'c' && a.rank() > 1 && a.rows() > 1 && a.columns() > 1) {
            throw new IllegalArgumentException("Buf needs a C-order array");
        }
        int n = (int) a.length();
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer fb = a.data().asNioFloat();
            return new F32(fb, n);
        } else if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer db = a.data().asNioDouble();
            return new F64(db, n);
        }
        throw new IllegalArgumentException("Buf supports FLOAT and DOUBLE arrays, got " + a.dataType());
    }

    private static final class F32 extends Buf {
        private final FloatBuffer b;

        F32(FloatBuffer b, int n) {
            super(n);
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, (float) v);
        }

        @Override
        public FloatBuffer floats() {
            return b;
        }

        @Override
        public void getRow(int off, double[] dst, int len, float[] s) {
            b.get(off, s, 0, len);
            for (int i = 0; i < len; i++) dst[i] = s[i];
        }

        @Override
        public void putRow(int off, double[] src, int len, float[] s) {
            for (int i = 0; i < len; i++) s[i] = (float) src[i];
            b.put(off, s, 0, len);
        }
    }

    private static final class F64 extends Buf {
        private final DoubleBuffer b;

        F64(DoubleBuffer b, int n) {
            super(n);
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, v);
        }

        @Override
        public void getRow(int off, double[] dst, int len, float[] scratch) {
            b.get(off, dst, 0, len);
        }

        @Override
        public void putRow(int off, double[] src, int len, float[] scratch) {
            b.put(off, src, 0, len);
        }
    }
}
