package org.d2r.roles.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.LearnerConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.Mt10;
import org.d2r.metaworld.Mt50;
import org.d2r.roles.RunConfig;

/**
 * One run folder as the report reads it, whatever mode wrote it ({@code train}, {@code train --local},
 * {@code train-offline}): its {@code config.json}, the complete evaluations of {@code evaluations.csv} (read as the
 * trainers read them back, {@link EvalCsv#completed}) and tau_T per task from {@code metrics.csv}.
 *
 * @param evaluations the complete evaluations in update order
 * @param tau         tau_T per task (task order) after each update that metrics.csv has a row for
 */
public record RunFolder(Path dir, RunConfig config, Method method, List<String> ablations, String preset, GoalMode goalMode,
        List<String> tasks, Long stepsPerTask, int episodeLength, List<SuccessCurve.Point> evaluations,
        NavigableMap<Long, double[]> tau) {

    public RunFolder {
        ablations = List.copyOf(ablations);
        tasks = List.copyOf(tasks);
        evaluations = List.copyOf(evaluations);
        tau = Collections.unmodifiableNavigableMap(new TreeMap<>(tau));
    }

    /**
     * @throws IllegalArgumentException not a run folder, or one without a complete evaluation (the message names the fix)
     */
    public static RunFolder read(Path dir) {
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException(dir + " is not a run folder (no config.json): pass folders that train, train --local"
                    + " or train-offline wrote");
        }
        RunConfig c;
        try {
            c = RunConfig.read(configFile);
        } catch (IOException e) {
            throw new IllegalArgumentException(configFile + " cannot be read: " + e.getMessage());
        }
        if (c.tasks() == null || c.tasks().isEmpty() || c.method() == null || c.preset() == null) {
            throw new IllegalArgumentException(configFile + " names no tasks, method or preset: it was not written by a d2r run");
        }
        // every mode writes the bare preset and lists the ablations; train --local and train-offline folders from before
        // 2026-12-06 have no list and carry them in the preset's name instead ("smoke+no-resrouting")
        String preset = LearnerConfig.presetName(c.preset());
        List<String> ablations = c.ablations() != null ? c.ablations() : LearnerConfig.ablations(c.preset());
        LearnerConfig base = LearnerConfig.preset(preset);
        GoalMode goals = c.goalMode() != null ? GoalMode.valueOf(c.goalMode()) : base.fixedGoals() ? GoalMode.FIXED : GoalMode.RAND;
        List<SuccessCurve.Point> evals = new EvalCsv(dir.resolve(EvalCsv.FILE)).completed(c.tasks());
        if (evals.isEmpty()) {
            throw new IllegalArgumentException(dir + " has no complete evaluation in " + EvalCsv.FILE + ": let the run finish (or"
                    + " train-offline with --eval-episodes N), or leave the folder out");
        }
        return new RunFolder(dir, c, Method.parse(c.method()), ablations, preset, goals,
                c.tasks(), c.stepsPerTask(), c.episodeLength() != null ? c.episodeLength() : base.episodeSteps(), evals,
                tau(dir.resolve("metrics.csv"), c.tasks()));
    }

    /** tau_T per task by update, from the {@code tau_<task>} columns. */
    private static TreeMap<Long, double[]> tau(Path metrics, List<String> tasks) {
        TreeMap<Long, double[]> out = new TreeMap<>();
        List<List<String>> rows;
        try {
            rows = CsvFile.read(metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics, e);
        }
        if (rows.isEmpty()) return out;
        List<String> header = rows.get(0);
        int[] col = new int[tasks.size()];
        for (int t = 0; t < col.length; t++) {
            col[t] = header.indexOf("tau_" + tasks.get(t));
            if (col[t] < 0) return out; // a metrics.csv of another layout: no tau_T figure for this run
        }
        for (List<String> r : rows.subList(1, rows.size())) {
            if (r.size() != header.size()) continue; // the row a kill cut short
            double[] v = new double[col.length];
            for (int t = 0; t < col.length; t++) {
                String f = r.get(col[t]);
                v[t] = f.equals("nan") ? Double.NaN : Double.parseDouble(f); // MetricsCsv writes NaN as "nan"
            }
            out.put(Long.parseLong(r.get(0)), v);
        }
        return out;
    }

    /** The method as the report names it: the method with its ablations ({@code d2r+no-resrouting}). */
    public String label() {
        return ablations.isEmpty() ? method.cliName() : method.cliName() + "+" + String.join("+", ablations);
    }

    public LearnerConfig learnerConfig() {
        LearnerConfig cfg = LearnerConfig.preset(preset);
        for (String a : ablations) cfg = cfg.withAblation(a);
        return cfg;
    }

    public long seed() {
        return config.seed() == null ? 1 : config.seed();
    }

    /** MT10 or MT50 when the run's tasks are the benchmark's, in its order; the task list otherwise. */
    public String benchmark() {
        if (tasks.equals(Mt10.TASKS)) return "MT10";
        if (tasks.equals(Mt50.TASKS)) return "MT50";
        return String.join(",", tasks);
    }

    /** What makes runs comparable: the same tasks, goals, preset (network sizes, update settings) and budget. */
    public Comparison comparison() {
        return new Comparison(benchmark(), goalMode == GoalMode.FIXED ? "Fixed" : "Rand", preset, stepsPerTask, budget());
    }

    /**
     * The budget in words: environment steps per task; for train-offline, which has none, the recording (its file name and
     * transitions) and the update limit, so that offline runs of one recording compare with each other only.
     */
    String budget() {
        if (stepsPerTask != null) return String.format(Locale.ROOT, "%,d steps per task", stepsPerTask);
        com.fasterxml.jackson.databind.JsonNode source = config.source();
        if (source == null || !source.has("records")) return "budget not recorded";
        com.fasterxml.jackson.databind.JsonNode schedule = config.schedule();
        String updates = schedule != null && schedule.hasNonNull("maxUpdates") ? ", at most " + schedule.get("maxUpdates").asLong() + " updates" : "";
        return String.format(Locale.ROOT, "recording %s of %,d transitions%s", Path.of(source.path("file").asText("?")).getFileName(),
                source.get("records").asLong(), updates);
    }

    /**
     * Runs of one comparison: benchmark (or task list), goals, preset and budget ({@code stepsPerTask} null for train-offline,
     * whose budget is its recording).
     */
    public record Comparison(String benchmark, String goals, String preset, Long stepsPerTask, String budget) {
        public String label() {
            return String.format(Locale.ROOT, "%s-%s, preset %s, %s", benchmark, goals, preset, budget);
        }
    }

    /** The last evaluation: the final policy's, once the run reached its budget. */
    public SuccessCurve.Point last() {
        return evaluations.get(evaluations.size() - 1);
    }

    /** Mean over tasks of the last evaluation's success rates: the paper's per-seed figure. */
    public double finalSuccess() {
        return mean(last().success());
    }

    /** Whether the last evaluation is at the run's budget (a stopped run's is earlier: it is not a final result). */
    public boolean finished() {
        return stepsPerTask == null || last().envStepsPerTask() >= stepsPerTask;
    }

    /** tau_T per task at each evaluation (the newest metrics row at or before its update); empty without metrics. */
    public List<double[]> tauAtEvaluations() {
        if (tau.isEmpty()) return List.of();
        return evaluations.stream().map(p -> tau.floorEntry(p.update())).map(e -> (e != null ? e : tau.firstEntry()).getValue()).toList();
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    @Override
    public String toString() {
        return dir + " (" + label() + ", seed " + seed() + ")";
    }
}
