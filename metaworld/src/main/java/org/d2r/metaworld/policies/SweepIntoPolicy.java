package org.d2r.metaworld.policies;

/** sawyer_sweep_into_v2_policy: hover over the cube, grab it, drag it to the goal. */
final class SweepIntoPolicy {
    static double[] desiredPos(double[] hand, double[] cubeObs, double[] goal) {
        double[] cube = Vec3.plus(cubeObs, -0.005, .0, .01);
        return Vec3.distXY(hand, cube) > 0.04 ? Vec3.plus(cube, 0., 0., 0.3)
                : Math.abs(hand[2] - cube[2]) > 0.04 ? cube
                : goal;
    }

    static double grabEffort(double[] hand, double[] cube) {
        return Vec3.distXY(hand, cube) > 0.04 || Math.abs(hand[2] - cube[2]) > 0.15 ? -1. : .7;
    }
}
