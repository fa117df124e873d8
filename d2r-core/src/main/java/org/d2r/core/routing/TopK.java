package org.d2r.core.routing;

/** TopK(z, k): the k largest logits of one router (all of them when the router has at most k sources). Ties go to the lower index, so it is deterministic. */
public final class TopK {
    private TopK() {}

    /**
     * @param off first logit of this router in z
     * @param len number of sources of this router
     * @param out receives the selected source indices (0-based within the router), best first
     * @return how many were selected: min(k, len)
     */
    public static int select(double[] z, int off, int len, int k, int[] out) {
        int c = Math.min(k, len);
        for (int t = 0; t < c; t++) {
            int best = -1;
            for (int j = 0; j < len; j++) {
                if (contains(out, t, j)) continue;
                if (best < 0 || z[off + j] > z[off + best]) best = j;
            }
            out[t] = best;
        }
        return c;
    }

    static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) if (a[i] == v) return true;
        return false;
    }
}
