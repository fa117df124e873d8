package org.d2r.roles;

/**
 * One evaluation of a policy (d2r.md section 6: TopK routing, tanh(mean) actions): per task the share
 * of episodes in which Meta-World's success flag was 1 at any step, and the mean of the episodes'
 * summed unscaled rewards.
 */
public record Evaluation(double[] successRate, double[] meanReturn, int episodes) {

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
