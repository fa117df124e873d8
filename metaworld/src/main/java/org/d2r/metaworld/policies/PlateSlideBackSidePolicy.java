package org.d2r.metaworld.policies;

/**
 * sawyer_plate_slide_back_side_v2_policy: drop on the plate just to its +x side of centre and
 * drag it to +x along y = 0.6 with the gripper closed.
 */
final class PlateSlideBackSidePolicy {
    static double[] desiredPos(double[] hand, double[] puckObs) {
        double[] puck = Vec3.plus(puckObs, .023, .0, .025);
        if (Vec3.distXY(hand, puck) > 0.01) {
            return Vec3.plus(puck, .0, .0, .07);
        } else if (Math.abs(hand[2] - puck[2]) > 0.04) {
            return puck;
        } else {
            return Vec3.of(hand[0] + .1, .6, hand[2]);
        }
    }
}
