package org.d2r.evaluator;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.roles.report.CsvFile;

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

        /** Adds one step's path, row {@code row} of {@code paths}. */
        void add(RoutingPaths paths, int row) {
            for (int b = 0; b < bits.length; b++) if (paths.get(row, b)) bits[b]++;
            modulesUsed += paths.modulesUsed(row);
            steps++;
        }

        /** Share of steps in which router {@code router} (1-based) chose source {@code source} (0-based). */
        double frequency(int router, int source) {
            return steps == 0 ? 0 : (double) bits[RoutingPaths.routerOffset(router) + source] / steps;
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
            s.add(List.of(update, version, tasks.get(t), fixed4(c.meanModulesUsed()), String.format(Locale.ROOT, "%.6g", tau[t]),
                    fixed4(success[t]), episodes));
            for (int r = 1; r <= c.modules; r++) {
                for (int j = 0; j < r; j++) {
                    double f = c.frequency(r, j);
                    if (f > 0) p.add(List.of(update, tasks.get(t), r, j + 1, fixed4(f), episodes));
                }
            }
        }
        CsvFile.appendRows(summary, List.of(SUMMARY_HEADER.split(",")), s);
        CsvFile.appendRows(paths, List.of(PATHS_HEADER.split(",")), p);
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        if (!ImageIO.write(render(update, tasks, perTask), "png", tmp.toFile())) throw new IOException("no PNG writer in this JVM");
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String fixed4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static final int CELL_H = 22;
    private static final int LEFT = 190;
    private static final int TOP = 58;
    private static final int RIGHT = 150;
    private static final int BOTTOM = 56;

    /** Rows: tasks; columns: router 1's sources, then router 2's, ...; darker = chosen more often. */
    static BufferedImage render(long update, List<String> tasks, Counts[] perTask) {
        int n = perTask[0].modules;
        int cols = RoutingPaths.bitCount(n);
        // about 500 pixels of cells whatever the module count: 6 a cell for the paper's 136, 24 for a smoke network's 10
        int cellW = Math.max(6, Math.min(24, 500 / cols));
        int gridW = cols * cellW + (n - 1) * 2;
        int width = Math.max(720, LEFT + gridW + RIGHT);
        int height = TOP + tasks.size() * CELL_H + BOTTOM;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("Routing paths (TopK) at update " + update + ": share of steps each router chose each source", 12, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("modules used", LEFT + gridW + 16, TOP - 8);
            for (int t = 0; t < tasks.size(); t++) {
                int y = TOP + t * CELL_H;
                g.setColor(Color.BLACK);
                g.drawString(tasks.get(t), 12, y + CELL_H - 7);
                int x = LEFT;
                for (int r = 1; r <= n; r++) {
                    for (int j = 0; j < r; j++) {
                        float f = (float) perTask[t].frequency(r, j);
                        g.setColor(new Color(1 - 0.85f * f, 1 - 0.6f * f, 1 - 0.2f * f));
                        g.fillRect(x, y + 1, cellW, CELL_H - 2);
                        x += cellW;
                    }
                    x += 2; // a gap between routers
                }
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%.1f of %d", perTask[t].meanModulesUsed(), n), LEFT + gridW + 16,
                        y + CELL_H - 7);
            }
            int y = TOP + tasks.size() * CELL_H + 18;
            g.setColor(Color.DARK_GRAY);
            int x = LEFT;
            for (int r = 1; r <= n; r++) {
                if (r == 1 || r == n || r % 4 == 0) g.drawString(Integer.toString(r), x, y);
                x += r * cellW + 2;
            }
            g.drawString("router i (feeds module i + 1, router " + n + " the output), over its sources: modules 1..i", LEFT, y + 20);
        } finally {
            g.dispose();
        }
        return img;
    }
}
