package org.d2r.core.model;

import org.d2r.core.io.PolicySnapshot;

/**
 * A linear layer of a snapshot for the lean acting forward passes ({@link PolicyActor},
 * {@link MlpActor}): W stored as its rows (one array per input), because a loop reading w[i][j]
 * and writing dst[j] at the same j vectorises and one at w[i * out + j] did not (measured 27 vs 4
 * GFLOP/s).
 */
record FloatLayer(int in, int out, float[][] w, float[] b) {

    /** The snapshot's tensors {@code name.W} [in, out] and {@code name.b}. */
    static FloatLayer of(PolicySnapshot s, String name) {
        PolicySnapshot.Tensor w = s.tensor(name + ".W"), b = s.tensor(name + ".b");
        float[][] rows = new float[w.rows()][w.cols()];
        for (int i = 0; i < w.rows(); i++) System.arraycopy(w.values(), i * w.cols(), rows[i], 0, w.cols());
        return new FloatLayer(w.rows(), w.cols(), rows, b.values());
    }

    void apply(float[][] src, float[][] dst, int rows) {
        apply(src, dst, rows, in);
    }

    /**
     * dst[r] = src[r][0..inputs) W[0..inputs) + b for rows 0..rows-1, four inputs at a time, each block
     * of W read once for all rows. Per row the sums run in the same order whatever the row count, so
     * results do not depend on the batch. {@code inputs < in} leaves W's last rows to the caller (a
     * one-hot task input is a row lookup, not a product).
     */
    void apply(float[][] src, float[][] dst, int rows, int inputs) {
        for (int r = 0; r < rows; r++) System.arraycopy(b, 0, dst[r], 0, out);
        int i = 0;
        // four inputs per pass: a quarter of the loads and stores of dst
        for (; i + 3 < inputs; i += 4) {
            float[] w0 = w[i], w1 = w[i + 1], w2 = w[i + 2], w3 = w[i + 3];
            for (int r = 0; r < rows; r++) {
                float[] sr = src[r];
                float s0 = sr[i], s1 = sr[i + 1], s2 = sr[i + 2], s3 = sr[i + 3];
                if (s0 == 0 && s1 == 0 && s2 == 0 && s3 == 0) continue; // ReLU zeros
                float[] d = dst[r];
                for (int j = 0; j < out; j++) d[j] += s0 * w0[j] + s1 * w1[j] + s2 * w2[j] + s3 * w3[j];
            }
        }
        for (; i < inputs; i++) {
            float[] wi = w[i];
            for (int r = 0; r < rows; r++) {
                float s = src[r][i];
                if (s == 0) continue;
                float[] d = dst[r];
                for (int j = 0; j < out; j++) d[j] += s * wi[j];
            }
        }
    }

    static void relu(float[][] a, int rows) {
        for (int r = 0; r < rows; r++) {
            float[] v = a[r];
            for (int i = 0; i < v.length; i++) v[i] = Math.max(v[i], 0f);
        }
    }
}
