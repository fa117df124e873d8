package org.d2r.roles.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuccessPlotTest {

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
        int x = 70 + (960 - 70 - 230);
        int y = 40 + (600 - 40 - 60) / 2;
        assertEquals(Color.BLACK.getRGB(), img.getRGB(x, y));
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void rejectsAnEvaluationWithTheWrongNumberOfTasks() {
        SuccessPlot plot = new SuccessPlot("t", "updates", List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> plot.add(1, new double[] {1}));
    }
}
