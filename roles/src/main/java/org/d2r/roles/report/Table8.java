package org.d2r.roles.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.apache.commons.csv.CSVPrinter;
import org.d2r.core.baselines.Method;
import org.d2r.core.baselines.PaperTable8;

/**
 * The paper's Table 8 from run folders: per comparison and method, the final success rate (the mean over tasks of the
 * last evaluation, the final policy's) as mean and standard deviation over seeds, with the method's trainable
 * parameters. Written as CSV (fractions, for scripts; one row per comparison and method) and Markdown: first in the
 * paper's layout ({@link Grid}: methods by benchmark, the paper's own figures beside ours), then a table per comparison.
 */
public final class Table8 {

    public static final String CSV = "table8.csv";
    public static final String MARKDOWN = "table8.md";
    public static final List<String> COLUMNS = List.of("benchmark", "goals", "preset", "steps_per_task", "budget", "column", "method",
            "parameters", "seeds", "success_mean", "success_sd", "success_per_seed", "paper_success_mean", "paper_success_sd",
            "paper_parameters_millions");

    /** The paper's row order: the baselines as its Table 8 lists them, D2R last. */
    private static final List<Method> PAPER_ORDER = List.of(Method.MTSAC, Method.MHSAC, Method.CARE, Method.SOFTMOD, Method.PACO,
            Method.D2R);

    private Table8() {}

    /**
     * One method of one comparison.
     *
     * @param finals the final success of each seed, in {@code seeds} order
     */
    public record Row(RunFolder.Comparison comparison, Method method, String label, long parameters, List<Long> seeds,
            List<Double> finals, Comparisons.MeanSd success) {
        public Row {
            seeds = List.copyOf(seeds);
            finals = List.copyOf(finals);
        }

        /** A method without ablations: the paper has figures for it. */
        boolean plain() {
            return label.equals(method.cliName());
        }
    }

    /** @param parameters a run's trainable parameter count (the {@code params} command's convention) */
    public static List<Row> rows(List<Comparisons.Group> groups, ToLongFunction<RunFolder> parameters) {
        List<Row> rows = new ArrayList<>();
        for (Comparisons.Group g : groups) {
            g.byLabel().forEach((label, runs) -> {
                double[] finals = runs.stream().mapToDouble(RunFolder::finalSuccess).toArray();
                rows.add(new Row(g.key(), runs.get(0).method(), label, parameters.applyAsLong(runs.get(0)),
                        runs.stream().map(RunFolder::seed).toList(), java.util.Arrays.stream(finals).boxed().toList(),
                        Comparisons.MeanSd.of(finals)));
            });
        }
        return rows;
    }

    /**
     * A column of the paper's layout: one comparison. Its title is the benchmark and goals (MT10-Rand), with the preset
     * and budget added when another column has the same benchmark, so that no column mixes budgets.
     */
    public record Column(RunFolder.Comparison comparison, String title) {
        /** "MT10-Rand", or the task list and goals: what the paper's column header would be. */
        public String benchmark() {
            return comparison.benchmark() + "-" + comparison.goals();
        }

        /** The preset and budget, which the title leaves out when they tell no columns apart. */
        public String budget() {
            return "preset " + comparison.preset() + ", " + comparison.budget();
        }
    }

    /**
     * A row of the paper's layout: a method (with its ablations) of our runs, or the paper's figures for that method.
     *
     * @param cells      per column: "mean ± sd (n seeds)" over seeds, or "" where the row has no runs (no figure)
     * @param parameters the parameter counts of the row's cells ("; " between differing ones, each naming its columns)
     */
    public record GridRow(String label, boolean paper, String parameters, List<String> cells) {
        public GridRow {
            cells = List.copyOf(cells);
        }
    }

