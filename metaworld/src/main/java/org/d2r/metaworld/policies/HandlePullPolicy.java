package org.d2r.metaworld.policies;

/**
 * sawyer_handle_pull_v2_policy: go to 4 cm in front of the handle's end, then pull up with the
 * gripper closed.
 *
 * <p>Kept from Meta-World: when the hand is lined up in x-y but not in z, its target is the
 * handle's height alone (a scalar), which numpy broadcasts to all three axes, so the hand is
 * driven towards (z, z, z) for that step.
 */
final class HandlePullPolicy {
    static double[] desiredPos(double[] hand, double[] handleObs) {
        double[] handle = Vec3.plus(handleObs, 0, -0.04, 0);
        if (Vec3.distXY(hand, handle) > 0.02) {
            return handle;
        }
        if (Math.abs(hand[2] - handle[2]) > 0.02) {
            return Vec3.of(handle[2], handle[2], handle[2]);
        }
        return Vec3.plus(handle, 0., 0., 0.1);
    }
}
