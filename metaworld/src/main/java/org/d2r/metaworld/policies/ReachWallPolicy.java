package org.d2r.metaworld.policies;

/**
 * sawyer_reach_wall_v2_policy: head for the goal, aiming 1 m above it while the hand is low in
 * the wall's zone, gripper relaxed.
 */
final class ReachWallPolicy {
    static double[] desiredPos(double[] hand, double[] goal) {
        if (-0.1 <= hand[0] && hand[0] <= 0.3 && 0.60 <= hand[1] && hand[1] <= 0.80 && hand[2] < 0.25) {
            return Vec3.plus(goal, 0., 0., 1.);
        }
        return goal;
    }
}
