package org.d2r.metaworld;

/**
 * How goal and object positions are chosen at reset (D2R's MT10-Fixed / MT10-Rand).
 *
 * <p>Both modes draw from the task's {@code _random_reset_space} with the environment's own seeded
 * stream. This follows the authors' release: it builds {@code metaworld.MT10(seed)}, gives every
 * task one of MT10's pre-sampled configurations ({@code set_task}, which freezes the rand vector)
 * and then sets {@code _freeze_rand_vec = not random_goal}.
 */
public enum GoalMode {
    /**
     * One configuration, sampled at the first reset from the reset space (exactly as Meta-World's
     * benchmark pre-samples a task: an unfrozen reset whose final rand vector is kept), then frozen
     * for every later reset of this environment.
     */
    FIXED,
    /** A fresh configuration from the reset space at every reset. */
    RAND
}