    /** The paper's layout: rows are methods, columns benchmarks (each at one preset and budget). */
    public record Grid(List<Column> columns, List<GridRow> rows) {
        public Grid {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /**
     * The paper's layout of {@code rows}: a column per comparison, the paper's four benchmarks first in its order; a row per
     * method label in the paper's method order (ablations after their method), each plain method followed by the
     * paper's figures for it where a column is on one of the paper's benchmarks.
     */
    public static Grid grid(List<Row> rows) {
        List<Column> plain = rows.stream().map(Row::comparison).distinct().map(c -> new Column(c, c.benchmark() + "-" + c.goals()))
                .sorted(Comparator.comparingInt(c -> paperColumn(c.title()))).toList();
        List<RunFolder.Comparison> keys = plain.stream().map(Column::comparison).toList();
        List<Column> columns = plain.stream().map(c -> plain.stream().filter(o -> o.title().equals(c.title())).count() > 1
                ? new Column(c.comparison(), c.title() + " (" + c.budget() + ")") : c).toList();
        LinkedHashSet<String> labels = new LinkedHashSet<>();
        rows.stream().sorted(Comparator.comparingInt((Row r) -> PAPER_ORDER.indexOf(r.method())).thenComparing(r -> !r.plain()))
                .forEach(r -> labels.add(r.label()));
        List<GridRow> out = new ArrayList<>();
        for (String label : labels) {
            Row[] cells = new Row[columns.size()];
            for (Row r : rows) {
                if (r.label().equals(label)) cells[keys.indexOf(r.comparison())] = r;
            }
            out.add(new GridRow(label, false, parameters(columns, cells),
                    java.util.Arrays.stream(cells).map(r -> r == null ? "" : cell(r.success())).toList()));
            Row any = java.util.Arrays.stream(cells).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
            if (any.plain()) paperRow(any.method(), label, columns).ifPresent(out::add);
        }
        return new Grid(columns, out);
    }

    private static int paperColumn(String benchmark) {
        int i = PaperTable8.BENCHMARKS.indexOf(benchmark);
        return i < 0 ? PaperTable8.BENCHMARKS.size() : i;
    }

    /** The paper's figures for {@code m} in the columns on its benchmarks; none when no column is. */
    private static Optional<GridRow> paperRow(Method m, String label, List<Column> columns) {
        List<String> cells = new ArrayList<>();
        LinkedHashSet<String> params = new LinkedHashSet<>();
        for (Column c : columns) {
            Optional<PaperTable8.Success> s = PaperTable8.success(m, c.benchmark());
            cells.add(s.map(v -> String.format(Locale.ROOT, "%.2f ± %.2f (%d seeds)", v.mean(), v.sd(), PaperTable8.SEEDS)).orElse(""));
            if (s.isPresent()) {
                params.add(String.format(Locale.ROOT, "%.2fM", PaperTable8.parametersMillions(m, c.comparison().benchmark().equals("MT10"))));
            }
        }
        if (params.isEmpty()) return Optional.empty();
        return Optional.of(new GridRow(label + " (paper)", true, String.join(" / ", params), cells));
    }

    /** One count when every cell has it; otherwise each count with the columns it belongs to. */
    private static String parameters(List<Column> columns, Row[] cells) {
        Map<Long, List<String>> byCount = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null) byCount.computeIfAbsent(cells[i].parameters(), k -> new ArrayList<>()).add(columns.get(i).title());
        }
        if (byCount.size() == 1) return count(byCount.keySet().iterator().next());
        return byCount.entrySet().stream().map(e -> count(e.getKey()) + " (" + String.join(", ", e.getValue()) + ")")
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /** "0.65 ± 0.07 (3 seeds)" as the paper prints success (fractions, two decimals); one seed has no spread. */
    public static String cell(Comparisons.MeanSd s) {
        return Double.isNaN(s.sd()) ? String.format(Locale.ROOT, "%.2f (1 seed)", s.mean())
                : String.format(Locale.ROOT, "%.2f ± %.2f (%d seeds)", s.mean(), s.sd(), s.n());
    }

