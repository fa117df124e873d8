package org.d2r.monitor;

import java.util.List;
import org.d2r.schemas.TaskStats;

/**
 * One task's behaviour stream as the replay job reports it at each episode end (task-stats): the newest figures, the
 * environment steps per second, and the history of training success and return against environment steps.
 *
 * @param transitions         environment steps of the task so far (the replay job's count of its transitions)
 * @param lastSnapshotVersion the policy version the producers acted with last (-1: random warm-up actions)
 */
record TaskTraining(int taskId, String taskName, long transitions, long episodes, int windowSize, int recentEpisodes,
                    double successRate, double meanReturn, long lastSnapshotVersion, double stepsPerSecond, long atMs,
                    List<Point> history) {

    record Point(long atMs, long transitions, double successRate, double meanReturn, double stepsPerSecond) {}

    TaskTraining {
        history = List.copyOf(history);
    }

    /**
     * The state after {@code s}, stamped {@code atMs}. A record that does not move the task's step count forward (a
     * replay job restored from a checkpoint sends the statistics since then again) changes nothing.
     */
    static TaskTraining after(TaskTraining previous, TaskStats s, long atMs) {
        if (previous != null && s.getTransitions() <= previous.transitions()) return previous;
        List<Point> history = previous == null ? List.of() : previous.history();
        double rate = Series.rate(history, atMs, s.getTransitions(), Point::atMs, Point::transitions);
        Point point = new Point(atMs, s.getTransitions(), s.getSuccessRate(), s.getMeanReturn(), rate);
        return new TaskTraining(s.getTaskId(), s.getTaskName(), s.getTransitions(), s.getEpisodes(), s.getWindowSize(),
                s.getRecentEpisodes(), s.getSuccessRate(), s.getMeanReturn(), s.getLastSnapshotVersion(), rate, atMs,
                Series.append(history, point));
    }
}
