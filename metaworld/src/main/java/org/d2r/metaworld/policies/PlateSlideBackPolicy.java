package org.d2r.metaworld.policies;

/**
 * sawyer_plate_slide_back_v2_policy: drop just in front of the plate's near edge (6.5 cm to -y)
 * and pull it back in -y; below y = 0.7 aim at (0.15, 0.55), below y = 0.6 keep going 10 cm to -x
 * at y = 0.55, with the gripper open.
 */
final class PlateSlideBackPolicy {
    static double[] desiredPos(double[] hand, double[] puckObs) {
        double[] puck = Vec3.plus(puckObs, .0, -.065, .025);
        if (Vec3.distXY(hand, puck) > 0.01) {
            return Vec3.plus(puck, .0, .0, .1);
        } else if (Math.abs(hand[2] - puck[2]) > 0.04) {
            return puck;
        } else if (hand[1] > .7) {
            return Vec3.plus(hand, .0, -.1, .0);
        } else if (hand[1] > .6) {
            return Vec3.of(.15, .55, hand[2]);
        } else {
            return Vec3.of(hand[0] - .1, .55, hand[2]);
        }
    }
}
