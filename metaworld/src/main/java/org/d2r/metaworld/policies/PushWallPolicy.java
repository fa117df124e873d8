package org.d2r.metaworld.policies;

/**
 * sawyer_push_wall_v2_policy: hover over the puck, drop onto it, then slide it: in -x while the
 * wall is between puck and goal, in +y while the puck is alongside the wall, else to the goal.
 */
final class PushWallPolicy {
    static double[] desiredPos(double[] hand, double[] objObs, double[] goal) {
        double[] approach = PushPolicy.approach(hand, objObs);
        if (approach != null) {
            return approach;
        }
        double[] obj = Vec3.plus(objObs, -0.005, 0, 0);
        if (-0.1 <= obj[0] && obj[0] <= 0.3 && 0.65 <= obj[1] && obj[1] <= 0.75) {
            return Vec3.plus(hand, -1, 0, 0);
        } else if ((-0.15 < obj[0] && obj[0] < 0.05 || 0.15 < obj[0] && obj[0] < 0.35)
                && 0.695 <= obj[1] && obj[1] <= 0.755) {
            return Vec3.plus(hand, 0, 1, 0);
        }
        return goal;
    }
}
