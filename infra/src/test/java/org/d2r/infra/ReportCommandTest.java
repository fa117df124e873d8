package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * {@code bin/d2r report} on real run folders: tiny {@code train --local} runs of D2R (two seeds and an ablation), a
 * baseline, and a D2R run of another budget, made here. The table's numbers are checked against the runs' own
 * evaluations.csv rows, and the page is opened in a headless Chromium (Debian's chromium and chromium-driver, which
 * {@code .ci/run} installs), where every figure must have loaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandTest {

    private static final String TASKS = "reach-v2,push-v2";
    @TempDir
    static Path root;
    private Path runs;
    private Path out;
    private String printed;

    private static CommandLineHelpTest.Outcome report(String... args) {
        List<String> all = new ArrayList<>(List.of("report"));
        all.addAll(List.of(args));
        return CommandLineHelpTest.d2r(all.toArray(String[]::new));
    }

    private void train(String name, String steps, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--local", "--preset", "smoke", "--tasks", TASKS, "--steps", steps,
                "--eval-every", "30", "--eval-episodes", "1", "--final-episodes", "2", "--run-dir", runs.resolve(name).toString()));
        args.addAll(List.of(more));
        CommandLineHelpTest.Outcome o = CommandLineHelpTest.d2r(args.toArray(String[]::new));
        assertEquals(0, o.code(), args + " (Meta-World's MuJoCo binding and scene assets are needed):\n" + o.err());
    }

    @BeforeAll
    void makeRunsAndReport() throws Exception {
        runs = Files.createDirectories(root.resolve("runs"));
        train("d2r-1", "60", "--seed", "1");
        train("d2r-2", "60", "--seed", "2");
        train("mhsac-1", "60", "--method", "mhsac", "--seed", "1");
        train("d2r-no-resrouting-1", "60", "--ablation", "no-resrouting", "--seed", "1");
        train("d2r-short-1", "30", "--seed", "1");
        out = root.resolve("report");
        CommandLineHelpTest.Outcome o = report(runs.toString(), "--out", out.toString(), "--routing-samples", "30", "--tsne-iterations", "300");
        assertEquals(0, o.code(), o.err());
        printed = o.out();
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    /** A run's final success by hand: the rows of its highest update, their success rates averaged. */
    private double finalSuccess(String run) throws Exception {
        Map<Long, List<Double>> byUpdate = csv(runs.resolve(run).resolve("evaluations.csv")).stream().collect(Collectors.groupingBy(
                r -> Long.valueOf(r.get("update")), Collectors.mapping(r -> Double.valueOf(r.get("success_rate")), Collectors.toList())));
        List<Double> last = byUpdate.get(byUpdate.keySet().stream().max(Long::compare).orElseThrow());
        assertEquals(2, last.size(), run + ": one row per task");
        return (last.get(0) + last.get(1)) / 2;
    }

    @Test
    void theTablesNumbersAreTheRunsOwnEvaluations() throws Exception {
        List<CSVRecord> table = csv(out.resolve("table8.csv"));
        assertEquals(List.of("d2r", "d2r+no-resrouting", "mhsac", "d2r"), table.stream().map(r -> r.get("method")).toList(),
                "group 1 (60 steps): D2R, its ablation, the baseline; group 2 (30 steps): D2R alone");
        CSVRecord d2r = table.get(0);
        double a = finalSuccess("d2r-1");
        double b = finalSuccess("d2r-2");
        assertEquals("1 2", d2r.get("seeds"));
        assertEquals((a + b) / 2, Double.parseDouble(d2r.get("success_mean")), 5e-5);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), Double.parseDouble(d2r.get("success_sd")), 5e-5, "n - 1 over two seeds");
        assertEquals(finalSuccess("mhsac-1"), Double.parseDouble(table.get(2).get("success_mean")), 5e-5);
        assertEquals("", table.get(2).get("success_sd"), "one seed has no spread");
        assertEquals(finalSuccess("d2r-short-1"), Double.parseDouble(table.get(3).get("success_mean")), 5e-5);
        assertEquals(List.of("60", "60", "60", "30"), table.stream().map(r -> r.get("steps_per_task")).toList());
        long d2rParams = Long.parseLong(d2r.get("parameters"));
        long mhsacParams = Long.parseLong(table.get(2).get("parameters"));
        assertTrue(d2rParams > 10_000 && mhsacParams > 10_000 && d2rParams != mhsacParams, d2rParams + " / " + mhsacParams);
        String md = Files.readString(out.resolve("table8.md"));
        assertTrue(md.contains("### reach-v2,push-v2-Rand, preset smoke, 60 steps per task")
                && md.contains("### reach-v2,push-v2-Rand, preset smoke, 30 steps per task"), md);
        assertTrue(printed.contains(md), "the Markdown table is printed too:\n" + printed);
    }

    /** A grid cell by hand: "mean ± sd (n seeds)" of the runs' final successes, fractions to two decimals. */
    private String cell(String... runNames) throws Exception {
        double[] f = new double[runNames.length];
        for (int i = 0; i < f.length; i++) f[i] = finalSuccess(runNames[i]);
        if (f.length == 1) return String.format(java.util.Locale.ROOT, "%.2f (1 seed)", f[0]);
        double mean = (f[0] + f[1]) / 2;
        return String.format(java.util.Locale.ROOT, "%.2f ± %.2f (2 seeds)", mean, Math.abs(f[0] - f[1]) / Math.sqrt(2));
    }

    @Test
    void thePapersLayoutHasAColumnPerBudgetAndTheMethodsAsRows() throws Exception {
        String md = Files.readString(out.resolve("table8.md"));
        String at60 = "reach-v2,push-v2-Rand (preset smoke, 60 steps per task)";
        String at30 = "reach-v2,push-v2-Rand (preset smoke, 30 steps per task)";
        assertTrue(md.contains("| method | parameters | " + at60 + " | " + at30 + " |"), "two budgets of one task list, never mixed:\n" + md);
        String d2rParams = String.format(java.util.Locale.ROOT, "%,d", Long.parseLong(csv(out.resolve("table8.csv")).get(0).get("parameters")));
        assertTrue(md.contains("| d2r | " + d2rParams + " | " + cell("d2r-1", "d2r-2") + " | " + cell("d2r-short-1") + " |"), md);
        assertTrue(md.contains("| mhsac | ") && md.contains(" | " + cell("mhsac-1") + " | – |"), md);
        assertTrue(md.contains("| d2r+no-resrouting | ") && md.contains(" | " + cell("d2r-no-resrouting-1") + " | – |"), md);
        assertTrue(md.indexOf("| mhsac |") < md.indexOf("| d2r |"), "the paper's order: baselines, then D2R");
        assertFalse(md.contains("(paper)* |"), "the paper has no figures for a task list of its own:\n" + md);
        List<CSVRecord> table = csv(out.resolve("table8.csv"));
        assertEquals(List.of(at60, at60, at60, at30), table.stream().map(r -> r.get("column")).toList());
    }

    @Test
    void runsOfAnotherBudgetGetTheirOwnFigures() throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            List<String> files = s.map(p -> p.getFileName().toString()).sorted().toList();
            for (String f : List.of("group1-fig5-success.png", "group1-success-per-task.png", "group1-ablations.png",
                    "group1-fig6a-tsne-d2r.png", "group1-fig6a-tsne-d2r_no-resrouting.png", "group1-fig8-modules-used.png",
                    "group1-fig9-tau-d2r.png", "group2-fig5-success.png", "group2-fig6a-tsne-d2r.png", "report.html")) {
                assertTrue(files.contains(f), f + " in " + files);
            }
            assertFalse(files.contains("group2-ablations.png"), "one D2R variant in group 2: no ablation comparison");
        }
    }

    @Test
    void aRunGivenTwiceOrAFolderWithoutRunsIsAUsageError() throws Exception {
        CommandLineHelpTest.Outcome twice = report(runs.resolve("d2r-1").toString(), runs.resolve("d2r-1").toString(), "--out", root.resolve("x").toString(),
                "--routing-samples", "0");
        assertEquals(2, twice.code());
        assertTrue(twice.err().lines().findFirst().orElse("").contains("is given twice: name each run folder once"), twice.err());
        Path empty = Files.createDirectories(root.resolve("empty"));
        CommandLineHelpTest.Outcome none = report(empty.toString(), "--out", root.resolve("y").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("is not a run folder (no config.json) and holds none"), none.err());
        assertFalse(Files.exists(root.resolve("x")) || Files.exists(root.resolve("y")), "nothing written for a refused report");
    }

    @Test
    void thePageShowsEveryFigureAndTheTableInHeadlessChromium() throws Exception {
        String chromium = executable("chromium");
        String driver = executable("chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            browser.get(out.resolve("report.html").toUri().toString());
            List<WebElement> images = browser.findElements(By.tagName("img"));
            long pngs;
            try (Stream<Path> s = Files.list(out)) {
                pngs = s.filter(p -> p.toString().endsWith(".png")).count();
            }
            assertEquals(pngs, images.size(), "every figure written is on the page");
            for (WebElement img : images) {
                Object loaded = ((JavascriptExecutor) browser).executeScript(
                        "return arguments[0].complete && arguments[0].naturalWidth > 0 && arguments[0].src.startsWith('data:image/png');", img);
                assertEquals(Boolean.TRUE, loaded, "figure shown: " + img.getAttribute("alt"));
            }
            String table = browser.findElement(By.id("table8-1")).getText();
            for (CSVRecord r : csv(out.resolve("table8.csv")).subList(0, 3)) {
                String mean = String.format(java.util.Locale.ROOT, "%.1f", 100 * Double.parseDouble(r.get("success_mean")));
                assertTrue(table.contains(r.get("method")) && table.contains(mean), r.get("method") + " " + mean + " in:\n" + table);
            }
            assertTrue(browser.findElement(By.id("table8-2")).getText().contains("d2r"));
            String grid = browser.findElement(By.id("table8-grid")).getText();
            assertTrue(grid.contains("60 steps per task") && grid.contains(cell("d2r-1", "d2r-2")) && grid.contains(cell("d2r-short-1")), grid);
            Path shot = Path.of("target", "report-page.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    /** A program on the PATH; the browser test fails (never skips) without it, naming the packages. */
    private static String executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new AssertionError(name + " is not on the PATH: the report's browser test needs Debian's chromium and chromium-driver"
                + " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
    }
}
