package org.d2r.metaworld.policies;

/** sawyer_pick_place_v2_policy: hover, drop, wait for the fingers to close, carry to the goal. */
final class PickPlacePolicy {
    static double[] action(double[] obs) {
        double[] hand = Obs.hand(obs);
        double[] puck = Obs.object(obs);
        double[] to = desiredPos(hand, puck, Obs.goal(obs), Obs.gripper(obs));
        return Move.action(Move.move(hand, to, 10.0), grabEffort(hand, puck));
    }

    static double[] desiredPos(double[] hand, double[] puckObs, double[] goal, double gripperSeparation) {
        double[] puck = Vec3.plus(puckObs, -0.005, 0, 0);
        if (Vec3.distXY(hand, puck) > 0.02) {
            return Vec3.plus(puck, 0, 0, 0.1);
        } else if (Math.abs(hand[2] - puck[2]) > 0.05 && puck[2] < 0.04) {
            // Only descend while the puck still lies on the table (z < 0.04).
            return Vec3.plus(puck, 0, 0, 0.03);
        } else if (gripperSeparation > 0.73) {
            // Hold still until the fingers have closed on the puck.
            return hand;
        } else {
            return goal;
        }
    }

    static double grabEffort(double[] hand, double[] puck) {
        return Vec3.dist(hand, puck) < 0.07 ? 1.0 : 0.0;
    }
}
