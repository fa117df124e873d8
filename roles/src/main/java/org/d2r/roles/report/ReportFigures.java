package org.d2r.roles.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's figures, drawn with JFreeChart as {@link SuccessPlot} draws a run's: the paper's Fig. 5 (success
 * against environment steps per method, median and quartiles over seeds), the per-task curves, the ablation
 * comparison, Fig. 6(a) (a 2-D embedding of routing paths coloured by task), Fig. 8 (modules used per task) and
 * Fig. 9 (tau_T against success per task over training).
 */
public final class ReportFigures {

    public static final int WIDTH = 960;
    public static final int HEIGHT = 560;
    private static final Color GRID_LINES = new Color(225, 225, 225);

    private ReportFigures() {}

    /** Series colour k of n, the hues SuccessPlot gives tasks. */
    static Color colour(int k, int n) {
        return Color.getHSBColor((float) k / Math.max(1, n), 0.75f, 0.85f);
    }

    /** Fig. 5: per method label, the median over seeds of the mean success over tasks, with the first and third quartiles shaded. */
    public static JFreeChart successCurves(Comparisons.Group g, int task) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        boolean bySteps = g.bySteps();
        for (Map.Entry<String, List<RunFolder>> e : g.byLabel().entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey() + " (" + e.getValue().size() + " seeds)", false, true);
            for (Comparisons.CurvePoint p : Comparisons.curve(e.getValue(), task, bySteps)) {
                s.add(p.x(), p.success().median(), p.success().q1(), p.success().q3());
            }
            data.addSeries(s);
        }
        String title = task < 0 ? "Success rate (mean over tasks): median and quartiles over seeds" : g.tasks().get(task);
        JFreeChart chart = xyChart(title, bySteps ? SuccessCurve.ENV_STEPS : SuccessCurve.UPDATES, "success rate", data);
        XYPlot plot = chart.getXYPlot();
        DeviationRenderer r = new DeviationRenderer(true, true);
        for (int k = 0; k < data.getSeriesCount(); k++) {
            look(r, k, colour(k, data.getSeriesCount()), 2f, 5);
            r.setSeriesFillPaint(k, r.getSeriesPaint(k));
        }
        r.setAlpha(0.2f);
        plot.setRenderer(r);
        unitRange(plot.getRangeAxis());
        return chart;
    }

    /** The per-task curves: one small Fig. 5 per task, in task order. */
    public static BufferedImage perTaskCurves(Comparisons.Group g) {
        List<JFreeChart> cells = new ArrayList<>();
        for (int t = 0; t < g.tasks().size(); t++) {
            JFreeChart c = cell(successCurves(g, t), g.tasks().get(t), t == 0);
            c.getXYPlot().getDomainAxis().setLabel(g.bySteps() ? "environment steps" : "updates");
            cells.add(c);
        }
        return grid(cells, "Success rate per task: median and quartiles over seeds");
    }

    /** The ablation comparison: final success (mean and standard deviation over seeds) of each D2R variant. */
    public static JFreeChart ablations(Comparisons.Group g) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (String label : g.ablationLabels()) {
            double[] finals = g.byLabel().get(label).stream().mapToDouble(RunFolder::finalSuccess).toArray();
            Comparisons.MeanSd s = Comparisons.MeanSd.of(finals);
            data.add(s.mean(), Double.isNaN(s.sd()) ? 0 : s.sd(), "final success", label + " (" + finals.length + " seeds)");
        }
        return styleCategories(ChartFactory.createBarChart("Ablations: final success rate, mean ± sd over seeds", "D2R variant",
                "success rate", data, PlotOrientation.VERTICAL, false, false, false), 1.02);
    }

    /**
     * Fig. 8: mean modules used per step per task by the final policy; with several seeds the mean over seeds and its
     * standard deviation.
     */
    public static JFreeChart modulesUsed(List<String> tasks, Map<String, List<RoutingSamples>> byLabel) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        int modules = 0;
        for (Map.Entry<String, List<RoutingSamples>> e : byLabel.entrySet()) {
            for (int t = 0; t < tasks.size(); t++) {
                final int task = t;
                double[] perSeed = e.getValue().stream().mapToDouble(s -> s.meanModulesUsed()[task]).toArray();
                Comparisons.MeanSd s = Comparisons.MeanSd.of(perSeed);
                data.add(s.mean(), Double.isNaN(s.sd()) ? 0 : s.sd(), e.getKey() + " (" + perSeed.length + " seeds)", tasks.get(t));
            }
            modules = Math.max(modules, e.getValue().get(0).modules());
        }
        return styleCategories(ChartFactory.createBarChart("Modules used per task by the final policy (of " + modules + ")", "task",
                "modules used per step", data, PlotOrientation.VERTICAL, true, false, false), modules + 0.5);
    }

    /** Fig. 6(a): the 2-D embedding of routing paths, one colour per task. {@code xy[i]} is sample i's point, of task {@code task[i]}. */
    public static JFreeChart routingEmbedding(String title, List<String> tasks, double[][] xy, int[] task) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String t : tasks) data.addSeries(new XYSeries(t, false, true));
        for (int i = 0; i < xy.length; i++) data.getSeries(task[i]).add(xy[i][0], xy[i][1]);
        JFreeChart chart = style(ChartFactory.createScatterPlot(title, "t-SNE 1", "t-SNE 2", data, PlotOrientation.VERTICAL, true,
                false, false));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int k = 0; k < tasks.size(); k++) {
            r.setSeriesPaint(k, colour(k, tasks.size()));
            r.setSeriesShape(k, new Ellipse2D.Double(-2, -2, 4, 4));
        }
        chart.getXYPlot().setRenderer(r);
        return chart;
    }

    /** Fig. 9: per task, tau_T (left axis) and the task's success rate (right axis) at each evaluation of one run. */
    public static BufferedImage tauAndSuccess(RunFolder run) {
        List<double[]> tau = run.tauAtEvaluations();
        List<JFreeChart> cells = new ArrayList<>();
        boolean bySteps = run.evaluations().stream().allMatch(SuccessCurve.Point::placeable);
        for (int t = 0; t < run.tasks().size(); t++) {
            XYSeries tauS = new XYSeries("tau_T", false, true);
            XYSeries success = new XYSeries("success rate", false, true);
            for (int i = 0; i < run.evaluations().size(); i++) {
                SuccessCurve.Point p = run.evaluations().get(i);
                tauS.add(p.x(bySteps, run.tasks().size()), tau.get(i)[t]);
                success.add(p.x(bySteps, run.tasks().size()), p.success()[t]);
            }
            JFreeChart c = cell(xyChart(run.tasks().get(t), bySteps ? SuccessCurve.ENV_STEPS : "updates", "tau_T",
                    new XYSeriesCollection(tauS)), run.tasks().get(t), t == 0);
            XYPlot plot = c.getXYPlot();
            XYLineAndShapeRenderer tr = new XYLineAndShapeRenderer(true, true);
            tr.setSeriesPaint(0, new Color(200, 80, 20));
            plot.setRenderer(0, tr);
            NumberAxis right = new NumberAxis("success rate");
            unitRange(right);
            plot.setRangeAxis(1, right);
            plot.setDataset(1, new XYSeriesCollection(success));
            plot.mapDatasetToRangeAxis(1, 1);
            XYLineAndShapeRenderer sr = new XYLineAndShapeRenderer(true, true);
            sr.setSeriesPaint(0, new Color(30, 90, 200));
            plot.setRenderer(1, sr);
            cells.add(c);
        }
        return grid(cells, "tau_T and success rate per task over training: " + run.label() + ", seed " + run.seed());
    }

    /** A cell of {@link #grid}: a smaller title, and the legend (at the bottom) in the first cell only. */
    private static JFreeChart cell(JFreeChart c, String title, boolean first) {
        c.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 13)));
        if (first) c.getLegend().setPosition(RectangleEdge.BOTTOM);
        else c.removeLegend();
        return c;
    }

    /** Small charts in a grid of up to four columns under one title. */
    static BufferedImage grid(List<JFreeChart> cells, String title) {
        int cols = Math.min(4, cells.size());
        int rows = (cells.size() + cols - 1) / cols;
        int cellW = 420;
        int cellH = 300;
        int top = 40;
        BufferedImage img = new BufferedImage(cols * cellW, top + rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 12, 27);
        for (int i = 0; i < cells.size(); i++) {
            cells.get(i).draw(g, new Rectangle2D.Double((i % cols) * cellW, top + (i / cols) * cellH, cellW, cellH));
        }
        g.dispose();
        return img;
    }

    public static BufferedImage image(JFreeChart chart) {
        return chart.createBufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB, null);
    }

    /** Writes the PNG atomically: a reader (the run monitor's, the report page's) never sees half a picture. */
    public static void write(BufferedImage img, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer available in this JVM");
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING);
    }

    static JFreeChart xyChart(String title, String xLabel, String yLabel, XYDataset data) {
        return style(ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false));
    }

    /** Series {@code k}'s colour, line width and round marker of diameter {@code marker}. */
    static void look(XYLineAndShapeRenderer r, int k, Paint paint, float width, double marker) {
        r.setSeriesPaint(k, paint);
        r.setSeriesStroke(k, new BasicStroke(width));
        r.setSeriesShape(k, new Ellipse2D.Double(-marker / 2, -marker / 2, marker, marker));
    }

    /** White, light grid lines, step counts as people say them: the report's XY charts and a run's success.png alike. */
    static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID_LINES);
        plot.setRangeGridlinePaint(GRID_LINES);
        if (plot.getDomainAxis() instanceof NumberAxis x) {
            x.setNumberFormatOverride(SuccessPlot.humanCountFormat());
            x.setAutoRangeIncludesZero(true); // training starts at 0; and one evaluation alone still gets a readable axis
        }
        return chart;
    }

    /** A bar chart of means over seeds, {@code 0..top} on its axis: a bar per series colour with black error bars. */
    private static JFreeChart styleCategories(JFreeChart chart, double top) {
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        int series = plot.getDataset().getRowCount();
        for (int k = 0; k < series; k++) r.setSeriesPaint(k, colour(k, series));
        r.setErrorIndicatorPaint(Color.BLACK);
        plot.setRenderer(r);
        plot.getRangeAxis().setRange(0, top);
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID_LINES);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        if (chart.getLegend() != null) chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    /** A rate's axis: 0 and 1 stay clear of the frame. */
    static void unitRange(ValueAxis axis) {
        axis.setRange(-0.02, 1.02);
    }
}
