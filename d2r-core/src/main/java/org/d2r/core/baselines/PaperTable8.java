package org.d2r.core.baselines;

import java.util.List;
import java.util.Optional;

/**
 * What the paper reports for each method (He et al., AAAI 2024, Table 8 and Table 1; {@code d2r.md} section 7): final
 * success over 5 seeds on the four benchmarks, and the trainable parameters. One place for the figures that
 * {@code params} and {@code report} print beside ours.
 */
public final class PaperTable8 {

    /** The paper's benchmarks, in its column order: MT10 at 1.5M steps per task, MT50 at 1M. */
    public static final List<String> BENCHMARKS = List.of("MT10-Fixed", "MT10-Rand", "MT50-Fixed", "MT50-Rand");
    public static final int SEEDS = 5;

    private PaperTable8() {}

    /** Mean and standard deviation over the paper's seeds, as it prints them (two decimals). */
    public record Success(double mean, double sd) {}

    /** The paper's final success of {@code m} on a benchmark named as in {@link #BENCHMARKS}; empty for any other task set. */
    public static Optional<Success> success(Method m, String benchmark) {
        int col = BENCHMARKS.indexOf(benchmark);
        if (col < 0) return Optional.empty();
        double[][] row = switch (m) {
            case MTSAC -> new double[][] {{0.66, 0.08}, {0.51, 0.08}, {0.44, 0.03}, {0.44, 0.10}};
            case MHSAC -> new double[][] {{0.74, 0.08}, {0.60, 0.04}, {0.48, 0.06}, {0.43, 0.02}};
            case CARE -> new double[][] {{0.78, 0.10}, {0.67, 0.03}, {0.49, 0.02}, {0.46, 0.03}};
            case SOFTMOD -> new double[][] {{0.84, 0.05}, {0.72, 0.03}, {0.55, 0.03}, {0.53, 0.07}};
            case PACO -> new double[][] {{0.80, 0.17}, {0.76, 0.04}, {0.60, 0.03}, {0.54, 0.03}};
            case D2R -> new double[][] {{0.92, 0.07}, {0.86, 0.05}, {0.61, 0.03}, {0.63, 0.02}};
        };
        return Optional.of(new Success(row[col][0], row[col][1]));
    }

    /** The paper's trainable parameters of {@code m} in millions (its Table 1), MT10 or MT50. */
    public static double parametersMillions(Method m, boolean mt10) {
        return switch (m) {
            case D2R -> mt10 ? 1.37 : 1.40;
            case MTSAC -> mt10 ? 1.33 : 1.36;
            case MHSAC -> mt10 ? 1.36 : 1.54;
            case SOFTMOD -> mt10 ? 1.59 : 1.62;
            case CARE -> mt10 ? 1.23 : 1.26;
            case PACO -> 3.39;
        };
    }
}
