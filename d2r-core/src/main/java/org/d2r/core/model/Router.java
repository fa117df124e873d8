package org.d2r.core.model;

import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.MaskSoftmax;
import org.d2r.core.routing.RoutingPaths;

/**
 * Per-row routing of one batch: turns the routing network's n(n+1)/2 logits into the selected
 * sources and mixing probabilities of every router (section 3), mixes module outputs with them, and
 * carries gradients back, applying ResRouting's rule (section 4) to unsuitable sources. Row work is
 * plain loops: each module reads k = 2 sources per row, far cheaper than dense [B, i] x [i, w] ops.
 */
final class Router {
    private final int n;
    private final int k;
    private final boolean rescale;
    private final int rows;
    private final int width;
    private final int bits;
    final double[] z;
    /**
     * Full-softmax probabilities of the last route, n(n+1)/2 per row; computed only where needed
     * (training-mode passes with ResRouting, or hard routing), stale otherwise.
     */
    final double[] soft;
    final double[] p;
    final double[] gp;
    private final int[] sel;
    private final int[] tmpSel;
    private final double[] scratch;
    private final RouterSources sources;
    final RoutingPaths paths;

    Router(int modules, int topK, boolean rescale, int rows, int width, RouterSources sources) {
        this.n = modules;
        this.k = Math.min(topK, modules);
        this.rescale = rescale;
        this.rows = rows;
        this.width = width;
        this.bits = RoutingPaths.bitCount(modules);
        z = new double[rows * bits];
        soft = new double[rows * bits];
        p = new double[rows * bits];
        gp = new double[rows * bits];
        sel = new int[rows * n * k];
        tmpSel = new int[k];
        scratch = new double[2 * n];
        this.sources = sources;
        paths = new RoutingPaths(modules, rows);
    }

    private int selBase(int row, int router) {
        return (row * n + router - 1) * k;
    }

    int count(int router) {
        return Math.min(k, sources.count(router));
    }

    /** ResRouting's threshold 1/(L+1) for a router over L sources (the release's; the paper's 1/i). */
    private double threshold(int router) {
        return 1.0 / (sources.count(router) + 1);
    }

    /** Chooses every router's sources for every row and computes the mixing probabilities. */
    void route(Buf logits, int[] taskIds, Routing routing, boolean needSoftmax) {
        boolean withSoft = needSoftmax || !rescale;
        sources.expand(logits, z, rows);
        java.util.Arrays.fill(p, 0);
        for (int b = 0; b < rows; b++) {
            int rowOff = b * bits;
            paths.clearRow(b);
            double tau = routing.taskTau() == null ? 1.0 : routing.taskTau()[taskIds[b]];
            for (int r = 1; r <= n; r++) {
                int off = rowOff + RoutingPaths.routerOffset(r);
                int c = count(r);
                // a router without sources (its module reads b) chooses nothing; a stored path must choose nothing there too
                if (withSoft) sources.softmax(z, off, r, soft, scratch);
                switch (routing.mode()) {
                    case TOP_K -> sources.select(z, off, r, k, false, 1, null, tmpSel, scratch);
                    case SAMPLE_K -> sources.select(z, off, r, k, true, tau, routing.rng(), tmpSel, scratch);
                    case STORED -> readStored(routing.stored(), b, r, c);
                }
                System.arraycopy(tmpSel, 0, sel, selBase(b, r), c);
                for (int t = 0; t < c; t++) paths.set(b, RoutingPaths.routerOffset(r) + tmpSel[t], true);
                if (rescale) {
                    MaskSoftmax.apply(z, off, tmpSel, c, p);
                } else {
                    for (int t = 0; t < c; t++) p[off + tmpSel[t]] = soft[off + tmpSel[t]];
                }
            }
        }
    }

    private void readStored(RoutingPaths stored, int row, int r, int c) {
        if (stored.modules() != n || stored.rows() < rows) {
            throw new IllegalArgumentException("stored routing paths are for " + stored.modules() + " modules and " + stored.rows()
                    + " rows; this network has " + n + " modules and " + rows + " rows");
        }
        int found = 0;
        int off = RoutingPaths.routerOffset(r);
        for (int j = 0; j < r; j++) {
            if (stored.get(row, off + j)) {
                if (!sources.allowed(r, j)) {
                    throw new IllegalArgumentException("stored routing path of row " + row + " selects module " + (j + 1) + " at router "
                            + r + ", a source this network's routing granularity forbids; paths must come from a policy with the same"
                            + " granularity (or train on fresh paths: --ablation target-routing)");
                }
                if (found == c) {
                    throw new IllegalArgumentException("stored routing path of row " + row + " selects more than " + c
                            + " sources at router " + r + "; paths must come from a policy with the same top-k (" + k + ")");
                }
                tmpSel[found++] = j;
            }
        }
        if (found != c) {
            throw new IllegalArgumentException("stored routing path of row " + row + " selects " + found + " sources at router "
                    + r + ", expected " + c + " (top-k " + k + "); the path is corrupt or from another configuration (top-k, module"
                    + " count or routing granularity)");
        }
    }

