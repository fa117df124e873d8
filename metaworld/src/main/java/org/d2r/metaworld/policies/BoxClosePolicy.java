package org.d2r.metaworld.policies;

/**
 * sawyer_box_close_v2_policy: over the lid's handle at 20 cm, down onto it, up to 15 cm, then
 * over the box (the goal's x, y). The gripper half-closes on the way and closes fully near the lid.
 */
final class BoxClosePolicy {
    static double[] desiredPos(double[] hand, double[] lid, double[] goal) {
        double[] box = Vec3.plus(Vec3.of(goal[0], goal[1], 0.15), .0, .0, .0);
        if (Vec3.distXY(hand, lid) > 0.01) {
            return Vec3.of(lid[0], lid[1], 0.2);
        } else if (Math.abs(hand[2] - lid[2]) > 0.05) {
            return lid;
        } else if (Math.abs(hand[2] - box[2]) > 0.04) {
            return Vec3.of(hand[0], hand[1], box[2]);
        } else {
            return box;
        }
    }
}
