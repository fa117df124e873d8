package org.d2r.core.routing;

/**
 * MaskSoftmax(z, d) (Eq. 5): softmax restricted to the selected sources d, zero elsewhere; it uses the
 * raw logits, never the SampleK temperature. Also the full softmax that ResRouting's threshold and
 * hard routing read.
 */
public final class MaskSoftmax {
    private MaskSoftmax() {}

    /** p[sel[t]] = softmax over the selected logits, for t < count. Writes only the selected entries of p (at off). */
    public static void apply(double[] z, int off, int[] sel, int count, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < count; t++) max = Math.max(max, z[off + sel[t]]);
        double s = 0;
        for (int t = 0; t < count; t++) s += Math.exp(z[off + sel[t]] - max);
        for (int t = 0; t < count; t++) p[off + sel[t]] = Math.exp(z[off + sel[t]] - max) / s;
    }

    /** The full softmax of one router's logits into out[off .. off+len). */
    public static void full(double[] z, int off, int len, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) max = Math.max(max, z[off + j]);
        double s = 0;
        for (int j = 0; j < len; j++) {
            out[off + j] = Math.exp(z[off + j] - max);
            s += out[off + j];
        }
        for (int j = 0; j < len; j++) out[off + j] /= s;
    }
}