    /** x = sum over router r's selected sources j of p_j * m^j, row by row. */
    void mix(int r, Buf[] m, Buf x) {
        if (x.floats() != null) {
            org.d2r.core.nn.Par.rows(rows, (long) count(r) * width, (from, to) -> mixRowsF32(r, m, x, from, to));
        } else {
            org.d2r.core.nn.Par.rows(rows, (long) count(r) * width, (from, to) -> mixRows(r, m, x, from, to));
        }
    }

    /** Float arrays (training): the same as mixRows in float, without conversions. */
    private void mixRowsF32(int r, Buf[] m, Buf x, int from, int to) {
        float[] acc = new float[width], row = new float[width];
        int c = count(r);
        java.nio.FloatBuffer xf = x.floats();
        for (int b = from; b < to; b++) {
            int base = b * width;
            int off = b * bits + RoutingPaths.routerOffset(r);
            int sb = selBase(b, r);
            int j0 = sel[sb];
            float p0 = (float) p[off + j0];
            m[j0].floats().get(base, acc, 0, width);
            for (int col = 0; col < width; col++) acc[col] *= p0;
            for (int t = 1; t < c; t++) {
                int j = sel[sb + t];
                float pj = (float) p[off + j];
                m[j].floats().get(base, row, 0, width);
                for (int col = 0; col < width; col++) acc[col] += pj * row[col];
            }
            xf.put(base, acc, 0, width);
        }
    }

    private void mixRows(int r, Buf[] m, Buf x, int from, int to) {
        double[] acc = new double[width], row = new double[width];
        float[] f32 = new float[width];
        int c = count(r);
        for (int b = from; b < to; b++) {
            int base = b * width;
            int off = b * bits + RoutingPaths.routerOffset(r);
            int sb = selBase(b, r);
            int j0 = sel[sb];
            double p0 = p[off + j0];
            m[j0].getRow(base, acc, width, f32);
            for (int col = 0; col < width; col++) acc[col] *= p0;
            for (int t = 1; t < c; t++) {
                int j = sel[sb + t];
                double pj = p[off + j];
                m[j].getRow(base, row, width, f32);
                for (int col = 0; col < width; col++) acc[col] += pj * row[col];
            }
            x.putRow(base, acc, width, f32);
        }
    }

    /**
     * Backward of {@link #mix}: adds dL/dp to gp and p_j * gx to the source's gradient. With
     * ResRouting a source whose full-softmax probability is not above 1/(L+1) (L sources) is unsuitable: its
     * share goes to gShort (reaching only that module's shortcut), otherwise to gFull.
     *
     * @param gSrc null, or (the release's ResRouting) the gradient of the consumer's shortcut copy of
     *             the same mix, which reaches every source in full whatever its suitability
     */
    void mixBackward(int r, Buf gx, Buf gSrc, Buf[] m, Buf[] gFull, Buf[] gShort, boolean resRouting) {
        if (gx.floats() != null) {
            org.d2r.core.nn.Par.rows(rows, 2L * count(r) * width, (from, to) -> mixBackwardRowsF32(r, gx, gSrc, m, gFull, gShort, resRouting, from, to));
        } else {
            org.d2r.core.nn.Par.rows(rows, 2L * count(r) * width, (from, to) -> mixBackwardRows(r, gx, gSrc, m, gFull, gShort, resRouting, from, to));
        }
    }

