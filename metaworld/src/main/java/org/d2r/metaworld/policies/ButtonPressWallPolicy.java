package org.d2r.metaworld.policies;

/**
 * sawyer_button_press_wall_v2_policy: line up in x, rise to 30 cm to clear the wall, come over it
 * to within 9 cm of the button, drop to its height with the gripper closed, then press with the
 * gripper open.
 */
final class ButtonPressWallPolicy {
    static double[] desiredPos(double[] hand, double[] button) {
        if (Math.abs(hand[0] - button[0]) > 0.02) {
            return Vec3.of(button[0], hand[1], .3);
        } else if (button[1] - hand[1] > 0.09) {
            return Vec3.of(button[0], button[1], .3);
        } else if (Math.abs(hand[2] - button[2]) > 0.02) {
            return Vec3.plus(button, .0, -.05, .0);
        } else {
            return Vec3.plus(button, .0, -.02, .0);
        }
    }

    static double grabEffort(double[] hand, double[] button) {
        if (Math.abs(hand[0] - button[0]) > 0.02 || button[1] - hand[1] > 0.09
                || Math.abs(hand[2] - button[2]) > 0.02) {
            return 1.;
        }
        return -1.;
    }
}
