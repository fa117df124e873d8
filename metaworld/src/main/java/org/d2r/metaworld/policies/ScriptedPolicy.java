package org.d2r.metaworld.policies;

/**
 * One of Meta-World's hand-written expert policies: a pure function of the 39-dim V2
 * observation to a 4-dim action (x, y, z hand displacement and grab effort).
 *
 * <p>Like Meta-World's {@code Policy.get_action}, the returned action is <em>not</em> clipped:
 * the environment clips the hand displacement to [-1, 1] and MuJoCo clamps the gripper
 * control to the actuators' ctrlrange, so an oracle run sees the same effect either way,
 * while a noisy run adds noise to the raw action before that clipping, as Meta-World's test
 * suite does.
 */
public interface ScriptedPolicy {

    /** The Meta-World task name this policy solves, e.g. {@code "door-open-v2"}. */
    String task();

    /**
     * @param obs the 39-dim observation; not modified
     * @return a new 4-element action array
     * @throws IllegalArgumentException if {@code obs} is not 39 entries long
     */
    double[] action(double[] obs);
}
