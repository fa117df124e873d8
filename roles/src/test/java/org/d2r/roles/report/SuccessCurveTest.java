package org.d2r.roles.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuccessCurveTest {
    static final List<String> TASKS = List.of("reach-v2", "push-v2");
    /** Updates and env steps spaced differently: the middle evaluation (mean success 0.5) is at 10% of the updates but 90% of the steps. */
    static SuccessCurve curve(long middleSteps) {
        SuccessCurve c = new SuccessCurve("t", TASKS);
        c.add(new SuccessCurve.Point(0, -1, new double[] {0, 0}));
        c.add(new SuccessCurve.Point(100, middleSteps, new double[] {0.25, 0.75}));
        c.add(new SuccessCurve.Point(1000, 1000, new double[] {0, 0}));
        return c;
    }

    /** The x value of evaluation {@code point}, as the plot places it. */
    static long x(SuccessPlot plot, int point) {
        return (long) plot.dataset().getXValue(0, point);
    }

    static String xLabel(SuccessPlot plot) {
        return plot.chart().getXYPlot().getDomainAxis().getLabel();
    }

    /** Whether the mean curve's marker (black) is at this fraction of the x-axis, half-way up. */
    static boolean meanMarkerHalfWayUp(SuccessPlot plot, double xFraction) {
        SuccessPlotTest.Rendering r = SuccessPlotTest.render(plot);
        double maxX = x(plot, plot.dataset().getItemCount(0) - 1);
        java.awt.Point p = SuccessPlotTest.pixel(r, xFraction * maxX, 0.5);
        return r.image().getRGB(p.x, p.y) == Color.BLACK.getRGB();
    }

    @Test
    void placesEvaluationsByTheEnvironmentStepsOfAllTasks() {
        SuccessPlot plot = curve(900).plot();
        assertEquals(SuccessCurve.ENV_STEPS, xLabel(plot));
        assertEquals(0, x(plot, 0), "the first snapshot, before any batch, is the origin");
        assertEquals(2 * 1000, x(plot, 2), "steps of both tasks, as the in-process trainer plots them");
        assertTrue(meanMarkerHalfWayUp(plot, 0.9), "the middle evaluation (mean 0.5) sits at 1800 of 2000 steps");
        assertFalse(meanMarkerHalfWayUp(plot, 0.1));
    }

    @Test
    void fallsBackToUpdatesWhenALearnerDidNotReportItsSteps() {
        SuccessPlot plot = curve(-1).plot();
        assertEquals(SuccessCurve.UPDATES, xLabel(plot));
        assertEquals(1000, x(plot, 2));
        assertTrue(meanMarkerHalfWayUp(plot, 0.1), "the middle evaluation (mean 0.5) sits at update 100 of 1000");
        assertFalse(meanMarkerHalfWayUp(plot, 0.9));
    }

    @Test
    void aContinuedRunReadsItsEarlierEvaluationsBackWithTheirSteps(@TempDir Path dir) {
        EvalCsv csv = new EvalCsv(dir.resolve("evaluations.csv"));
        csv.append(0, 0, -1, "reach-v2", 0.0, 1.0, 2);
        csv.append(0, 0, -1, "push-v2", 0.5, 1.0, 2);
        csv.append(130, 2, 1130, "push-v2", 1.0, 1.0, 2);
        csv.append(130, 2, 1130, "reach-v2", 0.25, 1.0, 2);
        csv.append(210, 4, 1210, "reach-v2", 0.75, 1.0, 2); // push-v2 never written: evaluated again
        List<SuccessCurve.Point> points = new EvalCsv(dir.resolve("evaluations.csv")).completed(TASKS);
        assertEquals(2, points.size());
        assertEquals(0, points.get(0).update());
        assertEquals(-1, points.get(0).envStepsPerTask());
        assertArrayEquals(new double[] {0.0, 0.5}, points.get(0).success());
        assertEquals(130, points.get(1).update());
        assertEquals(1130, points.get(1).envStepsPerTask());
        assertArrayEquals(new double[] {0.25, 1.0}, points.get(1).success(), "rates in the run's task order");
        assertNotEquals(SuccessCurve.UPDATES, xLabel(placed(points)));
    }

    static SuccessPlot placed(List<SuccessCurve.Point> points) {
        SuccessCurve c = new SuccessCurve("t", TASKS);
        points.forEach(c::add);
        return c.plot();
    }
}
