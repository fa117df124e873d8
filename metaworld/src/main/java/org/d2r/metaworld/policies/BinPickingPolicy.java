package org.d2r.metaworld.policies;

/**
 * sawyer_bin_picking_v2_policy: hover over the cube (its y clamped to [0.675, 0.725] so the
 * fingers stay inside the bin), drop and grab, rise to 0.15 before crossing at z = 0.18 to the
 * target bin at (0.12, 0.7), then lower into it.
 */
final class BinPickingPolicy {
    private static final double[] BIN = {.12, .7, .02};

    private static double[] graspPoint(double[] cubeObs) {
        double[] cube = Vec3.plus(cubeObs, .0, .0, .03);
        cube[1] = Math.max(.675, Math.min(cube[1], .725));
        return cube;
    }

    static double[] desiredPos(double[] hand, double[] cubeObs) {
        double[] cube = graspPoint(cubeObs);
        if (Vec3.distXY(hand, cube) > .02) {
            return Vec3.plus(cube, .0, .0, .15);
        } else if (Math.abs(hand[2] - cube[2]) > .01) {
            return cube;
        } else if (Vec3.distXY(hand, BIN) > .02) {
            if (hand[2] < 0.15) {
                return Vec3.plus(hand, .0, .0, .1);
            }
            return Vec3.of(BIN[0], BIN[1], .18);
        }
        return BIN.clone();
    }

    static double grabEffort(double[] hand, double[] cubeObs) {
        return Move.grab(hand, graspPoint(cubeObs), 0.02, 0.02, -1., .6);
    }
}
