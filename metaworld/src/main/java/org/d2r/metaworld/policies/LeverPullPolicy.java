package org.d2r.metaworld.policies;

/**
 * sawyer_lever_pull_v2_policy: get under the lever's end (5.5 cm in front of it, 10 cm below),
 * rise to its height, then push up and back so the lever swings upright.
 */
final class LeverPullPolicy {
    static double[] desiredPos(double[] hand, double[] leverObs) {
        double[] lever = Vec3.plus(leverObs, .0, -.055, .0);
        if (Vec3.distXY(hand, lever) > 0.02) {
            return Vec3.plus(lever, 0., 0., -0.1);
        } else if (Math.abs(hand[2] - lever[2]) > 0.02) {
            return lever;
        }
        return Vec3.plus(lever, .0, .08, .02);
    }
}
