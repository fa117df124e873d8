package org.d2r.metaworld.policies;

/**
 * sawyer_sweep_v2_policy: while the hand is left of x = 0.2, hover over the cube and grab it;
 * then head 10 cm above the goal, releasing once the cube is past x = 0.4.
 */
final class SweepPolicy {
    static double[] desiredPos(double[] hand, double[] cubeObs, double[] goal) {
        double[] cube = Vec3.plus(cubeObs, .0, .0, .015);
        if (hand[0] < .2) {
            if (Vec3.distXY(hand, cube) > 0.04) {
                return Vec3.plus(cube, 0., 0., 0.3);
            } else if (Math.abs(hand[2] - cube[2]) > 0.04) {
                return cube;
            }
        }
        return Vec3.plus(goal, 0, 0, 0.1);
    }

    static double grabEffort(double[] hand, double[] cube) {
        return Move.grab(hand, cube, 0.04, 0.15, -1., cube[0] < .4 ? .7 : -1.);
    }
}
