package org.d2r.metaworld.tools;

import java.util.List;
import org.d2r.metaworld.GoalMode;

/** Aggregate of a scripted-policy run on one task. */
public record TaskReport(String task, GoalMode mode, int maxSteps, double actionNoise, long seed,
                         boolean stopAtSuccess, List<EpisodeOutcome> outcomes, long envSteps, double seconds) {

    public TaskReport {
        outcomes = List.copyOf(outcomes);
    }

    public int episodes() {
        return outcomes.size();
    }

    public int successes() {
        return (int) outcomes.stream().filter(EpisodeOutcome::success).count();
    }

    public double successRate() {
        return outcomes.isEmpty() ? Double.NaN : (double) successes() / outcomes.size();
    }

    /** Mean episode return; covers only the steps up to first success when {@code stopAtSuccess}. */
    public double meanReturn() {
        return outcomes.stream().mapToDouble(EpisodeOutcome::episodeReturn).average().orElse(Double.NaN);
    }

    /** Mean 1-based step of first success over the successful episodes; NaN when none succeeded. */
    public double meanStepsToSuccess() {
        return outcomes.stream().filter(EpisodeOutcome::success).mapToInt(EpisodeOutcome::firstSuccessStep)
                .average().orElse(Double.NaN);
    }
}
