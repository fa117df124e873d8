package org.d2r.core.model;

import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The actor head (section 2): the network's 2A outputs are A means and A log-stds; log-std is
 * clamped to [-20, 2]; a = tanh(mean + std * eps) with eps ~ N(0, 1) (reparameterised), and
 * log pi(a|s) = sum_k [log N(u_k; mean_k, std_k) - log(1 - a_k^2 + 1e-6)] as in the release.
 * Holds the rows of one batch; backward turns dL/da and dL/dlog pi into dL/d(network output).
 */
public final class TanhGaussian {
    public static final double LOG_STD_MIN = -20;
    public static final double LOG_STD_MAX = 2;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int rows;
    private final int dims;
    private final double[] mean;
    private final double[] logStd;
    private final boolean[] inClamp;
    private final double[] eps;
    private final double[] action;
    private final double[] logProb;

    public TanhGaussian(int rows, int actionDims) {
        this.rows = rows;
        this.dims = actionDims;
        mean = new double[rows * dims];
        logStd = new double[rows * dims];
        inClamp = new boolean[rows * dims];
        eps = new double[rows * dims];
        action = new double[rows * dims];
        logProb = new double[rows];
    }

    /** Samples a reparameterised action for every row from the network output [rows, 2A]. */
    public void sample(INDArray out, Rng rng) {
        read(out);
        for (int i = 0; i < eps.length; i++) eps[i] = rng.nextGaussian();
        finish();
    }

    /** The same with the noise given: eps row-major [rows, A], standard normal draws made elsewhere. */
    public void sample(INDArray out, double[] noise) {
        if (noise.length != eps.length) throw new IllegalArgumentException("need " + eps.length + " noise values, got " + noise.length);
        read(out);
        System.arraycopy(noise, 0, eps, 0, eps.length);
        finish();
    }

    /** Deterministic: eps = 0, i.e. a = tanh(mean) (evaluation and the bench's reference). */
    public void mode(INDArray out) {
        read(out);
        java.util.Arrays.fill(eps, 0);
        finish();
    }

    private void read(INDArray out) {
        if (out.rows() != rows || out.columns() != 2 * dims) {
            throw new IllegalArgumentException("actor output must be [" + rows + ", " + 2 * dims + "]");
        }
        Buf o = Buf.of(out);
        for (int b = 0; b < rows; b++) {
            for (int k = 0; k < dims; k++) {
                int i = b * dims + k;
                mean[i] = o.get(b * 2 * dims + k);
                double ls = o.get(b * 2 * dims + dims + k);
                inClamp[i] = ls >= LOG_STD_MIN && ls <= LOG_STD_MAX;
                logStd[i] = Math.min(LOG_STD_MAX, Math.max(LOG_STD_MIN, ls));
            }
        }
    }

    private void finish() {
        for (int b = 0; b < rows; b++) {
            double lp = 0;
            for (int k = 0; k < dims; k++) {
                int i = b * dims + k;
                double u = mean[i] + Math.exp(logStd[i]) * eps[i];
                double a = Math.tanh(u);
                action[i] = a;
                lp += -0.5 * eps[i] * eps[i] - logStd[i] - HALF_LOG_2PI - Math.log(1 - a * a + 1e-6);
            }
            logProb[b] = lp;
        }
    }

    /** Actions of the last sample, row-major [rows, A]. */
    public double[] actions() {
        return action;
    }

    public double[] logProbs() {
        return logProb;
    }

    /**
     * dL/d(output) into gOut [rows, 2A] from dL/da (row-major [rows, A]) and dL/dlog pi per row; the
     * noise eps is held fixed (reparameterisation), the clamp passes gradient only inside its range.
     */
    public void backward(double[] gAction, double[] gLogProb, INDArray gOut) {
        Buf g = Buf.of(gOut);
        for (int b = 0; b < rows; b++) {
            for (int k = 0; k < dims; k++) {
                int i = b * dims + k;
                double a = action[i];
                double oneMinus = 1 - a * a;
                // d(-log(1 - tanh(u)^2 + 1e-6))/du = 2 a (1 - a^2) / (1 - a^2 + 1e-6)
                double gu = gAction[i] * oneMinus + gLogProb[b] * 2 * a * oneMinus / (oneMinus + 1e-6);
                double gls = gu * eps[i] * Math.exp(logStd[i]) - gLogProb[b];
                g.set(b * 2 * dims + k, gu);
                g.set(b * 2 * dims + dims + k, inClamp[i] ? gls : 0);
            }
        }
    }
}
