package org.d2r.roles;

import java.util.Arrays;

/**
 * How far an environment loop of a run has got, so a restarted run continues where it was: the step
 * budget, the warm-up, the lead over the learner and the progress shown to the user all count
 * transitions per task from the run's start, not from the last restart. The producers read it back
 * from the transitions topic ({@code org.d2r.kafka.CommittedProgress}); {@code nextEpisode} always skips past the episode
 * that was running (a MuJoCo state cannot be restored mid-episode, so a continued run starts every
 * environment on a fresh episode, and no episode index is used twice).
 *
 * @param stepsPerTask transitions per task taken so far (all environments of the task together)
 * @param nextEpisode  per environment id (task * envsPerTask + env): the episode index to start with
 */
public record LoopProgress(long stepsPerTask, long[] nextEpisode) {

    public LoopProgress {
        if (stepsPerTask < 0) throw new IllegalArgumentException("steps per task must be >= 0, got " + stepsPerTask);
        nextEpisode = nextEpisode.clone();
        for (long e : nextEpisode) {
            if (e < 0) throw new IllegalArgumentException("episode indices must be >= 0, got " + Arrays.toString(nextEpisode));
        }
    }

    /** A run that has not stepped yet. */
    public static LoopProgress start(int envs) {
        return new LoopProgress(0, new long[envs]);
    }

    @Override
    public long[] nextEpisode() {
        return nextEpisode.clone();
    }
}
