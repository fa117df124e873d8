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
        Path dir = Files.createDirectories(root.resolve(name));
        RunConfig.builder(RunConfig.LOCAL).preset(preset).method(method).tasks(TASKS).goalMode("RAND").seed(seed).stepsPerTask(steps)
                .episodeLength(200).build().write(dir.resolve("config.json"));
        EvalCsv csv = new EvalCsv(dir.resolve(EvalCsv.FILE));
        Rng rng = new Rng(seed * 31 + name.length());
        for (long s = 100; s <= evaluatedTo; s += 100) {
            for (String t : TASKS) csv.append(s / 2, s / 2, s, t, Math.round(rng.nextDouble() * 32) / 32.0, 1.0, 32);
        }
        return dir;
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
