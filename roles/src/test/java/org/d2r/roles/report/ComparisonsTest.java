package org.d2r.roles.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.d2r.core.nn.Rng;
import org.d2r.roles.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which runs the report averages, and its numbers: run folders written by the writers the trainers use (RunConfig,
 * EvalCsv), the expected figures computed here from the evaluations.csv rows themselves.
 */
class ComparisonsTest {

    private static final List<String> TASKS = List.of("reach-v2", "push-v2", "pick-place-v2");

    /** A finished run folder: evaluations every 100 steps per task up to {@code steps}, success rates drawn from {@code seed}. */
    private static Path run(Path root, String name, String method, String preset, long seed, long steps, long evaluatedTo) throws Exception {
        return run(root, name, method, List.of(), TASKS, "RAND", preset, seed, steps, evaluatedTo);
    }

    private static Path run(Path root, String name, String method, List<String> ablations, List<String> tasks, String goals, String preset,
            long seed, long steps, long evaluatedTo) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        RunConfig.builder(RunConfig.LOCAL).preset(preset).method(method).ablations(ablations).tasks(tasks).goalMode(goals).seed(seed)
                .stepsPerTask(steps).episodeLength(200).build().write(dir.resolve("config.json"));
        EvalCsv csv = new EvalCsv(dir.resolve(EvalCsv.FILE));
        Rng rng = new Rng(seed * 31 + name.length());
        for (long s = 100; s <= evaluatedTo; s += 100) {
            for (String t : tasks) csv.append(s / 2, s / 2, s, t, Math.round(rng.nextDouble() * 32) / 32.0, 1.0, 32);
        }
        return dir;
    }

    /** "mean ± sd (n seeds)" of the runs' final successes, each read from its CSV rows (one seed: "mean (1 seed)"). */
    private static String cellByHand(Path... dirs) throws Exception {
        double[] f = new double[dirs.length];
        for (int i = 0; i < f.length; i++) f[i] = finalSuccessByHand(dirs[i]);
        double mean = 0;
        for (double v : f) mean += v / f.length;
        if (f.length == 1) return String.format(java.util.Locale.ROOT, "%.2f (1 seed)", mean);
        double ss = 0;
        for (double v : f) ss += (v - mean) * (v - mean);
        return String.format(java.util.Locale.ROOT, "%.2f ± %.2f (%d seeds)", mean, Math.sqrt(ss / (f.length - 1)), f.length);
    }

    @Test
    void theGridHasTheMethodsAsRowsAndABenchmarkAtOneBudgetPerColumnWithThePapersFiguresBeside(@TempDir Path tmp) throws Exception {
        List<String> mt10 = org.d2r.metaworld.Mt10.TASKS;
        List<String> mt50 = org.d2r.metaworld.Mt50.TASKS;
        Path d1 = run(tmp, "d2r-r1", "d2r", List.of(), mt10, "RAND", "smoke", 1, 500, 500);
        Path d2 = run(tmp, "d2r-r2", "d2r", List.of(), mt10, "RAND", "smoke", 2, 500, 500);
        Path d3 = run(tmp, "d2r-r3", "d2r", List.of(), mt10, "RAND", "smoke", 3, 500, 500);
        Path m1 = run(tmp, "mtsac-r1", "mtsac", List.of(), mt10, "RAND", "smoke", 1, 500, 500);
        Path m2 = run(tmp, "mtsac-r2", "mtsac", List.of(), mt10, "RAND", "smoke", 2, 500, 500);
        Path a1 = run(tmp, "nores-r1", "d2r", List.of("no-resrouting"), mt10, "RAND", "smoke", 1, 500, 500);
        Path f1 = run(tmp, "d2r-f1", "d2r", List.of(), mt10, "FIXED", "smoke", 1, 500, 500);
        Path mf1 = run(tmp, "mtsac-f1", "mtsac", List.of(), mt10, "FIXED", "smoke", 1, 500, 500);
        Path s1 = run(tmp, "d2r-short1", "d2r", List.of(), mt10, "RAND", "smoke", 1, 400, 400); // another budget, same benchmark
        Path s2 = run(tmp, "d2r-short2", "d2r", List.of(), mt10, "RAND", "smoke", 2, 400, 400);
        Path fifty = run(tmp, "d2r-50", "d2r", List.of(), mt50, "RAND", "smoke", 1, 500, 500);
        Path few = run(tmp, "d2r-few", "d2r", List.of(), TASKS, "RAND", "smoke", 1, 500, 500);
        List<RunFolder> runs = new ArrayList<>();
        for (Path p : List.of(d1, d2, d3, m1, m2, a1, f1, mf1, s1, s2, fifty, few)) runs.add(RunFolder.read(p));
        List<Table8.Row> rows = Table8.rows(Comparisons.group(runs).groups(), r -> r.method().ordinal() * 1000L + r.tasks().size());
        Table8.Grid grid = Table8.grid(rows);

        String rand500 = "MT10-Rand (preset smoke, 500 steps per task)";
        String rand400 = "MT10-Rand (preset smoke, 400 steps per task)";
        String few3 = "reach-v2,push-v2,pick-place-v2-Rand";
        assertEquals(List.of("MT10-Fixed", rand500, rand400, "MT50-Rand", few3), grid.columns().stream().map(Table8.Column::title).toList(),
                "the paper's benchmarks in its order; one MT10-Rand column per budget, each naming its budget");
        assertEquals(List.of("mtsac", "mtsac (paper)", "d2r", "d2r (paper)", "d2r+no-resrouting"),
                grid.rows().stream().map(Table8.GridRow::label).toList(), "the paper's order, its figures below each method's");
        Table8.GridRow mtsac = grid.rows().get(0);
        assertEquals(List.of(cellByHand(mf1), cellByHand(m1, m2), "", "", ""), mtsac.cells());
        assertEquals("1,010", mtsac.parameters());
        Table8.GridRow d2r = grid.rows().get(2);
        assertEquals(List.of(cellByHand(f1), cellByHand(d1, d2, d3), cellByHand(s1, s2), cellByHand(fifty), cellByHand(few)), d2r.cells());
        assertEquals("10 (MT10-Fixed, " + rand500 + ", " + rand400 + "); 50 (MT50-Rand); 3 (" + few3 + ")", d2r.parameters(),
                "a count per network size, naming its columns");
        assertEquals(List.of("", cellByHand(a1), "", "", ""), grid.rows().get(4).cells());
        // the paper's Table 8 (d2r.md section 7) in the columns on its benchmarks, at whatever budget ours ran
        Table8.GridRow paperD2r = grid.rows().get(3);
        assertTrue(paperD2r.paper() && !d2r.paper());
        assertEquals(List.of("0.92 ± 0.07 (5 seeds)", "0.86 ± 0.05 (5 seeds)", "0.86 ± 0.05 (5 seeds)", "0.63 ± 0.02 (5 seeds)", ""),
                paperD2r.cells());
        assertEquals("1.37M / 1.40M", paperD2r.parameters());
        assertEquals(List.of("0.66 ± 0.08 (5 seeds)", "0.51 ± 0.08 (5 seeds)", "0.51 ± 0.08 (5 seeds)", "0.44 ± 0.10 (5 seeds)", ""),
                grid.rows().get(1).cells());

        String md = Table8.markdown(rows);
        assertTrue(md.contains("| method | parameters | MT10-Fixed | " + rand500 + " | " + rand400 + " | MT50-Rand | " + few3 + " |"), md);
        assertTrue(md.contains("| d2r | " + d2r.parameters() + " | " + String.join(" | ", d2r.cells()) + " |"), md);
        assertTrue(md.contains("| *d2r (paper)* | 1.37M / 1.40M | 0.92 ± 0.07 (5 seeds) |"), md);
        assertTrue(md.contains("| d2r+no-resrouting | 10 | – | " + cellByHand(a1) + " | – | – | – |"), md);
        assertTrue(md.contains("MT10-Fixed: preset smoke, 500 steps per task"), "each column's budget is said: " + md);

        Path csv = tmp.resolve("table8.csv");
        Table8.writeCsv(rows, csv);
        List<CSVRecord> table = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv)) {
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).forEach(table::add);
        }
        assertEquals(rows.size(), table.size(), "long form: a row per comparison and method");
        CSVRecord d2rRand = table.stream().filter(r -> r.get("method").equals("d2r") && r.get("column").equals(rand500)).findFirst().orElseThrow();
        assertEquals("0.8600", d2rRand.get("paper_success_mean"));
        assertEquals("0.0500", d2rRand.get("paper_success_sd"));
        assertEquals("1.37", d2rRand.get("paper_parameters_millions"));
        CSVRecord ablated = table.stream().filter(r -> r.get("method").equals("d2r+no-resrouting")).findFirst().orElseThrow();
        assertEquals("", ablated.get("paper_success_mean"), "the paper has no figure for an ablation");
        CSVRecord other = table.stream().filter(r -> r.get("column").equals(few3)).findFirst().orElseThrow();
        assertEquals("", other.get("paper_success_mean"), "nor for a task list of its own");
    }

    @Test
    void aGridWithoutThePapersBenchmarksHasNoPaperRows(@TempDir Path tmp) throws Exception {
        List<RunFolder> runs = List.of(RunFolder.read(run(tmp, "a", "d2r", "smoke", 1, 500, 500)),
                RunFolder.read(run(tmp, "b", "mhsac", "smoke", 1, 500, 500)));
        Table8.Grid grid = Table8.grid(Table8.rows(Comparisons.group(runs).groups(), r -> 7));
        assertFalse(grid.rows().stream().anyMatch(Table8.GridRow::paper), "no row holds the paper's figures");
        assertEquals(List.of("mhsac", "d2r"), grid.rows().stream().map(Table8.GridRow::label).toList());
        assertEquals(List.of("reach-v2,push-v2,pick-place-v2-Rand"), grid.columns().stream().map(Table8.Column::title).toList());
    }

    @Test
    void ablationsAreReadFromConfigJsonAndFromTheNameOfAnOlderLocalRunsPreset(@TempDir Path tmp) throws Exception {
        RunFolder now = RunFolder.read(run(tmp, "now", "d2r", List.of("no-resrouting", "top-k=3"), TASKS, "RAND", "smoke", 1, 500, 500));
        Path old = run(tmp, "old", "d2r", List.of(), TASKS, "RAND", "smoke+no-resrouting+top-k=3", 2, 500, 500);
        RunFolder before = RunFolder.read(old);
        assertEquals("d2r+no-resrouting+top-k=3", now.label());
        assertEquals(now.label(), before.label());
        assertEquals("smoke", before.preset());
        assertEquals(now.comparison(), before.comparison(), "one comparison: the two are seeds of one method");
        assertEquals(2, Comparisons.group(List.of(now, before)).groups().get(0).byLabel().get(now.label()).size());
    }

    /** The mean over tasks of the last evaluation, read straight from the CSV rows. */
    private static double finalSuccessByHand(Path dir) throws Exception {
        List<CSVRecord> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(dir.resolve("evaluations.csv"))) {
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).forEach(rows::add);
        }
        long last = rows.stream().mapToLong(r -> Long.parseLong(r.get("update"))).max().orElseThrow();
        return rows.stream().filter(r -> Long.parseLong(r.get("update")) == last).mapToDouble(r -> Double.parseDouble(r.get("success_rate")))
                .average().orElseThrow();
    }

    @Test
    void theTableIsTheMeanAndSampleStandardDeviationOverSeedsOfEachRunsLastEvaluation(@TempDir Path tmp) throws Exception {
        List<Path> d2r = List.of(run(tmp, "d2r-1", "d2r", "smoke", 1, 500, 500), run(tmp, "d2r-2", "d2r", "smoke", 2, 500, 500),
                run(tmp, "d2r-3", "d2r", "smoke", 3, 500, 500));
        List<Path> mtsac = List.of(run(tmp, "mtsac-1", "mtsac", "smoke", 1, 500, 500), run(tmp, "mtsac-2", "mtsac", "smoke", 2, 500, 500));
        List<RunFolder> runs = new ArrayList<>();
        for (Path p : List.of(mtsac.get(0), d2r.get(0), d2r.get(1), mtsac.get(1), d2r.get(2))) runs.add(RunFolder.read(p));
        Comparisons.Grouping g = Comparisons.group(runs);
        assertEquals(1, g.groups().size());
        assertEquals(List.of("d2r", "mtsac"), List.copyOf(g.groups().get(0).byLabel().keySet()), "D2R first, then the baselines");
        List<Table8.Row> rows = Table8.rows(g.groups(), r -> r.method().ordinal() + 1000);
        Path csv = tmp.resolve("table8.csv");
        Table8.writeCsv(rows, csv);

        Map<String, double[]> expected = new HashMap<>();
        for (Map.Entry<String, List<Path>> e : Map.of("d2r", d2r, "mtsac", mtsac).entrySet()) {
            double[] f = new double[e.getValue().size()];
            for (int i = 0; i < f.length; i++) f[i] = finalSuccessByHand(e.getValue().get(i));
            double mean = 0;
            for (double v : f) mean += v / f.length;
            double ss = 0;
            for (double v : f) ss += (v - mean) * (v - mean);
            expected.put(e.getKey(), new double[] {mean, Math.sqrt(ss / (f.length - 1))});
        }
        List<CSVRecord> table = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv)) {
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).forEach(table::add);
        }
        assertEquals(2, table.size());
        for (CSVRecord r : table) {
            double[] want = expected.get(r.get("method"));
            assertEquals(want[0], Double.parseDouble(r.get("success_mean")), 5e-5, r.toString());
            assertEquals(want[1], Double.parseDouble(r.get("success_sd")), 5e-5, r.toString());
            assertTrue(want[1] > 0, "seeds that differ: " + want[1]);
            assertEquals("reach-v2,push-v2,pick-place-v2", r.get("benchmark"));
            assertEquals("500", r.get("steps_per_task"));
        }
        assertEquals("1000", table.get(0).get("parameters"), "the caller's count for D2R");
        assertEquals("1 2 3", table.get(0).get("seeds"));
        String md = Table8.markdown(rows);
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| d2r | 1,000 | %.1f ± %.1f | 3 (1 2 3) |", 100 * expected.get("d2r")[0],
                100 * expected.get("d2r")[1])), md);
    }

    @Test
    void runsOfAnotherBudgetOrPresetAreGroupedApartAndStoppedRunsSetAside(@TempDir Path tmp) throws Exception {
        List<RunFolder> runs = List.of(RunFolder.read(run(tmp, "a", "d2r", "smoke", 1, 500, 500)),
                RunFolder.read(run(tmp, "b", "d2r", "smoke", 1, 400, 400)),
                RunFolder.read(run(tmp, "c", "d2r", "mt10-rand", 1, 500, 500)),
                RunFolder.read(run(tmp, "d", "d2r", "smoke", 2, 500, 300)),
                RunFolder.read(run(tmp, "e", "mhsac", "smoke", 2, 500, 500)));
        Comparisons.Grouping g = Comparisons.group(runs);
        assertEquals(3, g.groups().size(), "budgets 500 and 400, and another preset: " + g.groups());
        assertEquals(List.of("d2r", "mhsac"), List.copyOf(g.groups().get(0).byLabel().keySet()));
        assertEquals(1, g.groups().get(0).byLabel().get("d2r").size(), "the stopped seed is not averaged in");
        assertEquals(List.of(tmp.resolve("d")), g.unfinished().stream().map(RunFolder::dir).toList());
        assertEquals(300, g.unfinished().get(0).last().envStepsPerTask());
    }

    @Test
    void theSameSeedTwiceOrTheSameFolderTwiceIsRefused(@TempDir Path tmp) throws Exception {
        RunFolder a = RunFolder.read(run(tmp, "a", "d2r", "smoke", 1, 500, 500));
        RunFolder b = RunFolder.read(run(tmp, "b", "d2r", "smoke", 1, 500, 500));
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class, () -> Comparisons.group(List.of(a, b)));
        assertTrue(seed.getMessage().contains("both d2r with seed 1") && seed.getMessage().contains("pass one of them"), seed.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> Comparisons.group(List.of(a, a)));
        assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("no-run"));
        IllegalArgumentException notRun = assertThrows(IllegalArgumentException.class, () -> RunFolder.read(empty));
        assertTrue(notRun.getMessage().contains("not a run folder (no config.json)"), notRun.getMessage());
    }

    @Test
    void curvesTakeTheMedianAndQuartilesOverSeedsAtStepsEverySeedHas(@TempDir Path tmp) throws Exception {
        List<Path> dirs = List.of(run(tmp, "s1", "d2r", "smoke", 1, 500, 500), run(tmp, "s2", "d2r", "smoke", 2, 500, 500),
                run(tmp, "s3", "d2r", "smoke", 3, 500, 500), run(tmp, "s4", "d2r", "smoke", 4, 500, 500));
        List<RunFolder> seeds = new ArrayList<>();
        for (Path d : dirs) seeds.add(RunFolder.read(d));
        List<Comparisons.CurvePoint> curve = Comparisons.curve(seeds, -1, true);
        assertEquals(List.of(300L, 600L, 900L, 1200L, 1500L), curve.stream().map(Comparisons.CurvePoint::x).toList(),
                "steps per task x 3 tasks");
        // at the last point: each seed's final success, sorted; numpy's default percentile interpolates linearly
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) v[i] = finalSuccessByHand(dirs.get(i));
        java.util.Arrays.sort(v);
        Comparisons.Quartiles q = curve.get(4).success();
        assertEquals((v[1] + v[2]) / 2, q.median(), 1e-12);
        assertEquals(v[0] + 0.75 * (v[1] - v[0]), q.q1(), 1e-12);
        assertEquals(v[2] + 0.25 * (v[3] - v[2]), q.q3(), 1e-12);
    }

    /** A train-offline folder: no steps per task, its recording in "source", one final evaluation without environment steps. */
    private static Path offline(Path root, String name, String recording, long records, double success) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        RunConfig.builder(RunConfig.OFFLINE).preset("smoke").method("d2r").tasks(TASKS).goalMode("RAND").seed(1)
                .source(Map.of("file", "/data/" + recording, "records", records)).build().write(dir.resolve("config.json"));
        EvalCsv csv = new EvalCsv(dir.resolve(EvalCsv.FILE));
        for (String t : TASKS) csv.append(250, 250, -1, t, success, 1.0, 10);
        return dir;
    }

    @Test
    void offlineRunsCompareByTheirRecordingAndArePlacedByUpdates(@TempDir Path tmp) throws Exception {
        List<RunFolder> runs = List.of(RunFolder.read(offline(tmp, "a", "rec.avro", 600, 0.5)),
                RunFolder.read(offline(tmp, "b", "other.avro", 600, 0.25)));
        Comparisons.Grouping g = Comparisons.group(runs);
        assertEquals(2, g.groups().size(), "two recordings are two budgets");
        assertEquals("reach-v2,push-v2,pick-place-v2-Rand, preset smoke, recording rec.avro of 600 transitions", g.groups().get(0).key().label());
        assertTrue(g.unfinished().isEmpty(), "an offline run's final evaluation is its last");
        assertFalse(g.groups().get(0).bySteps());
        List<Comparisons.CurvePoint> curve = Comparisons.curve(g.groups().get(0).byLabel().get("d2r"), -1, false);
        assertEquals(1, curve.size());
        assertEquals(250, curve.get(0).x(), "placed by its update count");
        assertEquals(0.5, curve.get(0).success().median(), 1e-12);
    }
}
