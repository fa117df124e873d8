package org.d2r.metaworld.policies;

/** sawyer_sweep_into_v2_policy: hover over the cube, grab it, drag it to the goal. */
final class SweepIntoPolicy {
    static double[] desiredPos(double[] hand, double[] cubeObs, double[] goal) {
        double[] cube = Vec3.plus(cubeObs, -0.005, .0, .01);
        if (Vec3.distXY(hand, cube) > 0.04) {
            return Vec3.plus(cube, 0., 0., 0.3);
        } else if (Math.abs(hand[2] - cube[2]) > 0.04) {
            return cube;
        }
        return goal;
    }
}
