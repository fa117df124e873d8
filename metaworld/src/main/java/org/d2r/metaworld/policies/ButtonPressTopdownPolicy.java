package org.d2r.metaworld.policies;

/** sawyer_button_press_topdown_v2_policy: align above the button, then press straight down. */
final class ButtonPressTopdownPolicy {
    static double[] desiredPos(double[] hand, double[] button) {
        if (Vec3.distXY(hand, button) > 0.04) {
            return Vec3.plus(button, 0, 0, 0.1);
        }
        return button;
    }
}
