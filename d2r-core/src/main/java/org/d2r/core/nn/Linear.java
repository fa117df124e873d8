package org.d2r.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer y = x W + b with W stored [in, out]. It owns no activations: callers pass
 * preallocated buffers, so one layer can serve several batch sizes (training batch, acting). Every
 * product goes through Nd4j.gemm into a preallocated result, which measured five times faster here
 * than mmul into a fresh array.
 */
public final class Linear {
    private final int in;
    private final int out;
    private final Param weight;
    private final Param bias;

    public Linear(ParamSet params, String name, int in, int out) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException(name + ": sizes must be positive, got " + in + "x" + out);
        this.in = in;
        this.out = out;
        this.weight = params.create(name + ".W", in, out);
        this.bias = params.create(name + ".b", 1, out);
    }

    /** The layer over tensors {@code name.W} and {@code name.b} already in {@code params} (a shared or frozen set). */
    public static Linear of(ParamSet params, String name) {
        return new Linear(params.get(name + ".W"), params.get(name + ".b"));
    }

    private Linear(Param weight, Param bias) {
        this.in = (int) weight.value().rows();
        this.out = (int) weight.value().columns();
        if (bias.size() != out) throw new IllegalArgumentException(weight.name() + ": bias has " + bias.size() + " values, not " + out);
        this.weight = weight;
        this.bias = bias;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public Param weight() {
        return weight;
    }

    /** y[B,out] = x[B,in] W + b. */
    public void forward(INDArray x, INDArray y) {
        int rows = (int) x.rows();
        if ((long) rows * out <= SMALL) {
            // small outputs: one native call fewer, the bias as a loop
            Nd4j.gemm(x, weight.value(), y, false, false, 1.0, 0.0);
            Buf by = Buf.of(y), bb = Buf.of(bias.value());
            for (int r = 0; r < rows; r++) for (int j = 0; j < out; j++) by.add(r * out + j, bb.get(j));
            return;
        }
        java.nio.FloatBuffer fy = Buf.of(y).floats();
        if (fy != null) {
            // float: the bias copied into every row (about 30 us at [1280, 128], a third of a rank-1 gemm)
            float[] b = new float[out];
            Buf.of(bias.value()).floats().get(0, b, 0, out);
            Par.rows(rows, out, (from, to) -> {
                for (int r = from; r < to; r++) fy.put(r * out, b, 0, out);
            });
        } else {
            // the bias goes in as a rank-1 gemm: addiRowVector measured 1-5 ms per call here, a gemm microseconds
            Nd4j.gemm(ones.computeIfAbsent(rows, r -> Nd4j.ones(y.dataType(), r, 1)), bias.value(), y, false, false, 1.0, 0.0);
        }
        Nd4j.gemm(x, weight.value(), y, false, false, 1.0, 1.0);
    }

    /** Outputs up to this many values take the bias as a loop instead of a second native call. */
    private static final long SMALL = 1 << 15;

    private final java.util.Map<Integer, INDArray> ones = new java.util.HashMap<>();

    /** Accumulates dL/dW and dL/db from gy[B,out]; ones[1,B] sums gy over rows in a gemm, not a temporary. */
    public void accumulateParamGrads(INDArray x, INDArray gy, INDArray ones) {
        Nd4j.gemm(x, gy, weight.grad(), true, false, 1.0, 1.0);
        int rows = (int) gy.rows();
        if ((long) rows * out <= SMALL) {
            Buf g = Buf.of(gy), gb = Buf.of(bias.grad());
            for (int j = 0; j < out; j++) {
                double s = 0;
                for (int r = 0; r < rows; r++) s += g.get(r * out + j);
                gb.add(j, s);
            }
            return;
        }
        java.nio.FloatBuffer fg = Buf.of(gy).floats();
        if (fg != null) {
            // float: column sums as row-vector adds, which vectorise (a [1, B] x [B, out] gemm costs 3-4x more)
            float[] acc = new float[out], row = new float[out];
            for (int r = 0; r < rows; r++) {
                fg.get(r * out, row, 0, out);
                for (int j = 0; j < out; j++) acc[j] += row[j];
            }
            java.nio.FloatBuffer gb = Buf.of(bias.grad()).floats();
            for (int j = 0; j < out; j++) gb.put(j, gb.get(j) + acc[j]);
            return;
        }
        Nd4j.gemm(ones, gy, bias.grad(), false, false, 1.0, 1.0);
    }

    /** gx[B,in] = gy W^T (overwrites gx) or gx += gy W^T when accumulate. */
    public void inputGrad(INDArray gy, INDArray gx, boolean accumulate) {
        Nd4j.gemm(gy, weight.value(), gx, false, true, 1.0, accumulate ? 1.0 : 0.0);
    }

    /**
     * The release's initialisation: hidden layers W ~ U(+-1/sqrt(fan)) with bias 0.1, where its fan is
     * torch's weight.size(0), i.e. the layer's OUTPUT width (a quirk of the release kept on purpose).
     */
    public void initHidden(Rng rng) {
        double bound = Math.sqrt(1.0 / out);
        fillUniform(weight.value(), bound, rng);
        bias.value().assign(0.1);
    }

    /** The release's output-layer initialisation: weights and bias ~ U(+-3e-3). */
    public void initOutput(Rng rng) {
        fillUniform(weight.value(), 3e-3, rng);
        fillUniform(bias.value(), 3e-3, rng);
    }

    /** Uniform weights in +-bound, bias 0. */
    public void initUniform(double bound, Rng rng) {
        fillUniform(weight.value(), bound, rng);
        bias.value().assign(0);
    }

    static void fillUniform(INDArray a, double bound, Rng rng) {
        Buf b = Buf.of(a);
        for (int i = 0; i < b.length(); i++) b.set(i, (rng.nextDouble() * 2 - 1) * bound);
    }
}
