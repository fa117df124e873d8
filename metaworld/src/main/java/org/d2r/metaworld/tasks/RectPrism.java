package org.d2r.metaworld.tasks;

/**
 * reward_utils.rect_prism_tolerance: inside the axis-aligned box spanned by corners {@code zero}
 * and {@code one}, the product of the point's per-axis fractions from {@code zero} towards
 * {@code one} (1 at {@code one}, 0 on {@code zero}'s faces); 1 everywhere outside the box.
 */
final class RectPrism {
    private RectPrism() {}

    static double tolerance(double[] curr, double[] zero, double[] one) {
        boolean inPrism = inRange(curr[0], zero[0], one[0]) && inRange(curr[1], zero[1], one[1])
                && inRange(curr[2], zero[2], one[2]);
        if (!inPrism) {
            return 1.0;
        }
        double xScale = (curr[0] - zero[0]) / (one[0] - zero[0]);
        double yScale = (curr[1] - zero[1]) / (one[1] - zero[1]);
        double zScale = (curr[2] - zero[2]) / (one[2] - zero[2]);
        return xScale * yScale * zScale;
    }

    private static boolean inRange(double a, double b, double c) {
        return c >= b ? (b <= a && a <= c) : (c <= a && a <= b);
    }
}
