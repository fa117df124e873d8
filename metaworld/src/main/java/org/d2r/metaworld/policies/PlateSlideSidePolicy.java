package org.d2r.metaworld.policies;

/**
 * sawyer_plate_slide_side_v2_policy: drop on the plate's +x side and push it to -x, in 10 cm
 * steps along y = 0.6 until x = -0.2, then 10 cm past the plate.
 */
final class PlateSlideSidePolicy {
    static double[] desiredPos(double[] hand, double[] puckObs) {
        double[] puck = Vec3.plus(puckObs, .07, .0, -.005);
        if (Vec3.distXY(hand, puck) > 0.04) {
            return Vec3.plus(puck, .0, .0, .1);
        } else if (Math.abs(hand[2] - puck[2]) > 0.04) {
            return puck;
        } else if (hand[0] > -.2) {
            return Vec3.of(hand[0] - .1, .6, hand[2]);
        } else {
            return Vec3.plus(puck, -.1, .0, .0);
        }
    }
}
