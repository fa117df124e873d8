package org.d2r.evaluator;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.roles.report.CsvFile;
import org.d2r.roles.report.ReportFigures;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.GrayPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The routing analysis behind the paper's figures (d2r.md section 7: modules used per task, routing
 * paths per task, tau_T against success), from each evaluation of a D2R snapshot, whose deterministic
 * TopK paths are the policy's routing: {@code routing.csv} (per task: mean modules used per step,
 * tau_T, success rate), {@code routing-paths.csv} (per task, router i and source module j <= i: the share
 * of steps in which the router chose that source; zeros left out) and {@code routing.png}, the newest evaluation's
 * paths per task as a heat map. A baseline does not route and gets none of them.
 */
final class RoutingReport {
    static final String SUMMARY_HEADER = "update,snapshot_version,task,modules_used,tau,success_rate,episodes";
    static final String PATHS_HEADER = "update,task,router,source,frequency,episodes";

    /** One task's routing over an evaluation: how often each path bit was set, and modules used. */
    static final class Counts {
        private final int modules;
        private final long[] bits;
        private long steps;
        private long modulesUsed;

        Counts(int modules) {
            this.modules = modules;
            this.bits = new long[RoutingPaths.bitCount(modules)];
        }

        void add(RoutingPaths paths, int row) {
            for (int b = 0; b < bits.length; b++) if (paths.get(row, b)) bits[b]++;
            modulesUsed += paths.modulesUsed(row);
            steps++;
        }

        /** Share of steps in which router {@code router} (1-based) chose source {@code source} (0-based). */
        double frequency(int router, int source) {
            return steps == 0 ? 0 : (double) bits[RoutingPaths.routerOffset(router) + source] / steps;
        }

        /** The share of steps each path bit was set, in the path's bit order (router i's sources from bit i(i-1)/2). */
        List<Float> shares() {
            List<Float> out = new ArrayList<>(bits.length);
            for (long b : bits) out.add(steps == 0 ? 0f : (float) ((double) b / steps));
            return out;
        }

        double meanModulesUsed() {
            return steps == 0 ? 0 : (double) modulesUsed / steps;
        }
    }

    private final Path summary;
    private final Path paths;
    private final Path png;

    RoutingReport(Path runDir) {
        this.summary = runDir.resolve("routing.csv");
        this.paths = runDir.resolve("routing-paths.csv");
        this.png = runDir.resolve("routing.png");
    }

    /** Appends one evaluation (tasks in id order) and redraws routing.png from it. */
    void append(long update, long version, int episodes, List<String> tasks, double[] tau, double[] success, Counts[] perTask)
            throws IOException {
        List<List<Object>> s = new ArrayList<>();
        List<List<Object>> p = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            Counts c = perTask[t];
            s.add(List.of(update, version, tasks.get(t), CsvFile.fixed4(c.meanModulesUsed()), String.format(Locale.ROOT, "%.6g", tau[t]),
                    CsvFile.fixed4(success[t]), episodes));
            for (int r = 1; r <= c.modules; r++) {
                for (int j = 0; j < r; j++) {
                    double f = c.frequency(r, j);
                    if (f > 0) p.add(List.of(update, tasks.get(t), r, j + 1, CsvFile.fixed4(f), episodes));
                }
            }
        }
        CsvFile.appendRows(summary, List.of(SUMMARY_HEADER.split(",")), s);
        CsvFile.appendRows(paths, List.of(PATHS_HEADER.split(",")), p);
        ReportFigures.write(render(update, tasks, perTask), png);
    }

    private static final int CELL_H = 22;
    /** The gap between two routers' blocks, in cells. */
    private static final double GAP = 0.4;

    /** Column of router {@code router}'s (1-based) source {@code source} (0-based): the path bits in order, a gap per router. */
    private static double column(int router, int source) {
        return RoutingPaths.routerOffset(router) + source + (router - 1) * GAP;
    }

    /**
     * Rows: tasks (with the modules they use); columns: router 1's sources, then router 2's, ...; darker = chosen
     * more often. A heat map of JFreeChart's block renderer.
     */
    static BufferedImage render(long update, List<String> tasks, Counts[] perTask) {
        int n = perTask[0].modules;
        int cols = RoutingPaths.bitCount(n);
        DefaultXYZDataset data = new DefaultXYZDataset();
        double[][] xyz = new double[3][tasks.size() * cols];
        int k = 0;
        for (int t = 0; t < tasks.size(); t++) {
            for (int r = 1; r <= n; r++) {
                for (int j = 0; j < r; j++) {
                    xyz[0][k] = column(r, j);
                    xyz[1][k] = t;
                    xyz[2][k] = perTask[t].frequency(r, j);
                    k++;
                }
            }
        }
        data.addSeries("share of steps", xyz);
        String[] rows = new String[tasks.size()];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = tasks.get(t) + String.format(Locale.ROOT, " (%.1f of %d modules)", perTask[t].meanModulesUsed(), n);
        }
        SymbolAxis taskAxis = new SymbolAxis(null, rows);
        taskAxis.setInverted(true); // task 0 on top, as the CSV lists them
        taskAxis.setGridBandsVisible(false);
        NumberAxis routerAxis = new NumberAxis("router i (feeds module i + 1, router " + n + " the output), over its sources: modules 1..i") {
            // a tick at the first cell of router 1, every fourth router and the last, as the columns are uneven
            @Override
            protected List<NumberTick> refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
                List<NumberTick> ticks = new ArrayList<>();
                for (int r = 1; r <= n; r++) {
                    if (r == 1 || r == n || r % 4 == 0) {
                        ticks.add(new NumberTick(column(r, 0), Integer.toString(r), TextAnchor.TOP_CENTER, TextAnchor.TOP_CENTER, 0));
                    }
                }
                return ticks;
            }
        };
        routerAxis.setRange(-0.5, column(n, n - 1) + 0.5);
        XYBlockRenderer blocks = new XYBlockRenderer();
        // shares run over [0, 1], the gray scale's bounds; the cells are shades of blue
        blocks.setPaintScale(new GrayPaintScale(0, 1) {
            @Override
            public java.awt.Paint getPaint(double share) {
                float f = (float) Math.max(0, Math.min(1, share));
                return new Color(1 - 0.85f * f, 1 - 0.6f * f, 1 - 0.2f * f);
            }
        });
        XYPlot plot = new XYPlot(data, routerAxis, taskAxis, blocks);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart("Routing paths (TopK) at update " + update + ": share of steps each router chose each source",
                new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        // about 500 pixels of cells whatever the module count: 6 a cell for the paper's 136, 24 for a smoke network's 10
        int cellW = Math.max(6, Math.min(24, 500 / cols));
        int width = Math.max(720, 340 + cols * cellW + (n - 1) * 2);
        int height = 110 + tasks.size() * CELL_H;
        return chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }
}