    /** Float arrays (training): the same as mixBackwardRows in float. */
    private void mixBackwardRowsF32(int r, Buf gx, Buf gSrc, Buf[] m, Buf[] gFull, Buf[] gShort, boolean resRouting, int from, int to) {
        double threshold = threshold(r);
        float[] g = new float[width], gs = new float[width], mrow = new float[width], trow = new float[width];
        int c = count(r);
        java.nio.FloatBuffer gf = gx.floats();
        for (int b = from; b < to; b++) {
            int base = b * width;
            int off = b * bits + RoutingPaths.routerOffset(r);
            int sb = selBase(b, r);
            gf.get(base, g, 0, width);
            if (gSrc != null) gSrc.floats().get(base, gs, 0, width);
            for (int t = 0; t < c; t++) {
                int j = sel[sb + t];
                float pj = (float) p[off + j];
                boolean unsuitable = resRouting && !(soft[off + j] > threshold);
                java.nio.FloatBuffer target = (unsuitable ? gShort[j] : gFull[j]).floats();
                m[j].floats().get(base, mrow, 0, width);
                target.get(base, trow, 0, width);
                if (gSrc != null && !unsuitable) {
                    for (int col = 0; col < width; col++) trow[col] += pj * (g[col] + gs[col]);
                } else {
                    for (int col = 0; col < width; col++) trow[col] += pj * g[col];
                }
                target.put(base, trow, 0, width);
                gp[off + j] += dot(g, mrow, width);
                if (gSrc != null) {
                    gp[off + j] += dot(gs, mrow, width);
                    if (unsuitable) {
                        java.nio.FloatBuffer full = gFull[j].floats();
                        full.get(base, trow, 0, width);
                        for (int col = 0; col < width; col++) trow[col] += pj * gs[col];
                        full.put(base, trow, 0, width);
                    }
                }
            }
        }
    }

    /** Dot product in four float lanes (a single serial sum would not vectorise), summed in double. */
    private static double dot(float[] a, float[] b, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int c = 0;
        for (; c + 3 < len; c += 4) {
            s0 += a[c] * b[c];
            s1 += a[c + 1] * b[c + 1];
            s2 += a[c + 2] * b[c + 2];
            s3 += a[c + 3] * b[c + 3];
        }
        double s = (double) s0 + s1 + s2 + s3;
        for (; c < len; c++) s += a[c] * b[c];
        return s;
    }

    private void mixBackwardRows(int r, Buf gx, Buf gSrc, Buf[] m, Buf[] gFull, Buf[] gShort, boolean resRouting, int from, int to) {
        double threshold = threshold(r);
        double[] g = new double[width], gs = new double[width], mrow = new double[width], trow = new double[width];
        float[] f32 = new float[width];
        int c = count(r);
        for (int b = from; b < to; b++) {
            int base = b * width;
            int off = b * bits + RoutingPaths.routerOffset(r);
            int sb = selBase(b, r);
            gx.getRow(base, g, width, f32);
            if (gSrc != null) gSrc.getRow(base, gs, width, f32);
            for (int t = 0; t < c; t++) {
                int j = sel[sb + t];
                double pj = p[off + j];
                boolean unsuitable = resRouting && !(soft[off + j] > threshold);
                Buf target = unsuitable ? gShort[j] : gFull[j];
                m[j].getRow(base, mrow, width, f32);
                target.getRow(base, trow, width, f32);
                double dot = 0;
                for (int col = 0; col < width; col++) {
                    dot += g[col] * mrow[col];
                    trow[col] += pj * g[col];
                }
                if (gSrc != null) {
                    if (unsuitable) {
                        target.putRow(base, trow, width, f32);
                        gFull[j].getRow(base, trow, width, f32);
                    }
                    for (int col = 0; col < width; col++) {
                        dot += gs[col] * mrow[col];
                        trow[col] += pj * gs[col];
                    }
                    target = gFull[j];
                }
                target.putRow(base, trow, width, f32);
                gp[off + j] += dot;
            }
        }
    }

    /** dL/dz from gp, through MaskSoftmax (or the full softmax when probabilities are not rescaled). */
    void logitsBackward(Buf gz) {
        for (int b = 0; b < rows; b++) {
            for (int r = 1; r <= n; r++) {
                int off = b * bits + RoutingPaths.routerOffset(r);
                int sb = selBase(b, r);
                int c = count(r);
                for (int j = 0; j < r; j++) gz.set(off + j, 0);
                if (rescale) {
                    double s = 0;
                    for (int t = 0; t < c; t++) s += p[off + sel[sb + t]] * gp[off + sel[sb + t]];
                    for (int t = 0; t < c; t++) {
                        int j = sel[sb + t];
                        gz.set(off + j, p[off + j] * (gp[off + j] - s));
                    }
                } else {
                    double s = 0;
                    for (int t = 0; t < c; t++) s += gp[off + sel[sb + t]] * soft[off + sel[sb + t]];
                    for (int j = 0; j < r; j++) gz.set(off + j, -soft[off + j] * s);
                    for (int t = 0; t < c; t++) {
                        int j = sel[sb + t];
                        gz.add(off + j, soft[off + j] * gp[off + j]);
                    }
                }
            }
        }
    }
}
