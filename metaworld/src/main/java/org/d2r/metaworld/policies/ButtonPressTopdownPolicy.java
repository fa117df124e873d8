package org.d2r.metaworld.policies;

/** sawyer_button_press_topdown_v2_policy: align above the button, then press straight down. */
final class ButtonPressTopdownPolicy {
    static double[] action(double[] obs) {
        double[] hand = Obs.hand(obs);
        return Move.action(Move.move(hand, desiredPos(hand, Obs.object(obs)), 25.0), 1.0);
    }

    static double[] desiredPos(double[] hand, double[] button) {
        if (Vec3.distXY(hand, button) > 0.04) {
            return Vec3.plus(button, 0, 0, 0.1);
        }
        return button;
    }
}
