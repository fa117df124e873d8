package org.d2r.roles.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A run folder's success.png: success rate per task against training progress (environment steps
 * over all tasks, or updates where those are unknown: {@link SuccessCurve}), drawn with JFreeChart.
 * The mean over tasks is drawn thicker, in black and on top, because it is the paper's headline
 * number. The one plot writer of the project: the in-process trainer (learner-job) uses it too.
 */
public final class SuccessPlot {

    static final int WIDTH = 960;
    static final int HEIGHT = 600;
    static final String MEAN = "mean";

    private final String title;
    private final String xLabel;
    private final List<String> taskNames;
    private final List<Long> steps = new ArrayList<>();
    private final List<double[]> success = new ArrayList<>();

    /**
     * @param xLabel    what the x values count, e.g. "updates" or "environment steps (all tasks)"
     * @param taskNames the legend, in the order of every {@link #add} call's rates
     */
    public SuccessPlot(String title, String xLabel, List<String> taskNames) {
        if (taskNames == null || taskNames.isEmpty()) throw new IllegalArgumentException("a success plot needs at least one task");
        this.title = title;
        this.xLabel = xLabel;
        this.taskNames = List.copyOf(taskNames);
    }

    /** Records one evaluation: success rate per task (in task order) at this x value (updates or env steps). */
    public void add(long x, double[] successPerTask) {
        if (successPerTask.length != taskNames.size()) {
            throw new IllegalArgumentException("expected " + taskNames.size() + " success rates, got "
                    + successPerTask.length);
        }
        steps.add(x);
        success.add(successPerTask.clone());
    }

    /** One series per task in task order, then the mean over tasks. */
    XYSeriesCollection dataset() {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int t = 0; t < taskNames.size(); t++) {
            // autoSort off, duplicates allowed: a point per evaluation, in the order they were made
            XYSeries s = new XYSeries(taskNames.get(t), false, true);
            for (int i = 0; i < steps.size(); i++) s.add(steps.get(i).doubleValue(), success.get(i)[t]);
            data.addSeries(s);
        }
        XYSeries mean = new XYSeries(MEAN, false, true);
        for (int i = 0; i < steps.size(); i++) mean.add(steps.get(i).doubleValue(), RunFolder.mean(success.get(i)));
        data.addSeries(mean);
        return data;
    }

    JFreeChart chart() {
        JFreeChart chart = ReportFigures.xyChart(title, xLabel, "success rate", dataset());
        chart.getLegend().setPosition(RectangleEdge.RIGHT);
        XYPlot plot = chart.getXYPlot();
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // the mean, last, on top
        long maxStep = Math.max(1, steps.stream().mapToLong(Long::longValue).max().orElse(1));
        plot.getDomainAxis().setRange(-0.015 * maxStep, 1.015 * maxStep); // the first and last markers whole, not under the frame
        ReportFigures.unitRange(plot.getRangeAxis());
        ((NumberAxis) plot.getRangeAxis()).setTickUnit(new NumberTickUnit(0.1));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int tasks = taskNames.size();
        for (int t = 0; t < tasks; t++) ReportFigures.look(r, t, ReportFigures.colour(t, tasks), 1.5f, 5);
        ReportFigures.look(r, tasks, Color.BLACK, 3.5f, 7);
        plot.setRenderer(r);
        return chart;
    }

    public void write(Path png) throws IOException {
        ReportFigures.write(chart().createBufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB, null), png);
    }

    static String humanCount(long s) {
        if (s >= 1_000_000) return String.format(Locale.ROOT, "%.1fM", s / 1e6);
        if (s >= 10_000) return String.format(Locale.ROOT, "%.0fk", s / 1e3);
        if (s >= 1_000) return String.format(Locale.ROOT, "%.1fk", s / 1e3);
        return Long.toString(s);
    }

    /** The x-axis ticks as people say step counts (1.5M, 250k), for the report's figures too. */
    static NumberFormat humanCountFormat() {
        return new NumberFormat() {
            @Override
            public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
                return to.append(humanCount(Math.round(number)));
            }

            @Override
            public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
                return to.append(humanCount(number));
            }

            @Override
            public Number parse(String source, ParsePosition pos) {
                throw new UnsupportedOperationException("axis labels are only written");
            }
        };
    }
}
