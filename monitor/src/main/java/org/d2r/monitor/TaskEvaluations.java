package org.d2r.monitor;

import java.util.ArrayList;
import java.util.List;
import org.d2r.schemas.EvalResult;

/**
 * One task's evaluations (eval-results): success and return of each evaluated policy against the environment steps
 * behind it, and the routing of the newest evaluation of a routed policy.
 *
 * @param routing the newest evaluation's TopK routing shares, or null when no evaluated policy routes
 */
record TaskEvaluations(int taskId, String taskName, List<Point> points, Routing routing) {

    /**
     * @param envStepsPerTask the environment steps per task behind the policy (-1: before the first batch)
     * @param modulesUsed     mean modules used per step (NaN where the policy does not route)
     */
    record Point(long update, long snapshotVersion, long envStepsPerTask, int episodes, double successRate, double meanReturn,
                 double modulesUsed) {}

    /**
     * @param modules the routed network's module count n
     * @param shares  per router i = 1..n (feeding module i + 1, router n the output), the share of steps it chose each of
     *                its sources 1..i
     */
    record Routing(long update, int modules, List<List<Double>> shares) {
        Routing {
            shares = shares.stream().map(List::copyOf).toList();
        }

        /** The shares of a routing path's bits (n(n+1)/2 of them, router i's from bit i(i-1)/2), by router; null if none. */
        static Routing of(long update, List<Float> bits) {
            if (bits.isEmpty()) return null;
            int n = (int) Math.round((Math.sqrt(8.0 * bits.size() + 1) - 1) / 2);
            if (n * (n + 1) / 2 != bits.size()) {
                throw new IllegalArgumentException(bits.size() + " routing shares are no n(n+1)/2 path bits");
            }
            List<List<Double>> byRouter = new ArrayList<>(n);
            for (int r = 1; r <= n; r++) {
                List<Double> row = new ArrayList<>(r);
                for (int j = 0; j < r; j++) row.add((double) bits.get(r * (r - 1) / 2 + j));
                byRouter.add(row);
            }
            return new Routing(update, n, byRouter);
        }
    }

    TaskEvaluations {
        points = List.copyOf(points);
    }

    /**
     * The task's evaluations with {@code r} in them: in update order, one point per (update, episodes), so that a
     * result published twice (an evaluator restarted mid-way) is not counted twice, and a final evaluation of the same
     * policy over more episodes stays beside the periodic one.
     */
    static TaskEvaluations after(TaskEvaluations previous, EvalResult r) {
        Double modules = r.getMetrics().get("meanModulesUsed");
        Point p = new Point(r.getUpdateCount(), r.getSnapshotVersion(), r.getEnvStepsPerTask(), r.getEpisodes(),
                r.getSuccessRate(), r.getMeanReturn(), modules == null ? Double.NaN : modules);
        List<Point> points = new ArrayList<>(previous == null ? List.of() : previous.points());
        points.removeIf(q -> q.update() == p.update() && q.episodes() == p.episodes());
        int at = 0;
        while (at < points.size() && points.get(at).update() <= p.update()) at++;
        points.add(at, p);
        Routing routing = previous == null ? null : previous.routing();
        Routing now = Routing.of(r.getUpdateCount(), r.getRoutingShares());
        if (now != null && (routing == null || now.update() >= routing.update())) routing = now;
        // a long run's evaluations are kept thinned like any series, the newest always
        return new TaskEvaluations(r.getTaskId(), r.getTaskName(), Series.append(points.subList(0, points.size() - 1),
                points.get(points.size() - 1)), routing);
    }
}
