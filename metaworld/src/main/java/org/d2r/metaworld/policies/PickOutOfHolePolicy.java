package org.d2r.metaworld.policies;

/**
 * sawyer_pick_out_of_hole_v2_policy: hover 15 cm over the puck, drop to 2 cm above its centre
 * with a light grip (effort 0.1), rise to the goal's height, then move to the goal.
 */
final class PickOutOfHolePolicy {
    static double[] desiredPos(double[] hand, double[] puckObs, double[] goal) {
        double[] puck = Vec3.plus(puckObs, 0, 0, 0.02);
        if (Vec3.distXY(hand, puck) > 0.02) {
            return Vec3.plus(puck, 0, 0, 0.15);
        } else if (Math.abs(hand[2] - puck[2]) > 0.01) {
            return puck;
        } else if (Math.abs(hand[2] - goal[2]) > 0.04) {
            return Vec3.of(hand[0], hand[1], goal[2]);
        }
        return goal;
    }

    static double grabEffort(double[] hand, double[] puckObs) {
        return Move.grab(hand, Vec3.plus(puckObs, 0, 0, 0.02), 0.02, 0.15, 0.0, 0.1);
    }
}