    public static void writeCsv(List<Row> rows, Path file) throws IOException {
        Grid grid = grid(rows);
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(file), CsvFile.FORMAT)) {
            p.printRecord(COLUMNS);
            for (Row r : rows) {
                RunFolder.Comparison c = r.comparison();
                Column column = grid.columns().stream().filter(col -> col.comparison().equals(c)).findFirst().orElseThrow();
                Optional<PaperTable8.Success> paper = r.plain() ? PaperTable8.success(r.method(), column.benchmark()) : Optional.empty();
                p.printRecord(c.benchmark(), c.goals(), c.preset(), c.stepsPerTask() == null ? "" : c.stepsPerTask(), c.budget(),
                        column.title(), r.label(), r.parameters(), String.join(" ", r.seeds().stream().map(String::valueOf).toList()),
                        CsvFile.fixed4(r.success().mean()), Double.isNaN(r.success().sd()) ? "" : CsvFile.fixed4(r.success().sd()),
                        String.join(" ", r.finals().stream().map(CsvFile::fixed4).toList()),
                        paper.map(s -> CsvFile.fixed4(s.mean())).orElse(""), paper.map(s -> CsvFile.fixed4(s.sd())).orElse(""),
                        paper.map(s -> String.valueOf(PaperTable8.parametersMillions(r.method(), c.benchmark().equals("MT10")))).orElse(""));
            }
        }
    }

    /** The paper's layout, then one Markdown table per comparison with success in percent (mean ± sd over seeds). */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        Grid grid = grid(rows);
        sb.append("## Table 8 in the paper's layout\n\n");
        sb.append(GRID_CAPTION).append("\n\n");
        sb.append("| method | parameters |");
        grid.columns().forEach(c -> sb.append(' ').append(c.title()).append(" |"));
        sb.append("\n| --- | ---: |");
        grid.columns().forEach(c -> sb.append(" ---: |"));
        sb.append('\n');
        for (GridRow r : grid.rows()) {
            sb.append("| ").append(r.paper() ? "*" + r.label() + "*" : r.label()).append(" | ").append(r.parameters()).append(" |");
            r.cells().forEach(c -> sb.append(' ').append(c.isEmpty() ? "–" : c).append(" |"));
            sb.append('\n');
        }
        String notes = columnNotes(grid);
        sb.append(notes.isEmpty() ? "" : "\n" + notes + "\n").append("\n## By comparison\n\n");
        RunFolder.Comparison current = null;
        for (Row r : rows) {
            if (!r.comparison().equals(current)) {
                if (current != null) sb.append('\n');
                current = r.comparison();
                sb.append("### ").append(current.label()).append("\n\n");
                sb.append("| method | parameters | success rate (%), mean ± sd over seeds | seeds |\n");
                sb.append("| --- | ---: | ---: | --- |\n");
            }
            sb.append("| ").append(r.label()).append(" | ").append(count(r.parameters())).append(" | ")
                    .append(percent(r.success())).append(" | ").append(r.seeds().size()).append(" (")
                    .append(String.join(" ", r.seeds().stream().map(String::valueOf).toList())).append(") |\n");
        }
        return sb.toString();
    }

    /** What the paper's layout shows, for the page and the Markdown. */
    public static final String GRID_CAPTION = "Final success rate, mean ± standard deviation (n - 1) over seeds, as fractions as the"
            + " paper prints them; parameters as the params command counts them. The rows \"(paper)\" are the paper's"
            + " own Table 8 (5 seeds, 1.5M environment steps per task on MT10 and 1M on MT50, the full-size networks of its"
            + " Table 1), beside the columns on its benchmarks: compare them knowing the budget and sizes of each column.";

    /** The preset and budget of each column whose title does not name them (titles name them only to tell columns apart). */
    public static String columnNotes(Grid grid) {
        List<String> notes = grid.columns().stream().filter(c -> c.title().equals(c.benchmark())).map(c -> c.title() + ": " + c.budget())
                .toList();
        return notes.isEmpty() ? "" : "Columns: " + String.join("; ", notes) + ".";
    }

    /** "65.0 ± 7.1"; one seed has no spread: "65.0 (one seed)". */
    public static String percent(Comparisons.MeanSd s) {
        return Double.isNaN(s.sd()) ? String.format(Locale.ROOT, "%.1f (one seed)", 100 * s.mean())
                : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * s.mean(), 100 * s.sd());
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
