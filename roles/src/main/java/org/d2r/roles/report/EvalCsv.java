package org.d2r.roles.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * evaluations.csv of a run folder: one row per task per evaluation, appended and flushed each time. The
 * one schema of every mode (the pipeline's evaluator, {@code train --local}, {@code train-offline}), so
 * that runs compare column for column. Runs written before it by {@code train --local} and
 * {@code train-offline} have an {@code eval.csv} of their own columns instead, which nothing reads back.
 */
public final class EvalCsv {
    public static final String FILE = "evaluations.csv";
    public static final List<String> COLUMNS =
            List.of("update", "snapshot_version", "env_steps_per_task", "task", "success_rate", "mean_return", "episodes");
    public static final String HEADER = String.join(",", COLUMNS);

    private final Path file;

    public EvalCsv(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) CsvFile.append(file, COLUMNS).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": check the run folder is writable", e);
        }
    }

    /** The data rows with every column (a row a kill cut short has fewer). */
    private List<List<String>> rows() {
        try {
            return CsvFile.read(file).stream().filter(f -> f.size() == COLUMNS.size() && !f.equals(COLUMNS)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Episodes per task of the newest rows for {@code update} (its last evaluation); 0 when it has none. */
    public int episodesOf(long update) {
        int episodes = 0;
        for (List<String> f : rows()) {
            if (Long.parseLong(f.get(0)) == update) episodes = Integer.parseInt(f.get(6));
        }
        return episodes;
    }

    /**
     * The evaluations already in the file (a continued run's), by update count, in update order. One
     * stopped half-way (not every task written) is left out, so it is run again.
     */
    public List<SuccessCurve.Point> completed(List<String> tasks) {
        Map<Long, double[]> byUpdate = new TreeMap<>();
        Map<Long, Long> envSteps = new HashMap<>();
        Map<Long, Integer> rows = new HashMap<>();
        for (List<String> f : rows()) {
            int task = tasks.indexOf(f.get(3));
            if (task < 0) {
                throw new IllegalArgumentException(file + " has results for task '" + f.get(3) + "', not one of " + tasks
                        + ": evaluate into another run folder");
            }
            long update = Long.parseLong(f.get(0));
            byUpdate.computeIfAbsent(update, u -> new double[tasks.size()])[task] = Double.parseDouble(f.get(4));
            envSteps.put(update, f.get(2).isEmpty() ? -1 : Long.parseLong(f.get(2)));
            rows.merge(update, 1, Integer::sum);
        }
        return byUpdate.entrySet().stream().filter(e -> rows.get(e.getKey()) >= tasks.size())
                .map(e -> new SuccessCurve.Point(e.getKey(), envSteps.get(e.getKey()), e.getValue())).toList();
    }

    /** envStepsPerTask < 0 (unknown) is written as an empty field. */
    public void append(long update, long version, long envStepsPerTask, String task, double success, double meanReturn, int episodes) {
        CsvFile.appendRows(file, COLUMNS, List.of(List.of(update, version, envStepsPerTask < 0 ? "" : Long.toString(envStepsPerTask),
                task, CsvFile.fixed4(success), CsvFile.fixed4(meanReturn), episodes)));
    }
}
