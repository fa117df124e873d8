package org.d2r.metaworld.policies;

/** sawyer_window_close_v2_policy: drop beside the handle's right edge and push it in -x. */
final class WindowClosePolicy {
    static double[] action(double[] obs) {
        double[] hand = Obs.hand(obs);
        return Move.action(Move.move(hand, WindowOpenPolicy.desiredPos(hand, Obs.object(obs), -1, 0.25), 25.0), 1.0);
    }
}
