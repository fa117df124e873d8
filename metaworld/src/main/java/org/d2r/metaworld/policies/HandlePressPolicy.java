package org.d2r.metaworld.policies;

/**
 * sawyer_handle_press_v2_policy: 20 cm over a point 2 cm in front of the handle's tip, then
 * straight down (target 50 cm below), gripper open.
 */
final class HandlePressPolicy {
    static double[] action(double[] obs) {
        double[] hand = Obs.hand(obs);
        return Move.action(Move.move(hand, desiredPos(hand, Obs.object(obs)), 25.0), -1.0);
    }

    /** handle-press-side's moves, aimed at the tip's front. */
    static double[] desiredPos(double[] hand, double[] handleObs) {
        return HandlePressSidePolicy.desiredPos(hand, Vec3.plus(handleObs, .0, -.02, .0));
    }
}
