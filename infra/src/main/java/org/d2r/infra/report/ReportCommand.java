package org.d2r.infra.report;

import de.javagl.tsne.Tsne;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.d2r.cli.Cli;
import org.d2r.infra.tools.ParamsCommand;
import org.d2r.roles.report.Comparisons;
import org.d2r.roles.report.ReportFigures;
import org.d2r.roles.report.RoutingSamples;
import org.d2r.roles.report.RunFolder;
import org.d2r.roles.report.Table8;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r report RUN_DIR... --out DIR}: the paper's Table 8 and figures from run folders of any mode and method.
 * Runs are compared only within a {@link RunFolder.Comparison} (same tasks, goals, preset and budget), as
 * {@link Comparisons} says.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"the paper's table and figures from run folders", "",
                "Reads run folders of any mode (train, train --local, train-offline), method and seed, and writes into --out",
                "one self-contained page (report.html, the figures embedded), the figures as PNG and Table 8 as CSV and",
                "Markdown: final success per method (mean and standard deviation over seeds) with parameter counts, in the",
                "paper's layout (methods by benchmark, a column per budget, the paper's own figures beside) and per comparison; Fig. 5",
                "(success against environment steps, median and quartiles over seeds); success per task; the ablation",
                "comparison when D2R runs differ by --ablation; for D2R runs Fig. 6(a) (t-SNE of the final policy's routing",
                "paths), Fig. 8 (modules used per task) and Fig. 9 (tau_T and success per task over training). Runs are",
                "averaged only with runs of the same tasks, goals, preset and budget; other runs form their own group, and",
                "runs stopped before their budget are listed apart. A folder holding run folders stands for all of them.", ""})
public final class ReportCommand implements Callable<Integer> {

