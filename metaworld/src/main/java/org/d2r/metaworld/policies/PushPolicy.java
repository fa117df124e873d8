package org.d2r.metaworld.policies;

/** sawyer_push_v2_policy: hover over the puck, drop onto it, close a little, slide to the goal. */
final class PushPolicy {
    static double[] desiredPos(double[] hand, double[] puckObs, double[] goal) {
        double[] approach = approach(hand, puckObs);
        return approach != null ? approach : goal;
    }

    /** Over the puck, then down onto it (push-wall's approach too); null once the hand is there. */
    static double[] approach(double[] hand, double[] puckObs) {
        // The fingers straddle a point slightly behind the puck's centre.
        double[] puck = Vec3.plus(puckObs, -0.005, 0, 0);
        if (Vec3.distXY(hand, puck) > 0.02) {
            return Vec3.plus(puck, 0, 0, 0.2);
        } else if (Math.abs(hand[2] - puck[2]) > 0.04) {
            return Vec3.plus(puck, 0, 0, 0.03);
        }
        return null;
    }
}
