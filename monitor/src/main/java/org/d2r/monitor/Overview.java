package org.d2r.monitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * What the page draws, in one answer: the stores' contents and the figures derived from several of them (the
 * per-task table, throughput over time, the learner's lag behind the replay job's batches). Built from the tables
 * alone, so that the same tables always give the same page.
 *
 * @param lagBatches  batches the replay job made that the learner has not trained on yet (null until both are known)
 * @param unreadable  per topic, records that did not decode (skipped)
 */
record Overview(String runId, String streamsState, long generatedAtMs, List<Row> table, List<TaskTraining> training,
                List<TaskEvaluations> evaluations, LearnerProgress learner, PipelineState.Batches batches, Long lagBatches,
                PipelineState.Snapshots snapshots, List<PipelineState.DeadLetters> deadLetters, Throughput throughput,
                Map<String, Long> unreadable) {

    static final int THROUGHPUT_SAMPLES = 60;

    /**
     * One task's line of the table: its training stream, its newest evaluation and the learner's alpha and tau_T for it
     * (null where not known yet).
     */
    record Row(int taskId, String taskName, Long envSteps, Double stepsPerSecond, Long episodes, Double trainSuccess,
               Double trainReturn, Long actingSnapshot, Long evalUpdate, Double evalSuccess, Double evalReturn,
               Double modulesUsed, Double alpha, Double tau) {}

    /** Environment steps (all tasks) and updates per second over the run's time, seconds from its first record. */
    record Throughput(List<Double> seconds, List<Double> envStepsPerSecond, List<Double> updatesPerSecond) {
    }

    Overview {
        table = List.copyOf(table); // the other lists come sorted and unmodifiable from of()
        unreadable = Map.copyOf(unreadable);
    }

    /** The overview of the stores that {@code stores} reads by name (the running application's, or a test driver's). */
    static Overview of(String runId, String streamsState, long now, Function<String, Collection<Object>> stores,
                       Map<String, Long> unreadable) {
        List<TaskTraining> tr = values(stores, MonitorTopology.TASKS, TaskTraining.class).stream()
                .sorted(Comparator.comparingInt(TaskTraining::taskId)).toList();
        List<TaskEvaluations> ev = values(stores, MonitorTopology.EVALUATIONS, TaskEvaluations.class).stream()
                .sorted(Comparator.comparingInt(TaskEvaluations::taskId)).toList();
        LearnerProgress learner = only(stores, MonitorTopology.LEARNER, LearnerProgress.class);
        PipelineState.Batches batches = only(stores, MonitorTopology.BATCHES, PipelineState.Batches.class);
        Long lag = batches != null && learner != null ? Math.max(0, batches.sequence() - learner.batchSequence()) : null;
        return new Overview(runId, streamsState, now, table(tr, ev, learner), tr, ev, learner, batches, lag,
                only(stores, MonitorTopology.SNAPSHOTS, PipelineState.Snapshots.class),
                values(stores, MonitorTopology.DEAD_LETTERS, PipelineState.DeadLetters.class).stream()
                        .sorted(Comparator.comparing(PipelineState.DeadLetters::stage)).toList(),
                throughput(tr, learner), unreadable);
    }

    private static <V> List<V> values(Function<String, Collection<Object>> stores, String store, Class<V> type) {
        return stores.apply(store).stream().map(type::cast).toList();
    }

    private static <V> V only(Function<String, Collection<Object>> stores, String store, Class<V> type) {
        List<V> v = values(stores, store, type);
        return v.isEmpty() ? null : v.get(0);
    }

    private static List<Row> table(List<TaskTraining> training, List<TaskEvaluations> evaluations, LearnerProgress learner) {
        Map<Integer, String> names = new TreeMap<>();
        training.forEach(t -> names.put(t.taskId(), t.taskName()));
        evaluations.forEach(e -> names.putIfAbsent(e.taskId(), e.taskName()));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<Integer, String> task : names.entrySet()) {
            int id = task.getKey();
            TaskTraining t = training.stream().filter(x -> x.taskId() == id).findFirst().orElse(null);
            TaskEvaluations e = evaluations.stream().filter(x -> x.taskId() == id).findFirst().orElse(null);
            TaskEvaluations.Point last = e == null || e.points().isEmpty() ? null : e.points().get(e.points().size() - 1);
            LearnerProgress.Point l = learner == null ? null : learner.newest();
            rows.add(new Row(id, task.getValue(), t == null ? null : t.transitions(), t == null ? null : t.stepsPerSecond(),
                    t == null ? null : t.episodes(), t == null ? null : t.successRate(), t == null ? null : t.meanReturn(),
                    t == null ? null : t.lastSnapshotVersion(), last == null ? null : last.update(),
                    last == null ? null : last.successRate(), last == null ? null : last.meanReturn(),
                    last == null || Double.isNaN(last.modulesUsed()) ? null : last.modulesUsed(),
                    l == null || id >= l.alpha().size() ? null : (double) l.alpha().get(id),
                    l == null || id >= l.tau().size() ? null : (double) l.tau().get(id)));
        }
        return rows;
    }

    /**
     * Rates on an even grid over the run's time: the tasks' step counts (each interpolated between its episode ends)
     * summed, and the learner's update count, differenced per interval. Irregular per-task reports become one curve.
     */
    static Throughput throughput(List<TaskTraining> training, LearnerProgress learner) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (TaskTraining t : training) {
            from = Math.min(from, t.history().get(0).atMs());
            to = Math.max(to, t.atMs());
        }
        if (learner != null) {
            from = Math.min(from, learner.history().get(0).atMs());
            to = Math.max(to, learner.atMs());
        }
        List<Double> seconds = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        List<Double> updates = new ArrayList<>();
        if (to <= from) return new Throughput(List.of(), List.of(), List.of());
        double dt = (double) (to - from) / THROUGHPUT_SAMPLES;
        double prevSteps = 0;
        double prevUpdates = 0;
        for (int k = 0; k <= THROUGHPUT_SAMPLES; k++) {
            double at = from + k * dt;
            double s = 0;
            for (TaskTraining t : training) s += at(t.history(), at, TaskTraining.Point::atMs, TaskTraining.Point::transitions);
            double u = learner == null ? 0 : at(learner.history(), at, LearnerProgress.Point::atMs, LearnerProgress.Point::update);
            if (k > 0) {
                seconds.add((at - from) / 1000.0);
                steps.add(Math.max(0, (s - prevSteps) / (dt / 1000.0)));
                updates.add(Math.max(0, (u - prevUpdates) / (dt / 1000.0)));
            }
            prevSteps = s;
            prevUpdates = u;
        }
        return new Throughput(List.copyOf(seconds), List.copyOf(steps), List.copyOf(updates));
    }

    /** {@code value} at time {@code at}, linear between points, the first point's before them and the last's after. */
    private static <P> double at(List<P> points, double at, ToLongFunction<P> time, ToDoubleFunction<P> value) {
        if (points.isEmpty()) return 0;
        P prev = points.get(0);
        if (at <= time.applyAsLong(prev)) return value.applyAsDouble(prev);
        for (P p : points) {
            long tp = time.applyAsLong(p);
            if (tp >= at) {
                long t0 = time.applyAsLong(prev);
                double v0 = value.applyAsDouble(prev);
                return tp == t0 ? value.applyAsDouble(p) : v0 + (value.applyAsDouble(p) - v0) * (at - t0) / (tp - t0);
            }
            prev = p;
        }
        return value.applyAsDouble(prev);
    }
}
