package org.d2r.metaworld.policies;

/**
 * sawyer_button_press_topdown_wall_v2_policy: the top-down press aimed 6 cm in front of the
 * button (in -y), with the gripper open.
 */
final class ButtonPressTopdownWallPolicy {
    static double[] action(double[] obs) {
        double[] hand = Obs.hand(obs);
        return Move.action(Move.move(hand, desiredPos(hand, Obs.object(obs)), 25.0), -1.0);
    }

    static double[] desiredPos(double[] hand, double[] buttonObs) {
        return ButtonPressTopdownPolicy.desiredPos(hand, Vec3.plus(buttonObs, .0, -.06, .0));
    }
}
