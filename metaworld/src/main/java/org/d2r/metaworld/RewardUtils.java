package org.d2r.metaworld;

/**
 * Meta-World's reward shaping helpers (reward_utils.py, after dm_control): tolerance with its
 * sigmoids, and the Hamacher product t-norm. Scalar versions only, which is all the tasks need.
 */
public final class RewardUtils {

    /** tolerance()'s value at distance {@code margin} outside the bounds (value_at_margin). */
    private static final double VALUE_AT_MARGIN = 0.1;
    private static final double GAUSSIAN_SCALE = Math.sqrt(-2 * Math.log(VALUE_AT_MARGIN));
    private static final double LONG_TAIL_SCALE = Math.sqrt(1 / VALUE_AT_MARGIN - 1);

    /** The sigmoids that the V2 tasks' rewards use (reward_utils.py has six more). */
    public enum Sigmoid { GAUSSIAN, LONG_TAIL }

    private RewardUtils() {}

    /** 1 when x == 0, decreasing towards 0; {@link #VALUE_AT_MARGIN} at x == 1. */
    private static double sigmoid(double x, Sigmoid kind) {
        return switch (kind) {
            case GAUSSIAN -> {
                double s = x * GAUSSIAN_SCALE;
                yield Math.exp(-0.5 * s * s);
            }
            case LONG_TAIL -> {
                double s = x * LONG_TAIL_SCALE;
                yield 1 / (s * s + 1);
            }
        };
    }

    /** 1 inside [lower, upper], falling off with the sigmoid outside (0.1 at the margin); 0 outside if margin == 0. */
    public static double tolerance(double x, double lower, double upper, double margin, Sigmoid kind) {
        if (lower > upper) {
            throw new IllegalArgumentException("Lower bound must be <= upper bound, got " + lower + " > " + upper);
        }
        if (margin < 0) {
            throw new IllegalArgumentException("margin must be non-negative, got " + margin);
        }
        boolean inBounds = lower <= x && x <= upper;
        if (inBounds) {
            return 1.0;
        }
        if (margin == 0) {
            return 0.0;
        }
        double d = (x < lower ? lower - x : x - upper) / margin;
        return sigmoid(d, kind);
    }

    /** The Hamacher t-norm a*b / (a + b - a*b), 0 when both are 0; inputs must lie in [0, 1]. */
    public static double hamacherProduct(double a, double b) {
        if (!(a >= 0 && a <= 1 && b >= 0 && b <= 1)) {
            throw new IllegalArgumentException("hamacher_product: a and b must range between 0 and 1, got "
                    + a + ", " + b);
        }
        double denominator = a + b - a * b;
        return denominator > 0 ? a * b / denominator : 0;
    }

    /** Euclidean norm of a - b over a's coordinates. */
    public static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    public static double norm(double x, double y, double z) {
        return Math.sqrt(x * x + y * y + z * z);
    }
}
