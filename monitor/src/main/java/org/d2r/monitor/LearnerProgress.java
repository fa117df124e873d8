package org.d2r.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.d2r.schemas.LearnerMetrics;

/**
 * The learner's progress from its per-update figures (learner-metrics): the newest update, updates per second, and
 * a history of the figures, alpha and tau_T per task against updates. The figures' names are the learner's own
 * (metrics.csv's columns): the monitor charts whatever the learner publishes. Kept compact (names once, values as
 * floats), as the whole history is one value of a changelogged store.
 *
 * @param figureNames the names of each point's {@code figures}, in order
 */
record LearnerProgress(long update, long batchSequence, long envStepsPerTask, double updatesPerSecond, long atMs,
                       List<String> figureNames, List<Point> history) {

    record Point(long update, long envStepsPerTask, long atMs, float updatesPerSecond, List<Float> figures,
                 List<Float> alpha, List<Float> tau) {
        Point {
            figures = List.copyOf(figures);
            alpha = List.copyOf(alpha);
            tau = List.copyOf(tau);
        }
    }

    LearnerProgress {
        figureNames = List.copyOf(figureNames);
        history = List.copyOf(history);
    }

    Point newest() {
        return history.get(history.size() - 1);
    }

    /**
     * The state after {@code m}. A resumed learner publishes the updates after its checkpoint again, as metrics.csv is
     * cut back to it: an update at or below the newest one drops the history from there, and the new row follows.
     * Figures under other names than before start the history afresh.
     */
    static LearnerProgress after(LearnerProgress previous, LearnerMetrics m) {
        Map<String, Double> sorted = new TreeMap<>(m.getFigures());
        List<String> names = List.copyOf(sorted.keySet());
        List<Point> history = new ArrayList<>(previous == null || !previous.figureNames().equals(names) ? List.of()
                : previous.history());
        history.removeIf(p -> p.update() >= m.getUpdate());
        List<Float> figures = sorted.values().stream().map(Double::floatValue).toList();
        double rate = Series.rate(history, m.getCreatedAtMs(), m.getUpdate(), Point::atMs, Point::update);
        Point point = new Point(m.getUpdate(), m.getEnvStepsPerTask(), m.getCreatedAtMs(), (float) rate, figures, m.getAlpha(),
                m.getTau());
        return new LearnerProgress(m.getUpdate(), m.getBatchSequence(), m.getEnvStepsPerTask(), rate, m.getCreatedAtMs(),
                names, Series.append(history, point));
    }
}
