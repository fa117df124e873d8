package org.d2r.metaworld.policies;

/**
 * sawyer_coffee_push_v2_policy: come down over the mug, close on it (effort 0.5) and slide it to
 * the goal's x and y at a hand height of 10 cm.
 */
final class CoffeePushPolicy {
    static double[] desiredPos(double[] hand, double[] mugObs, double[] goal) {
        double[] mug = Vec3.plus(mugObs, .01, .0, .05);
        if (Vec3.distXY(hand, mug) > 0.06) {
            return Vec3.plus(mug, .0, .0, .2);
        } else if (Math.abs(hand[2] - mug[2]) > 0.02) {
            return mug;
        }
        return Vec3.of(goal[0], goal[1], .1);
    }
}
