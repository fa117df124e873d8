package org.d2r.core.routing;

/**
 * Automatic route balancing (section 5): tau_T = N * softmax(-log alpha)_T, so a task whose entropy
 * temperature alpha is small (a task that is still hard) samples its routes at a high temperature
 * and keeps exploring paths; the mean temperature is 1 (the release's factor N).
 */
public final class RouteBalancing {
    private RouteBalancing() {}

    public static double[] temperatures(double[] logAlpha) {
        int n = logAlpha.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double la : logAlpha) max = Math.max(max, -la);
        double s = 0;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.exp(-logAlpha[i] - max);
            s += t[i];
        }
        for (int i = 0; i < n; i++) t[i] = n * t[i] / s;
        return t;
    }
}
