package org.d2r.metaworld.policies;

/** sawyer_handle_press_side_v2_policy: 20 cm over the handle, then straight down (target 50 cm below). */
final class HandlePressSidePolicy {
    static double[] desiredPos(double[] hand, double[] handle) {
        if (Vec3.distXY(hand, handle) > 0.02) {
            return Vec3.plus(handle, 0., 0., 0.2);
        }
        return Vec3.plus(handle, .0, .0, -.5);
    }
}
