package org.d2r.core.routing;

import org.d2r.core.nn.Rng;

/**
 * SampleK(z / tau, k): k distinct sources drawn without replacement from softmax(z / tau), one after
 * the other with the remaining probabilities renormalised (what torch.multinomial does without
 * replacement). tau is the task's route-balancing temperature (section 5); it only shapes the choice.
 */
public final class SampleK {
    private SampleK() {}

    /**
     * @param scratch at least len doubles of working space
     * @return how many were selected: min(k, len)
     */
    public static int select(double[] z, int off, int len, int k, double tau, Rng rng, int[] out, double[] scratch) {
        if (!(tau > 0)) throw new IllegalArgumentException("SampleK temperature must be positive, got " + tau);
        int c = Math.min(k, len);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) max = Math.max(max, z[off + j] / tau);
        double total = 0;
        for (int j = 0; j < len; j++) {
            scratch[j] = Math.exp(z[off + j] / tau - max);
            total += scratch[j];
        }
        for (int t = 0; t < c; t++) {
            double u = rng.nextDouble() * total;
            int pick = -1;
            double acc = 0;
            for (int j = 0; j < len; j++) {
                if (scratch[j] == 0) continue;
                pick = j;
                acc += scratch[j];
                if (u < acc) break;
            }
            out[t] = pick;
            total -= scratch[pick];
            scratch[pick] = 0;
            if (total <= 0) {
                // every remaining source has underflowed to zero weight: take them in index order
                for (int j = 0; j < len; j++) if (!TopK.contains(out, t + 1, j) && scratch[j] == 0) scratch[j] = Double.MIN_NORMAL;
                total = 0;
                for (int j = 0; j < len; j++) if (!TopK.contains(out, t + 1, j)) total += scratch[j];
            }
        }
        return c;
    }
}
