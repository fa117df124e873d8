package org.d2r.roles.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Point;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuccessPlotTest {

    /** The picture and where the data lie in it, drawn as {@link SuccessPlot#write} draws it. */
    record Rendering(BufferedImage image, XYPlot plot, Rectangle2D dataArea) {}

    static Rendering render(SuccessPlot p) {
        JFreeChart chart = p.chart();
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage img = chart.createBufferedImage(SuccessPlot.WIDTH, SuccessPlot.HEIGHT, BufferedImage.TYPE_INT_RGB,
                info);
        return new Rendering(img, chart.getXYPlot(), info.getPlotInfo().getDataArea());
    }

    /** Where the point (x, y) of the data lies in the picture. */
    static Point pixel(Rendering r, double x, double y) {
        XYPlot plot = r.plot();
        return new Point((int) Math.round(plot.getDomainAxis().valueToJava2D(x, r.dataArea(), plot.getDomainAxisEdge())),
                (int) Math.round(plot.getRangeAxis().valueToJava2D(y, r.dataArea(), plot.getRangeAxisEdge())));
    }

    @Test
    void writesAReadablePngWithTheMeanCurveWhereTheDataSaysItIs(@TempDir Path dir) throws Exception {
        SuccessPlot plot = new SuccessPlot("test", "updates", List.of("reach-v2", "push-v2"));
        plot.add(0, new double[] {0.0, 0.0});
        plot.add(1000, new double[] {1.0, 0.0});
        Path png = dir.resolve("success.png");
        plot.write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(960, img.getWidth());
        assertEquals(600, img.getHeight());
        // The mean at the last point is 0.5: its marker is drawn black at the right edge, half-way up.
        Point p = pixel(render(plot), 1000, 0.5);
        assertEquals(Color.BLACK.getRGB(), img.getRGB(p.x, p.y));
        assertTrue(Files.size(png) > 1000);
        int drawn = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) != Color.WHITE.getRGB()) drawn++;
            }
        }
        assertTrue(drawn > 5_000, "axes, labels, legend and curves: " + drawn + " pixels drawn");
    }

    @Test
    void aSeriesPerTaskThenTheMeanWithTheLabelsGiven() {
        SuccessPlot plot = new SuccessPlot("MT10 / D2R / seed 1", "updates", List.of("reach-v2", "push-v2", "pick-place-v2"));
        plot.add(0, new double[] {0.0, 0.0, 0.0});
        plot.add(500, new double[] {1.0, 0.5, 0.0});
        XYSeriesCollection data = plot.dataset();
        assertEquals(4, data.getSeriesCount());
        assertEquals(List.of("reach-v2", "push-v2", "pick-place-v2", SuccessPlot.MEAN),
                List.of(data.getSeriesKey(0), data.getSeriesKey(1), data.getSeriesKey(2), data.getSeriesKey(3)));
        assertEquals(0.5, data.getSeries(3).getY(1).doubleValue(), 1e-12);
        assertEquals(500, data.getSeries(1).getX(1).doubleValue());
        JFreeChart chart = plot.chart();
        assertEquals("MT10 / D2R / seed 1", chart.getTitle().getText());
        assertEquals("updates", chart.getXYPlot().getDomainAxis().getLabel());
        assertEquals("success rate", chart.getXYPlot().getRangeAxis().getLabel());
        assertEquals(4, chart.getXYPlot().getLegendItems().getItemCount());
    }

    @Test
    void stepCountsAreWrittenAsPeopleSayThem() {
        assertEquals("950", SuccessPlot.humanCount(950));
        assertEquals("2.5k", SuccessPlot.humanCount(2_500));
        assertEquals("250k", SuccessPlot.humanCount(250_000));
        assertEquals("1.5M", SuccessPlot.humanCount(1_500_000));
    }

    @Test
    void rejectsAnEvaluationWithTheWrongNumberOfTasks() {
        SuccessPlot plot = new SuccessPlot("t", "updates", List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> plot.add(1, new double[] {1}));
    }
}
