package org.d2r.metaworld.policies;

/**
 * sawyer_push_back_v2_policy: hover 30 cm over the block, drop onto it closing the fingers, then
 * move to the goal's x-y, aiming at a height of the goal's z plus the hand's own.
 */
final class PushBackPolicy {
    static double[] desiredPos(double[] hand, double[] puck, double[] goal) {
        if (Vec3.distXY(hand, puck) > 0.04) {
            return Vec3.plus(puck, 0, 0, 0.3);
        } else if (Math.abs(hand[2] - puck[2]) > 0.055) {
            return puck;
        }
        return Vec3.plus(goal, 0.0, 0.0, hand[2]);
    }
}
