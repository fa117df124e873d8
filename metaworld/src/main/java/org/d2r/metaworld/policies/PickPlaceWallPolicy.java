package org.d2r.metaworld.policies;

/**
 * sawyer_pick_place_wall_v2_policy: hover over the puck, drop onto it closing the fingers, then
 * climb straight up while over the wall's zone, cross it above z = 0.25, rise to the goal height
 * and move to the goal.
 */
final class PickPlaceWallPolicy {
    static double[] desiredPos(double[] hand, double[] puckObs, double[] goal) {
        double[] puck = Vec3.plus(puckObs, -0.005, 0, 0);
        if (Vec3.distXY(hand, puck) > 0.015) {
            return Vec3.plus(puck, 0, 0, 0.1);
        } else if (Math.abs(hand[2] - puck[2]) > 0.04 && puck[2] < 0.03) {
            return Vec3.plus(puck, 0, 0, 0.03);
        }
        boolean overWallZone = -0.15 <= hand[0] && hand[0] <= 0.35 && 0.60 <= hand[1] && hand[1] <= 0.80;
        if (overWallZone && hand[2] < 0.25) {
            return Vec3.plus(hand, 0, 0, 1);
        } else if (overWallZone && hand[2] < 0.35) {
            return Vec3.of(goal[0], goal[1], hand[2]);
        } else if (Math.abs(hand[2] - goal[2]) > 0.04) {
            return Vec3.of(hand[0], hand[1], goal[2]);
        }
        return goal;
    }
}
