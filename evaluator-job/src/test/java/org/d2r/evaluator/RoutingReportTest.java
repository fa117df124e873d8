package org.d2r.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.d2r.core.routing.RoutingPaths;
import org.junit.jupiter.api.Test;

class RoutingReportTest {

    /** Paths where task t's router r always picks module 1 and, half the time, module r (the paper's 16 modules). */
    @Test
    void frequenciesAndModulesUsedArePerTaskAndTheHeatMapHasACellPerRouterAndSource() throws Exception {
        int n = 16;
        List<String> tasks = List.of("reach-v2", "push-v2");
        RoutingReport.Counts[] counts = {new RoutingReport.Counts(n), new RoutingReport.Counts(n)};
        RoutingPaths p = new RoutingPaths(n, 1);
        Random r = new Random(1);
        for (int step = 0; step < 400; step++) {
            for (int t = 0; t < 2; t++) {
                p.clearRow(0);
                boolean second = t == 1 && r.nextBoolean();
                for (int router = 1; router <= n; router++) {
                    p.set(0, RoutingPaths.routerOffset(router), true);
                    if (second && router > 1) p.set(0, RoutingPaths.routerOffset(router) + router - 1, true);
                }
                counts[t].add(p, 0);
            }
        }
        assertEquals(1.0, counts[0].meanModulesUsed(), 1e-12, "reach only ever reads module 1");
        assertEquals(1.0, counts[1].frequency(5, 0), 1e-12);
        assertEquals(0.5, counts[1].frequency(5, 4), 0.1);
        assertEquals(0.0, counts[1].frequency(5, 2), 0.0);
        // on a push step with the second source, router r also reads module r: modules 2..16 join module 1
        assertEquals(1 + 15 * counts[1].frequency(15, 14), counts[1].meanModulesUsed(), 1e-9);

        Path dir = Path.of("target", "routing-report-test");
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("routing.csv"));
        Files.deleteIfExists(dir.resolve("routing-paths.csv"));
        new RoutingReport(dir).append(7, 7, 3, tasks, new double[] {1.0, 0.5}, new double[] {0.25, 0.75}, counts);
        List<String> summary = Files.readAllLines(dir.resolve("routing.csv"));
        assertEquals(List.of(RoutingReport.SUMMARY_HEADER, "7,7,reach-v2,1.0000,1.00000,0.2500,3"), summary.subList(0, 2));
        List<String> paths = Files.readAllLines(dir.resolve("routing-paths.csv"));
        // reach: one row per router (module 1); push: module 1 per router plus module r for routers 2..16
        assertEquals(1 + 16 + 16 + 15, paths.size());
        BufferedImage img = RoutingReport.render(7, tasks, counts);
        assertTrue(img.getWidth() >= 136 * 6 && img.getHeight() >= 2 * 22, img.getWidth() + "x" + img.getHeight());
        int always = new java.awt.Color(1 - 0.85f, 1 - 0.6f, 1 - 0.2f).getRGB(); // a source chosen at every step
        long cells = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if (img.getRGB(x, y) == always) cells++;
        }
        assertTrue(cells > 16 * 2 * 6, "both tasks' module-1 cells drawn at full share: " + cells + " pixels");
        assertTrue(Files.size(dir.resolve("routing.png")) > 1000);
    }
}
