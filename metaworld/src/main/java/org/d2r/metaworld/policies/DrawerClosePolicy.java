package org.d2r.metaworld.policies;

/** sawyer_drawer_close_v2_policy: go over the open drawer, drop in front of the handle, push. */
final class DrawerClosePolicy {
    static double[] desiredPos(double[] hand, double[] handle) {
        double[] drawer = Vec3.plus(handle, 0, 0, -0.02);
        if (hand[1] > drawer[1]) {
            // The hand is beyond the handle (on the cabinet side): clear it by rising first.
            if (hand[2] < drawer[2] + 0.23) {
                return Vec3.of(hand[0], hand[1], drawer[2] + 0.5);
            }
            return Vec3.plus(drawer, 0, -0.075, 0.23);
        } else if (Math.abs(hand[2] - drawer[2]) > 0.04) {
            return Vec3.plus(drawer, 0, -0.075, 0);
        } else {
            return drawer;
        }
    }
}
