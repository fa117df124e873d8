package org.d2r.evaluator;

import java.util.List;
import java.util.Locale;

/**
 * The evaluation of a run's last policy (the paper reports its final policy over more episodes than
 * the periodic ones): also a row per task in evaluations.csv and a point of success.png.
 *
 * @param update          the evaluated snapshot's update count
 * @param envStepsPerTask environment steps per task behind it, -1 if the learner did not report them
 * @param episodes        episodes per task
 * @param tasks           task names, in the order of {@code success}
 * @param success         success rate per task
 */
public record FinalEvaluation(long update, long envStepsPerTask, int episodes, List<String> tasks, double[] success) {

    public FinalEvaluation {
        tasks = List.copyOf(tasks);
        success = success.clone();
        if (success.length != tasks.size()) {
            throw new IllegalArgumentException(tasks.size() + " tasks but " + success.length + " success rates");
        }
    }

    @Override
    public double[] success() {
        return success.clone();
    }

    public double meanSuccess() {
        double sum = 0;
        for (double s : success) sum += s;
        return sum / success.length;
    }

    /** One line for a terminal: mean first (the paper's headline number), then each task. */
    public String summary() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "final evaluation of update %d%s, %d episodes per task: mean success %.3f |", update,
                envStepsPerTask < 0 ? "" : " (" + envStepsPerTask + " env steps per task)", episodes, meanSuccess()));
        for (int i = 0; i < success.length; i++) {
            b.append(' ').append(tasks.get(i).replace("-v2", "")).append('=')
                    .append(String.format(Locale.ROOT, "%.2f", success[i]));
        }
        return b.toString();
    }
}
