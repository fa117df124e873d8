package org.d2r.metaworld;

/**
 * Outcome of one environment step.
 *
 * @param obs the 39-dim observation after the step (a fresh array the caller may keep)
 * @param reward Meta-World's V2 reward (0..10, unscaled)
 * @param truncated true on the step that reaches the episode limit (a time limit, not a terminal)
 * @param info Meta-World's info fields
 * @param resetObs with auto-reset on a truncating step: the first observation of the next
 *     episode (the environment has already reset); null otherwise
 */
public record StepResult(double[] obs, double reward, boolean truncated, StepInfo info, double[] resetObs) {
}
