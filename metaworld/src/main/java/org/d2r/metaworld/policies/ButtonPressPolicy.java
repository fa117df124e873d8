package org.d2r.metaworld.policies;

/**
 * sawyer_button_press_v2_policy: line up with the button in x and z (numpy's isclose, 2 cm
 * absolute plus its default 1e-5 relative tolerance), staying 10 cm back, then push in along +y.
 */
final class ButtonPressPolicy {
    static double[] desiredPos(double[] hand, double[] buttonObs) {
        double[] button = Vec3.plus(buttonObs, 0., 0., -0.07);
        if (!(isClose(hand[0], button[0], 0.02) && isClose(hand[2], button[2], 0.02))) {
            button[1] = hand[1] - .1;
            return button;
        }
        button[1] += 0.02;
        return button;
    }

    /** numpy.isclose(a, b, atol=atol) with its default rtol = 1e-5: |a - b| <= atol + rtol |b|. */
    static boolean isClose(double a, double b, double atol) {
        return Math.abs(a - b) <= atol + 1e-05 * Math.abs(b);
    }
}
