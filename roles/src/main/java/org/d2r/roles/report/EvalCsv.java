package org.d2r.roles.report;

import org.d2r.roles.report.SuccessCurve;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * evaluations.csv of a run folder: one row per task per evaluation, appended and flushed each time. The
 * one schema of every mode (the pipeline's evaluator, {@code train --local}, {@code train-offline}), so
 * that runs compare column for column. Runs written before it by {@code train --local} and
 * {@code train-offline} have an {@code eval.csv} of their own columns instead, which nothing reads back.
 */
public final class EvalCsv {
    /** The file's name in a run folder. */
    public static final String FILE = "evaluations.csv";
    public static final String HEADER = "update,snapshot_version,env_steps_per_task,task,success_rate,mean_return,episodes";

    private final Path file;

    public EvalCsv(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": check the run folder is writable", e);
        }
    }

    /** Episodes per task of the newest rows for {@code update} (its last evaluation); 0 when it has none. */
    public int episodesOf(long update) {
        int episodes = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(",", -1);
                if (line.equals(HEADER) || f.length != 7 || Long.parseLong(f[0]) != update) continue;
                episodes = Integer.parseInt(f[6]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return episodes;
    }

    /**
     * The evaluations already in the file (a continued run's), by update count, in update order. One
     * stopped half-way (not every task written) is left out, so it is run again.
     */
    public List<SuccessCurve.Point> completed(List<String> tasks) {
        Map<Long, double[]> byUpdate = new HashMap<>();
        Map<Long, Long> envSteps = new HashMap<>();
        Map<Long, Integer> rows = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(",", -1);
                if (line.equals(HEADER) || f.length != 7) continue;
                int task = tasks.indexOf(f[3]);
                if (task < 0) {
                    throw new IllegalArgumentException(file + " has results for task '" + f[3] + "', not one of " + tasks
                            + ": evaluate into another run folder");
                }
                long update = Long.parseLong(f[0]);
                byUpdate.computeIfAbsent(update, u -> new double[tasks.size()])[task] = Double.parseDouble(f[4]);
                envSteps.put(update, f[2].isEmpty() ? -1 : Long.parseLong(f[2]));
                rows.merge(update, 1, Integer::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        SortedMap<Long, SuccessCurve.Point> out = new TreeMap<>();
        byUpdate.forEach((u, s) -> {
            if (rows.get(u) >= tasks.size()) out.put(u, new SuccessCurve.Point(u, envSteps.get(u), s));
        });
        return List.copyOf(out.values());
    }

    /** envStepsPerTask < 0 (unknown) is written as an empty field. */
    public void append(long update, long version, long envStepsPerTask, String task, double success, double meanReturn, int episodes) {
        String row = String.format(Locale.ROOT, "%d,%d,%s,%s,%.4f,%.4f,%d%n", update, version,
                envStepsPerTask < 0 ? "" : Long.toString(envStepsPerTask), task, success, meanReturn, episodes);
        try {
            Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
