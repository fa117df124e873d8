package org.d2r.metaworld.policies;

/**
 * sawyer_handle_pull_side_v2_policy: 10 cm over the handle's centre, down onto it, close (effort
 * 0.6) and pull straight up (target 1 m above).
 */
final class HandlePullSidePolicy {
    static double[] desiredPos(double[] hand, double[] handle) {
        if (Vec3.distXY(hand, handle) > 0.04) {
            return Vec3.plus(handle, .0, .0, .1);
        }
        if (Math.abs(hand[2] - handle[2]) > 0.03) {
            return handle;
        }
        return Vec3.plus(handle, 0., 0., 1.);
    }
}
