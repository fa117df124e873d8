package org.d2r.metaworld.policies;

/**
 * sawyer_coffee_pull_v2_policy: come down over the mug's handle side, close on it (effort 0.7)
 * and carry it to the goal.
 */
final class CoffeePullPolicy {
    static double[] desiredPos(double[] hand, double[] mugObs, double[] goal) {
        double[] mug = Vec3.plus(mugObs, -.005, .0, .05);
        if (Vec3.distXY(hand, mug) > 0.06) {
            return Vec3.plus(mug, .0, .0, .15);
        } else if (Math.abs(hand[2] - mug[2]) > 0.02) {
            return mug;
        }
        return goal;
    }

    /** {@code effort} once the hand is at the mug (coffee-push's grip too), else open. */
    static double grabEffort(double[] hand, double[] mugObs, double effort) {
        return Move.grab(hand, Vec3.plus(mugObs, .01, .0, .05), 0.06, 0.1, -1., effort);
    }
}
