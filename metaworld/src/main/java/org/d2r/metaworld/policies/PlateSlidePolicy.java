package org.d2r.metaworld.policies;

/**
 * sawyer_plate_slide_v2_policy: drop behind the plate (5.5 cm to -y) and push it forward to
 * y = 0.9 at the goal's x (the goal's x is the shelf's), with the gripper open.
 */
final class PlateSlidePolicy {
    static double[] desiredPos(double[] hand, double[] puckObs, double shelfX) {
        double[] puck = Vec3.plus(puckObs, .0, -.055, .03);
        boolean alignedWithPuck = Vec3.distXY(hand, puck) <= 0.03;
        if (!alignedWithPuck) {
            return Vec3.plus(puck, .0, .0, .1);
        } else if (Math.abs(hand[2] - puck[2]) > 0.04) {
            return puck;
        } else {
            return Vec3.of(shelfX, .9, puck[2]);
        }
    }
}
