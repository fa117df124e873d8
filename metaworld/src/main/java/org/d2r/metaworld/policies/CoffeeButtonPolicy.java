package org.d2r.metaworld.policies;

/**
 * sawyer_coffee_button_v2_policy: line up 7 cm below the button in x and z at the hand's own
 * depth, then drive 20 cm past it in +y with the gripper open.
 */
final class CoffeeButtonPolicy {
    static double[] desiredPos(double[] hand, double[] buttonObs) {
        double[] button = Vec3.plus(buttonObs, .0, .0, -.07);
        if (Vec3.distXZ(hand, button) > 0.02) {
            return Vec3.of(button[0], hand[1], button[2]);
        }
        return Vec3.plus(button, .0, .2, .0);
    }
}
