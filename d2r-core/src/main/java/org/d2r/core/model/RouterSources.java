package org.d2r.core.model;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.MaskSoftmax;
import org.d2r.core.routing.RoutingGranularity;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.routing.SampleK;
import org.d2r.core.routing.TopK;

/**
 * Which sources each router may choose (its {@link RoutingGranularity}), and routing restricted to
 * them. The routing network has one logit per allowed source, router by router (D2R's n(n+1)/2 when
 * every source is allowed); routing works on D2R's full layout (a router r's logits at
 * {@link RoutingPaths#routerOffset}), where a forbidden source's entry is never read. TopK, SampleK
 * and the full softmax see the allowed sources alone, as if the router had only those, so a forbidden
 * source can never be chosen and ResRouting's threshold counts allowed sources only.
 */
final class RouterSources {
    private final int n;
    private final int bits;
    private final int[][] sources;
    /** Every router over every module below its consumer: the logits are already in the full layout. */
    private final boolean everySource;
    /** For each bit of the full layout, the routing network's logit for it, or -1 for a forbidden source. */
    private final int[] logitOf;
    private final int logits;

    RouterSources(D2rNetConfig cfg) {
        n = cfg.modules();
        bits = RoutingPaths.bitCount(n);
        sources = cfg.granularity().sources(n);
        everySource = cfg.granularity() == RoutingGranularity.MODULE;
        logitOf = new int[bits];
        java.util.Arrays.fill(logitOf, -1);
        int next = 0;
        for (int r = 1; r <= n; r++) for (int j : sources[r - 1]) logitOf[RoutingPaths.routerOffset(r) + j] = next++;
        logits = next;
    }

    /** Width of the routing network's output layer. */
    int logitCount() {
        return logits;
    }

    boolean everySource() {
        return everySource;
    }

    /** How many sources router r (1-based) may choose from. */
    int count(int r) {
        return sources[r - 1].length;
    }

    boolean allowed(int r, int j) {
        return logitOf[RoutingPaths.routerOffset(r) + j] >= 0;
    }

    /** Module i (0-based) reads the base input b: module 1, and any module whose router has no source. */
    boolean readsBase(int module) {
        return module == 0 || count(module) == 0;
    }

    /** z (rows x n(n+1)/2) from the routing network's output (rows x logitCount()). */
    void expand(Buf logitsIn, double[] z, int rows) {
        if (everySource) {
            for (int i = 0; i < rows * bits; i++) z[i] = logitsIn.get(i);
            return;
        }
        for (int b = 0; b < rows; b++) {
            for (int bit = 0; bit < bits; bit++) z[b * bits + bit] = logitOf[bit] < 0 ? 0 : logitsIn.get(b * logits + logitOf[bit]);
        }
    }

    /** One row: z (n(n+1)/2) from the routing network's output for that row. */
    void expand(float[] logitsIn, double[] z) {
        for (int bit = 0; bit < bits; bit++) z[bit] = everySource ? logitsIn[bit] : logitOf[bit] < 0 ? 0 : logitsIn[logitOf[bit]];
    }

    /** The gradient with respect to the routing network's output, from the gradient in the full layout. */
    void compact(Buf full, Buf out, int rows) {
        for (int b = 0; b < rows; b++) {
            for (int bit = 0; bit < bits; bit++) if (logitOf[bit] >= 0) out.set(b * logits + logitOf[bit], full.get(b * bits + bit));
        }
    }

    /**
     * TopK, or SampleK at temperature tau, over router r's allowed sources, whose logits start at
     * z[off]; {@code out} receives the chosen sources (0..r-1).
     *
     * @param work at least 2n doubles
     * @return how many were chosen: min(k, allowed sources)
     */
    int select(double[] z, int off, int r, int k, boolean sample, double tau, Rng rng, int[] out, double[] work) {
        if (everySource) return sample ? SampleK.select(z, off, r, k, tau, rng, out, work) : TopK.select(z, off, r, k, out);
        int[] src = sources[r - 1];
        int len = src.length;
        for (int t = 0; t < len; t++) work[n + t] = z[off + src[t]];
        int c = sample ? SampleK.select(work, n, len, k, tau, rng, out, work) : TopK.select(work, n, len, k, out);
        for (int t = 0; t < c; t++) out[t] = src[out[t]];
        return c;
    }

    /** The full softmax of router r over its allowed sources into out[off..off+r); forbidden sources get 0. */
    void softmax(double[] z, int off, int r, double[] out, double[] work) {
        if (everySource) {
            MaskSoftmax.full(z, off, r, out);
            return;
        }
        int[] src = sources[r - 1];
        for (int j = 0; j < r; j++) out[off + j] = 0;
        if (src.length == 0) return;
        for (int t = 0; t < src.length; t++) work[t] = z[off + src[t]];
        MaskSoftmax.full(work, 0, src.length, work);
        for (int t = 0; t < src.length; t++) out[off + src[t]] = work[t];
    }
}
