package org.d2r.metaworld.policies;

/** sawyer_window_open_v2_policy: drop beside the handle's left edge and push it in +x. */
final class WindowOpenPolicy {
    /** Down beside the handle, on the side away from {@code dir} (+1 opens, -1 closes), then along x that way. */
    static double[] desiredPos(double[] hand, double[] handle, double dir, double hover) {
        double[] window = Vec3.plus(handle, -0.03 * dir, -0.03, -0.08);
        if (Vec3.distXY(hand, window) > 0.04) {
            return Vec3.plus(window, 0, 0, hover);
        } else if (Math.abs(hand[2] - window[2]) > 0.02) {
            return window;
        } else {
            return Vec3.plus(window, 0.1 * dir, 0, 0);
        }
    }
}