    static final String PAGE = "report.html";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "run folders, or folders of run folders")
    List<Path> runDirs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the page, figures and table go (created)")
    Path out;

    @Option(names = "--routing-samples", paramLabel = "N", description = "routing paths per task from each D2R run's final policy"
            + " for Fig. 6(a) and Fig. 8 (default 1000, the paper's; 0 leaves both out)")
    int routingSamples = 1000;

    @Option(names = "--tsne-iterations", paramLabel = "N", description = "t-SNE gradient steps (default 1000)")
    int tsneIterations = 1000;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (routingSamples < 0) throw Cli.usage(spec, "--routing-samples must be 0 or more, got " + routingSamples);
        if (tsneIterations < 1) throw Cli.usage(spec, "--tsne-iterations must be positive, got " + tsneIterations);
        List<RunFolder> runs = new ArrayList<>();
        Comparisons.Grouping grouping;
        try {
            for (Path d : expand(runDirs)) runs.add(RunFolder.read(d));
            grouping = Comparisons.group(runs);
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, e.getMessage());
        }
        if (grouping.groups().isEmpty()) {
            throw Cli.usage(spec, "none of the " + runs.size() + " runs reached its budget (" + grouping.unfinished()
                    + "): resume them to the end, or report finished runs");
        }
        Files.createDirectories(out);
        ReportPage page = new ReportPage("D2R report: " + runs.size() + " runs");
        List<Table8.Row> rows = Table8.rows(grouping.groups(), ReportCommand::parameters);
        Table8.writeCsv(rows, out.resolve(Table8.CSV));
        String markdown = Table8.markdown(rows);
        Files.writeString(out.resolve(Table8.MARKDOWN), markdown);
        page.paragraph("Runs are averaged only with runs of the same tasks, goal mode, preset and budget (environment steps"
                + " per task): each such comparison is a section below. A run's final success is the mean over tasks of its"
                + " last evaluation (the final policy's); the table gives its mean and standard deviation (n - 1) over seeds,"
                + " the curves the median and the first and third quartiles. Parameters: actor and one critic at the run's"
                + " network sizes, the params command's convention.");
        if (!grouping.unfinished().isEmpty()) {
            page.heading(2, "Runs left out: stopped before their budget");
            page.list(grouping.unfinished().stream().map(r -> r + ": last evaluation at " + (r.last().envStepsPerTask() < 0
                    ? "update " + r.last().update() + " (no environment steps)" : r.last().envStepsPerTask() + " steps per task")
                    + " of a budget of " + r.stepsPerTask()).toList());
            stdout.println("left out (stopped before their budget): " + grouping.unfinished());
        }
        Table8.Grid grid = Table8.grid(rows);
        page.heading(2, "Table 8 in the paper's layout");
        page.paragraph(Table8.GRID_CAPTION);
        page.table("table8-grid", Stream.concat(Stream.of("method", "parameters"), grid.columns().stream().map(Table8.Column::title)).toList(),
                grid.rows().stream().map(r -> Stream.concat(Stream.of(r.label(), r.parameters()), r.cells().stream()).toList()).toList());
        if (!Table8.columnNotes(grid).isEmpty()) page.paragraph(Table8.columnNotes(grid));
        boolean several = grouping.groups().size() > 1;
        for (int gi = 0; gi < grouping.groups().size(); gi++) {
            Comparisons.Group g = grouping.groups().get(gi);
            String prefix = several ? "group" + (gi + 1) + "-" : "";
            page.heading(2, (several ? "Group " + (gi + 1) + ": " : "") + g.key().label());
            page.heading(3, "Table 8: final success rate");
            page.table("table8" + (several ? "-" + (gi + 1) : ""), List.of("method", "parameters", "success rate (%), mean ± sd",
                    "seeds", "final success per seed"), rows.stream().filter(r -> r.comparison().equals(g.key())).map(r -> List.of(
                    r.label(), String.format(Locale.ROOT, "%,d", r.parameters()), Table8.percent(r.success()),
                    String.valueOf(r.seeds().size()), perSeed(r))).toList());
            figures(page, g, prefix, stdout);
        }
        page.heading(2, "Runs");
        page.table("runs", List.of("run folder", "mode", "method", "seed", "tasks", "last evaluation (steps per task)", "final success"),
                runs.stream().map(r -> List.of(r.dir().toString(), r.config().mode() == null ? "(not recorded)" : r.config().mode(), r.label(), String.valueOf(r.seed()),
                        r.benchmark(), String.valueOf(r.last().envStepsPerTask()), String.format(Locale.ROOT, "%.4f", r.finalSuccess())))
                        .toList());
        page.write(out.resolve(PAGE));
        stdout.print(markdown);
        stdout.println("report: " + out.resolve(PAGE) + " (figures and " + Table8.CSV + ", " + Table8.MARKDOWN + " beside it)");
        return 0;
    }

    /** Every figure of one comparison, written as PNG and embedded in the page. */
    private void figures(ReportPage page, Comparisons.Group g, String prefix, PrintWriter stdout) throws IOException {
        figure(page, prefix + "fig5-success.png", ReportFigures.image(ReportFigures.successCurves(g, -1)),
                "Fig. 5: success rate against environment steps, median and quartiles over seeds");
        figure(page, prefix + "success-per-task.png", ReportFigures.perTaskCurves(g),
                "Success rate per task against environment steps, median and quartiles over seeds");
        if (!g.ablationLabels().isEmpty()) {
            figure(page, prefix + "ablations.png", ReportFigures.image(ReportFigures.ablations(g)),
                    "Ablations: final success rate of the D2R variants, mean and standard deviation over seeds");
        }
        Map<String, List<RoutingSamples>> routing = new LinkedHashMap<>();
        for (Map.Entry<String, List<RunFolder>> e : g.byLabel().entrySet()) {
            List<RunFolder> seeds = e.getValue();
            RunFolder first = seeds.get(0);
            if (!first.method().routed()) continue;
            String name = e.getKey().replaceAll("[^A-Za-z0-9=.-]+", "_");
            if (!first.tau().isEmpty()) {
                figure(page, prefix + "fig9-tau-" + name + ".png", ReportFigures.tauAndSuccess(first),
                        "Fig. 9: tau_T and success rate per task over training, " + e.getKey() + " seed " + first.seed());
            }
            if (routingSamples == 0) continue;
            List<RoutingSamples> samples = new ArrayList<>();
            for (RunFolder r : seeds) {
                stdout.println("report: sampling " + routingSamples + " routing paths per task from " + r);
                try {
                    samples.add(RoutingSamples.collect(r, routingSamples));
                } catch (IllegalArgumentException ex) {
                    throw Cli.usage(spec, ex.getMessage());
                }
            }
            routing.put(e.getKey(), samples);
            Embedding emb = tsne(samples.get(0), first.seed(), tsneIterations);
            figure(page, prefix + "fig6a-tsne-" + name + ".png", ReportFigures.image(ReportFigures.routingEmbedding(
                    "t-SNE of routing paths (final policy, update " + samples.get(0).update() + "): " + e.getKey() + ", seed "
                    + first.seed(), g.tasks(), emb.xy(), emb.task())), "Fig. 6(a): t-SNE of " + routingSamples
                    + " routing paths per task from the final policy, " + e.getKey() + " seed " + first.seed());
        }
        if (!routing.isEmpty()) {
            figure(page, prefix + "fig8-modules-used.png", ReportFigures.image(ReportFigures.modulesUsed(g.tasks(), routing)),
                    "Fig. 8: modules used per task by the final policy (" + routingSamples + " steps per task),"
                    + " mean and standard deviation over seeds");
        }
    }

    private void figure(ReportPage page, String file, java.awt.image.BufferedImage img, String caption) throws IOException {
        ReportFigures.write(img, out.resolve(file));
        page.figure(out.resolve(file), caption);
    }

    /** The points of Fig. 6(a)'s embedding and the task of each. */
    record Embedding(double[][] xy, int[] task) {}

    /**
     * The paper's Fig. 6(a) embedding: Barnes-Hut t-SNE (de.javagl:bh-tsne, BSD) of the final policy's routing paths, each
     * path its bit vector (1 where router i chose source j), all tasks' samples in one run of the algorithm.
     *
     * @param seed       the embedding's random start, so a report is drawn the same way twice
     * @param iterations gradient steps (1,000 as in van der Maaten's code)
     */
    static Embedding tsne(RoutingSamples s, long seed, int iterations) {
        List<double[][]> perTask = s.paths();
        int n = perTask.stream().mapToInt(p -> p.length).sum();
        double[][] x = new double[n][];
        int[] task = new int[n];
        int i = 0;
        for (int t = 0; t < perTask.size(); t++) {
            for (double[] path : perTask.get(t)) {
                x[i] = path.clone();
                task[i++] = t;
            }
        }
        Tsne tsne = new Tsne();
        tsne.setOutputDims(2);
        tsne.setInitialDims(Math.min(50, x[0].length));
        // the usual 30, but Barnes-Hut needs three neighbours' worth of points per unit of perplexity
        tsne.setPerplexity(Math.max(1, Math.min(30, (n - 1) / 3.0 - 1)));
        tsne.setTheta(0.5);
        tsne.setMaxIterations(iterations);
        tsne.setRandomSeed(seed);
        tsne.setMessageConsumer(m -> { });
        double[][] y = tsne.run(x);
        for (double[] p : y) {
            if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                throw new IllegalStateException("t-SNE gave a non-finite point for " + n + " routing paths: draw more samples"
                        + " (--routing-samples)");
            }
        }
        return new Embedding(y, task);
    }

    /** A run's trainable parameters at its own network's sizes (its preset with its ablations), as {@code params} counts them. */
    static long parameters(RunFolder r) {
        return ParamsCommand.parameters(r.method(), r.learnerConfig().net(), r.tasks().size());
    }

    private static String perSeed(Table8.Row r) {
        return java.util.stream.IntStream.range(0, r.seeds().size())
                .mapToObj(i -> String.format(Locale.ROOT, "seed %d: %.1f", r.seeds().get(i), 100 * r.finals().get(i)))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Run folders as given; a folder without config.json whose subfolders have one stands for them. */
    private List<Path> expand(List<Path> dirs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) throw Cli.usage(spec, d + " is not a folder: pass run folders (or a folder of them)");
            if (Files.exists(d.resolve("config.json"))) {
                out.add(d);
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                List<Path> children = s.filter(c -> Files.isRegularFile(c.resolve("config.json"))).sorted().toList();
                if (children.isEmpty()) throw Cli.usage(spec, d + " is not a run folder (no config.json) and holds none");
                out.addAll(children);
            }
        }
        return out;
    }
}
