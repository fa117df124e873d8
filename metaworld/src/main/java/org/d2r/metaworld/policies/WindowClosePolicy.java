package org.d2r.metaworld.policies;

/** sawyer_window_close_v2_policy: drop beside the handle's right edge and push it in -x. */
final class WindowClosePolicy {
    static double[] action(double[] obs) {
        double[] hand = Obs.hand(obs);
        return Move.action(Move.move(hand, desiredPos(hand, Obs.object(obs)), 25.0), 1.0);
    }

    static double[] desiredPos(double[] hand, double[] handle) {
        double[] window = Vec3.plus(handle, 0.03, -0.03, -0.08);
        if (Vec3.distXY(hand, window) > 0.04) {
            return Vec3.plus(window, 0, 0, 0.25);
        } else if (Math.abs(hand[2] - window[2]) > 0.02) {
            return window;
        } else {
            return Vec3.plus(window, -0.1, 0, 0);
        }
    }
}
