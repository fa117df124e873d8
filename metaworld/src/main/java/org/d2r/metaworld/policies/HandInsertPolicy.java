package org.d2r.metaworld.policies;

/**
 * sawyer_hand_insert_v2_policy: hover over the block, drop onto it, close a little, carry it over
 * the hole at the same height, then down into the hole.
 */
final class HandInsertPolicy {
    static double[] desiredPos(double[] hand, double[] obj, double[] goal) {
        return Vec3.distXY(hand, obj) > 0.02 ? Vec3.plus(obj, 0., 0., 0.1)
                : Math.abs(hand[2] - obj[2]) > 0.05 ? Vec3.plus(obj, 0., 0., 0.03)
                : Vec3.distXY(hand, goal) > 0.04 ? Vec3.of(goal[0], goal[1], hand[2])
                : goal;
    }

    static double grabEffort(double[] hand, double[] obj) {
        return Vec3.distXY(hand, obj) > 0.02 || Math.abs(hand[2] - obj[2]) > 0.1 ? 0. : 0.65;
    }
}
