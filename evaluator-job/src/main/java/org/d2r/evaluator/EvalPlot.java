package org.d2r.evaluator;

import java.awt.BasicStroke;
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
import javax.imageio.ImageIO;

/**
 * Success per task against updates, drawn with Java2D. The local trainer's plot is package-private
 * in learner-job and draws against env steps; depending on learner-job (Flink) for one picture would
 * be the wrong way round, so this is a small one of its own. The mean over tasks is drawn thick.
 */
final class EvalPlot {
    private static final int W = 960;
    private static final int H = 600;
    private static final int L = 70;
    private static final int R = 230;
    private static final int T = 40;
    private static final int B = 60;

    private final String title;
    private final List<String> tasks;
    private final List<Long> updates = new ArrayList<>();
    private final List<double[]> success = new ArrayList<>();

    EvalPlot(String title, List<String> tasks) {
        this.title = title;
        this.tasks = List.copyOf(tasks);
    }

    void add(long update, double[] successPerTask) {
        updates.add(update);
        success.add(successPerTask.clone());
    }

    void write(Path png) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            int pw = W - L - R;
            int ph = H - T - B;
            long max = 1;
            for (long u : updates) max = Math.max(max, u);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i <= 5; i++) {
                int py = T + ph - i * ph / 5;
                g.setColor(new Color(225, 225, 225));
                g.drawLine(L, py, L + pw, py);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format("%.1f", i / 5.0), L - 32, py + 4);
            }
            for (int i = 0; i <= 4; i++) {
                int px = L + i * pw / 4;
                g.drawString(Long.toString(max * i / 4), px - 10, T + ph + 18);
            }
            g.setColor(Color.BLACK);
            g.drawRect(L, T, pw, ph);
            g.drawString("updates", L + pw / 2 - 20, H - 18);
            double[] mean = new double[updates.size()];
            for (int i = 0; i < mean.length; i++) {
                for (double v : success.get(i)) mean[i] += v / tasks.size();
            }
            for (int t = 0; t <= tasks.size(); t++) {
                boolean isMean = t == tasks.size();
                Color c = isMean ? Color.BLACK : Color.getHSBColor((float) t / tasks.size(), 0.75f, 0.85f);
                g.setColor(c);
                g.setStroke(new BasicStroke(isMean ? 3.5f : 1.5f));
                int px0 = -1;
                int py0 = -1;
                for (int i = 0; i < updates.size(); i++) {
                    double y = isMean ? mean[i] : success.get(i)[t];
                    int px = L + (int) Math.round((double) updates.get(i) / max * pw);
                    int py = T + ph - (int) Math.round(Math.max(0, Math.min(1, y)) * ph);
                    if (px0 >= 0) g.drawLine(px0, py0, px, py);
                    g.fillOval(px - 2, py - 2, 5, 5);
                    px0 = px;
                    py0 = py;
                }
                g.setStroke(new BasicStroke(1f));
                int ly = T + 10 + t * 18;
                g.fillRect(W - R + 15, ly - 9, 14, 10);
                g.setColor(Color.BLACK);
                g.drawString(isMean ? "mean" : tasks.get(t), W - R + 35, ly);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, L, T - 14);
        } finally {
            g.dispose();
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer available in this JVM");
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING);
    }
}
