package org.d2r.roles.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluations of one run, drawn as success.png against environment steps over all tasks, the
 * paper's x-axis and the one the in-process trainer uses, so a pipeline run and a local run can be laid
 * side by side. Snapshots from a learner that did not report its environment steps (older records)
 * leave no way to place them, so then the whole curve falls back to updates, saying so on the axis.
 */
public final class SuccessCurve {

    static final String ENV_STEPS = "environment steps (all tasks)";
    static final String UPDATES = "updates (environment steps not reported by the learner)";

    /**
     * @param envStepsPerTask environment steps per task behind the evaluated snapshot, -1 if not reported
     * @param success         success rate per task, in the run's task order
     */
    public record Point(long update, long envStepsPerTask, double[] success) {
        public Point {
            success = success.clone();
        }

        /** The first snapshot is published before any batch, so it has no steps of its own: it is the curve's origin. */
        boolean placeable() {
            return envStepsPerTask >= 0 || update == 0;
        }

        /** Where the curves place it: environment steps over all {@code tasks} when {@code bySteps}, else updates. */
        long x(boolean bySteps, int tasks) {
            return bySteps ? Math.max(0, envStepsPerTask) * tasks : update;
        }
    }

    private String title;
    private final List<String> tasks;
    private final List<Point> points = new ArrayList<>();

    public SuccessCurve(String title, List<String> tasks) {
        this.title = title;
        this.tasks = List.copyOf(tasks);
    }

    /** The snapshots name their method only once they arrive. */
    public void title(String t) {
        title = t;
    }

    public void add(Point p) {
        points.add(p);
    }

    SuccessPlot plot() {
        boolean bySteps = points.stream().allMatch(Point::placeable);
        SuccessPlot plot = new SuccessPlot(title, bySteps ? ENV_STEPS : UPDATES, tasks);
        for (Point p : points) {
            plot.add(p.x(bySteps, tasks.size()), p.success());
        }
        return plot;
    }

    public void write(Path png) throws IOException {
        plot().write(png);
    }
}
