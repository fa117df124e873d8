package org.d2r.roles.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A run folder's success.png: success rate per task against training progress (environment steps
 * over all tasks, or updates where those are unknown: {@link SuccessCurve}), drawn with Java2D so no plotting
 * dependency is needed. The mean over tasks is drawn thicker because it is the paper's headline
 * number. The one plot writer of the project: the in-process trainer (learner-job) uses it too.
 */
public final class SuccessPlot {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final int LEFT = 70;
    private static final int RIGHT = 230;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private final String title;
    private final String xLabel;
    private final List<String> taskNames;
    private final List<Long> steps = new ArrayList<>();
    private final List<double[]> success = new ArrayList<>();

    /**
     * @param title     drawn above the plot
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

    public int points() {
        return steps.size();
    }

    String xLabel() {
        return xLabel;
    }

    long x(int point) {
        return steps.get(point);
    }

    BufferedImage render() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int plotW = WIDTH - LEFT - RIGHT;
            int plotH = HEIGHT - TOP - BOTTOM;
            long maxStep = 1;
            for (long s : steps) {
                maxStep = Math.max(maxStep, s);
            }
            drawAxes(g, plotW, plotH, maxStep);
            Map<String, double[]> series = new LinkedHashMap<>();
            for (int t = 0; t < taskNames.size(); t++) {
                double[] ys = new double[steps.size()];
                for (int i = 0; i < ys.length; i++) {
                    ys[i] = success.get(i)[t];
                }
                series.put(taskNames.get(t), ys);
            }
            double[] mean = new double[steps.size()];
            for (int i = 0; i < mean.length; i++) {
                double sum = 0;
                for (double v : success.get(i)) {
                    sum += v;
                }
                mean[i] = sum / taskNames.size();
            }
            int k = 0;
            for (Map.Entry<String, double[]> e : series.entrySet()) {
                Color c = Color.getHSBColor((float) k / Math.max(1, series.size()), 0.75f, 0.85f);
                drawSeries(g, e.getValue(), c, 1.5f, plotW, plotH, maxStep);
                legend(g, k, e.getKey(), c);
                k++;
            }
            drawSeries(g, mean, Color.BLACK, 3.5f, plotW, plotH, maxStep);
            legend(g, k, "mean", Color.BLACK);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LEFT, TOP - 14);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes the PNG atomically (a reader never sees half a picture). */
    public void write(Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        if (!ImageIO.write(render(), "png", tmp.toFile())) {
            throw new IOException("no PNG writer available in this JVM");
        }
        Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void drawAxes(Graphics2D g, int plotW, int plotH, long maxStep) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            double y = i / 5.0;
            int py = TOP + plotH - (int) Math.round(y * plotH);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT, py, LEFT + plotW, py);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.1f", y), LEFT - 32, py + 4);
        }
        for (int i = 0; i <= 4; i++) {
            long s = maxStep * i / 4;
            int px = LEFT + (int) Math.round((double) s / maxStep * plotW);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(px, TOP, px, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            g.drawString(humanCount(s), px - 14, TOP + plotH + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.drawString(xLabel, LEFT + plotW / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, HEIGHT - 18);
        Graphics2D rot = (Graphics2D) g.create();
        rot.rotate(-Math.PI / 2);
        rot.drawString("success rate", -(TOP + plotH / 2 + 35), 20);
        rot.dispose();
    }

    private void drawSeries(Graphics2D g, double[] ys, Color c, float width, int plotW, int plotH,
            long maxStep) {
        g.setColor(c);
        g.setStroke(new BasicStroke(width));
        int prevX = -1;
        int prevY = -1;
        for (int i = 0; i < ys.length; i++) {
            int px = LEFT + (int) Math.round((double) steps.get(i) / maxStep * plotW);
            int py = TOP + plotH - (int) Math.round(Math.max(0, Math.min(1, ys[i])) * plotH);
            if (prevX >= 0) {
                g.drawLine(prevX, prevY, px, py);
            }
            g.fillOval(px - 2, py - 2, 5, 5);
            prevX = px;
            prevY = py;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private void legend(Graphics2D g, int row, String name, Color c) {
        int x = WIDTH - RIGHT + 15;
        int y = TOP + 10 + row * 18;
        g.setColor(c);
        g.fillRect(x, y - 9, 14, 10);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(name, x + 20, y);
    }

    static String humanCount(long s) {
        if (s >= 1_000_000) {
            return String.format("%.1fM", s / 1e6);
        }
        if (s >= 10_000) {
            return String.format("%.0fk", s / 1e3);
        }
        if (s >= 1_000) {
            return String.format("%.1fk", s / 1e3);
        }
        return Long.toString(s);
    }
}
