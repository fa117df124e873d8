package org.d2r.metaworld.policies;

import java.util.function.UnaryOperator;

/**
 * One of Meta-World's hand-written expert policies: a pure function of the 39-dim V2
 * observation to a 4-dim action (x, y, z hand displacement and grab effort), so one instance
 * serves every caller.
 *
 * <p>Like Meta-World's {@code Policy.get_action}, the returned action is <em>not</em> clipped:
 * the environment clips the hand displacement to [-1, 1] and MuJoCo clamps the gripper
 * control to the actuators' ctrlrange, so an oracle run sees the same effect either way,
 * while a noisy run adds noise to the raw action before that clipping, as Meta-World's test
 * suite does.
 *
 * @param task the Meta-World task name this policy solves, e.g. {@code "door-open-v2"}
 */
public record ScriptedPolicy(String task, UnaryOperator<double[]> policy) {

    /**
     * @param obs the 39-dim observation; not modified
     * @return a new 4-element action array
     * @throws IllegalArgumentException if {@code obs} is not 39 entries long
     */
    public double[] action(double[] obs) {
        Obs.check(obs);
        return policy.apply(obs);
    }
}
