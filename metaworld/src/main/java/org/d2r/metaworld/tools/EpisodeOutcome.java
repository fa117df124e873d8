package org.d2r.metaworld.tools;

/**
 * One scripted episode.
 *
 * @param success Meta-World's {@code success} was 1 at some step
 * @param firstSuccessStep 1-based step at which success first appeared, 0 if never
 * @param episodeReturn sum of the unscaled rewards over the steps taken
 * @param steps steps taken (fewer than the limit only when the run stops at first success)
 */
public record EpisodeOutcome(boolean success, int firstSuccessStep, double episodeReturn, int steps) {
}
