package org.d2r.roles.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.apache.commons.csv.CSVPrinter;

/**
 * The paper's Table 8 from run folders: per comparison and method, the final success rate (the mean over tasks of the
 * last evaluation, the final policy's) as mean and standard deviation over seeds, with the method's trainable
 * parameters. Written as CSV (fractions, for scripts) and Markdown (percent, as the paper prints them).
 */
public final class Table8 {

    public static final String CSV = "table8.csv";
    public static final String MARKDOWN = "table8.md";
    public static final List<String> COLUMNS = List.of("benchmark", "goals", "preset", "steps_per_task", "budget", "method", "parameters",
            "seeds", "success_mean", "success_sd", "success_per_seed");

    private Table8() {}

    /**
     * One method of one comparison.
     *
     * @param finals the final success of each seed, in {@code seeds} order
     */
    public record Row(RunFolder.Comparison comparison, String label, long parameters, List<Long> seeds, List<Double> finals,
            Comparisons.MeanSd success) {
        public Row {
            seeds = List.copyOf(seeds);
            finals = List.copyOf(finals);
        }
    }

    /** @param parameters a run's trainable parameter count (the {@code params} command's convention) */
    public static List<Row> rows(List<Comparisons.Group> groups, ToLongFunction<RunFolder> parameters) {
        List<Row> rows = new ArrayList<>();
        for (Comparisons.Group g : groups) {
            g.byLabel().forEach((label, runs) -> {
                double[] finals = runs.stream().mapToDouble(RunFolder::finalSuccess).toArray();
                rows.add(new Row(g.key(), label, parameters.applyAsLong(runs.get(0)), runs.stream().map(RunFolder::seed).toList(),
                        java.util.Arrays.stream(finals).boxed().toList(), Comparisons.MeanSd.of(finals)));
            });
        }
        return rows;
    }

    public static void writeCsv(List<Row> rows, Path file) throws IOException {
        try (CSVPrinter p = CsvFile.create(file, COLUMNS)) {
            for (Row r : rows) {
                RunFolder.Comparison c = r.comparison();
                p.printRecord(c.benchmark(), c.goals(), c.preset(), c.stepsPerTask() == null ? "" : c.stepsPerTask(), c.budget(), r.label(),
                        r.parameters(), join(r.seeds().stream().map(String::valueOf).toList()), fixed(r.success().mean()),
                        Double.isNaN(r.success().sd()) ? "" : fixed(r.success().sd()),
                        join(r.finals().stream().map(Table8::fixed).toList()));
            }
        }
    }

    /** One Markdown table per comparison, success in percent (mean ± sd over seeds). */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        RunFolder.Comparison current = null;
        for (Row r : rows) {
            if (!r.comparison().equals(current)) {
                current = r.comparison();
                if (sb.length() > 0) sb.append('\n');
                sb.append("### ").append(current.label()).append("\n\n");
                sb.append("| method | parameters | success rate (%), mean ± sd over seeds | seeds |\n");
                sb.append("| --- | ---: | ---: | --- |\n");
            }
            sb.append("| ").append(r.label()).append(" | ").append(String.format(Locale.ROOT, "%,d", r.parameters())).append(" | ")
                    .append(percent(r.success())).append(" | ").append(r.seeds().size()).append(" (")
                    .append(join(r.seeds().stream().map(String::valueOf).toList())).append(") |\n");
        }
        return sb.toString();
    }

    /** "65.0 ± 7.1"; one seed has no spread: "65.0 (one seed)". */
    public static String percent(Comparisons.MeanSd s) {
        return Double.isNaN(s.sd()) ? String.format(Locale.ROOT, "%.1f (one seed)", 100 * s.mean())
                : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * s.mean(), 100 * s.sd());
    }

    static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String join(List<String> parts) {
        return String.join(" ", parts);
    }
}
