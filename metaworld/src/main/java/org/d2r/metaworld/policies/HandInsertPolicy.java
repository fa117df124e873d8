package org.d2r.metaworld.policies;

/**
 * sawyer_hand_insert_v2_policy: hover over the block, drop onto it, close a little, carry it over
 * the hole at the same height, then down into the hole.
 */
final class HandInsertPolicy {
    static double[] desiredPos(double[] hand, double[] obj, double[] goal) {
        if (Vec3.distXY(hand, obj) > 0.02) {
            return Vec3.plus(obj, 0., 0., 0.1);
        } else if (Math.abs(hand[2] - obj[2]) > 0.05) {
            return Vec3.plus(obj, 0., 0., 0.03);
        } else if (Vec3.distXY(hand, goal) > 0.04) {
            return Vec3.of(goal[0], goal[1], hand[2]);
        } else {
            return goal;
        }
    }
}
