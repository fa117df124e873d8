package org.d2r.metaworld;

/**
 * Meta-World's reward shaping helpers (reward_utils.py, after dm_control): tolerance with its
 * sigmoids, and the Hamacher product t-norm. Scalar versions only, which is all the tasks need.
 */
public final class RewardUtils {

    /** tolerance()'s value at distance {@code margin} outside the bounds. */
    public static final double DEFAULT_VALUE_AT_MARGIN = 0.1;

    public enum Sigmoid { GAUSSIAN, HYPERBOLIC, LONG_TAIL, RECIPROCAL, COSINE, LINEAR, QUADRATIC, TANH_SQUARED }

    private RewardUtils() {}

    /** 1 when x == 0, decreasing towards 0; {@code valueAt1} at x == 1. */
    public static double sigmoid(double x, double valueAt1, Sigmoid kind) {
        boolean allowsZero = kind == Sigmoid.COSINE || kind == Sigmoid.LINEAR || kind == Sigmoid.QUADRATIC;
        if (allowsZero ? !(valueAt1 >= 0 && valueAt1 < 1) : !(valueAt1 > 0 && valueAt1 < 1)) {
            throw new IllegalArgumentException("value_at_1 must be " + (allowsZero ? "in [0, 1)" : "in (0, 1)")
                    + " for sigmoid " + kind + ", got " + valueAt1);
        }
        switch (kind) {
            case GAUSSIAN: {
                double scale = Math.sqrt(-2 * Math.log(valueAt1));
                double s = x * scale;
                return Math.exp(-0.5 * s * s);
            }
            case HYPERBOLIC: {
                double a = 1 / valueAt1;
                double scale = Math.log(a + Math.sqrt(a * a - 1)); // arccosh
                return 1 / Math.cosh(x * scale);
            }
            case LONG_TAIL: {
                double scale = Math.sqrt(1 / valueAt1 - 1);
                double s = x * scale;
                return 1 / (s * s + 1);
            }
            case RECIPROCAL: {
                double scale = 1 / valueAt1 - 1;
                return 1 / (Math.abs(x) * scale + 1);
            }
            case COSINE: {
                double scale = Math.acos(2 * valueAt1 - 1) / Math.PI;
                double s = x * scale;
                return Math.abs(s) < 1 ? (1 + Math.cos(Math.PI * s)) / 2 : 0.0;
            }
            case LINEAR: {
                double s = x * (1 - valueAt1);
                return Math.abs(s) < 1 ? 1 - s : 0.0;
            }
            case QUADRATIC: {
                double s = x * Math.sqrt(1 - valueAt1);
                return Math.abs(s) < 1 ? 1 - s * s : 0.0;
            }
            case TANH_SQUARED: {
                double r = Math.sqrt(1 - valueAt1);
                double scale = 0.5 * Math.log((1 + r) / (1 - r)); // arctanh
                double t = Math.tanh(x * scale);
                return 1 - t * t;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    /** 1 inside [lower, upper], falling off with the sigmoid outside; 0 outside if margin == 0. */
    public static double tolerance(double x, double lower, double upper, double margin, Sigmoid kind,
                                   double valueAtMargin) {
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
        return sigmoid(d, valueAtMargin, kind);
    }

    /** {@link #tolerance(double, double, double, double, Sigmoid, double)} with value 0.1 at the margin. */
    public static double tolerance(double x, double lower, double upper, double margin, Sigmoid kind) {
        return tolerance(x, lower, upper, margin, kind, DEFAULT_VALUE_AT_MARGIN);
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

    /** Euclidean norm of a - b over the first n coordinates. */
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
