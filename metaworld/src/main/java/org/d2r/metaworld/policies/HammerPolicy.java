package org.d2r.metaworld.policies;

/**
 * sawyer_hammer_v2_policy: grab the hammer 4 cm behind (and 1 cm below) its observed position,
 * swing over to the nail's x and height, then push into the nail. The nail's position is a
 * constant of the scene, (0.24, 0.71, 0.11), with the hand aimed 19 cm short in x and 5 cm up.
 */
final class HammerPolicy {
    private static final double[] GOAL = {0.24 + -.19, 0.71 + .0, 0.11 + .05};

    static double[] desiredPos(double[] hand, double[] grip) {
        if (Vec3.distXY(hand, grip) > 0.04) {
            return Vec3.plus(grip, 0., 0., 0.1);
        } else if (Math.abs(hand[2] - grip[2]) > 0.05 && grip[2] < 0.03) {
            // Only descend while the hammer still lies on the table.
            return Vec3.plus(grip, 0., 0., 0.03);
        } else if (Vec3.distXZ(hand, GOAL) > 0.02) {
            return Vec3.of(GOAL[0], hand[1], GOAL[2]);
        } else {
            return GOAL.clone();
        }
    }
}
