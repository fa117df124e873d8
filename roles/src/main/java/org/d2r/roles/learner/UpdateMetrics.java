package org.d2r.roles.learner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.d2r.core.sac.UpdateStats;

/**
 * One learner update's figures, the one definition of the learner's metrics: metrics.csv's columns and the names a
 * {@link MetricsSink} publishes them under both come from {@link #figureNames()}, so a figure added here reaches the file,
 * the learner-metrics topic and the run monitor's charts alike.
 *
 * @param update          updates applied so far, this one included
 * @param envStepsPerTask environment steps per task behind that batch (-1: unknown)
 * @param figures         the scalar figures by name, in column order (NaN where the update had none)
 * @param alpha           the entropy temperature per task after the update
 * @param tau             the routing balance statistic tau_T per task after the update
 * @param createdAtMs     wall-clock time of the update's end
 */
public record UpdateMetrics(long update, long batchSequence, long envStepsPerTask, Map<String, Double> figures,
                            List<Double> alpha, List<Double> tau, long createdAtMs) {

    /** A figure: its column name, whether it counts something (written as a whole number), and where it comes from. */
    private record Figure(String name, boolean count, ToDoubleBiFunction<UpdateStats, Double> value) {}

    private static final List<Figure> FIGURES = List.of(
            new Figure("policy_loss", false, (s, seconds) -> s.policyLoss()),
            new Figure("critic1_loss", false, (s, seconds) -> s.criticLoss1()),
            new Figure("critic2_loss", false, (s, seconds) -> s.criticLoss2()),
            new Figure("alpha_loss", false, (s, seconds) -> s.alphaLoss()),
            new Figure("masked_tasks", true, (s, seconds) -> s.maskedTasks()),
            new Figure("actor_grad_norm", false, (s, seconds) -> s.actorGradNorm()),
            new Figure("critic1_grad_norm", false, (s, seconds) -> s.critic1GradNorm()),
            new Figure("critic2_grad_norm", false, (s, seconds) -> s.critic2GradNorm()),
            new Figure("seconds_per_update", false, (s, seconds) -> seconds));

    public UpdateMetrics {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        alpha = List.copyOf(alpha);
        tau = List.copyOf(tau);
    }

    public static UpdateMetrics of(long update, long batchSequence, long envStepsPerTask, UpdateStats s, double seconds,
                                   long createdAtMs) {
        Map<String, Double> f = new LinkedHashMap<>();
        for (Figure figure : FIGURES) f.put(figure.name(), figure.value().applyAsDouble(s, seconds));
        return new UpdateMetrics(update, batchSequence, envStepsPerTask, f, boxed(s.alpha()), boxed(s.tau()), createdAtMs);
    }

    public static List<String> figureNames() {
        return FIGURES.stream().map(Figure::name).toList();
    }

    static boolean isCount(String name) {
        return FIGURES.stream().anyMatch(f -> f.name().equals(name) && f.count());
    }

    private static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) out.add(d);
        return out;
    }
}
