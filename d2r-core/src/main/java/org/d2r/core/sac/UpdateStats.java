package org.d2r.core.sac;

/**
 * What one update reports: mean losses over tasks, per-task alpha and SampleK temperature after the
 * step, gradient norms before clipping, tasks masked out, and nanoseconds per phase (names in
 * {@link MultiTaskSac#PHASES}).
 */
public record UpdateStats(double policyLoss, double criticLoss1, double criticLoss2, double alphaLoss, double[] alpha,
                          double[] tau, double actorGradNorm, double critic1GradNorm, double critic2GradNorm, int maskedTasks,
                          long[] phaseNanos) {}
