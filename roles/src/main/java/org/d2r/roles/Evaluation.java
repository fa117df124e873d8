package org.d2r.roles;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;

/**
 * One evaluation of a policy (d2r.md section 6: TopK routing, tanh(mean) actions): per task the share
 * of episodes in which Meta-World's success flag was 1 at any step, and the mean of the episodes'
 * summed unscaled rewards.
 */
public record Evaluation(double[] successRate, double[] meanReturn, int episodes) {

    /**
     * The evaluation environments of a run trained in one process (local, offline; the report acts in them too): with
     * fixed goals those of training (env index 0), whose one configuration they must see; with random goals a separate
     * stream (index 1).
     */
    public static EnvConfig environments(GoalMode goals, long seed, int episodeLength) {
        return EnvConfig.paper(goals, seed, 0).withMaxPathLength(episodeLength)
                .withEnvIndex(goals == GoalMode.FIXED ? 0 : 1);
    }

    public Evaluation {
        successRate = successRate.clone();
        meanReturn = meanReturn.clone();
    }

    @Override
    public double[] successRate() {
        return successRate.clone();
    }

    @Override
    public double[] meanReturn() {
        return meanReturn.clone();
    }

    public double meanSuccess() {
        double s = 0;
        for (double v : successRate) s += v;
        return s / successRate.length;
    }
}
