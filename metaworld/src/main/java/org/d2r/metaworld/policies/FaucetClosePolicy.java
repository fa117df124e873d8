package org.d2r.metaworld.policies;

/** sawyer_faucet_close_v2_policy: come down on the handle's +x side and sweep it to -x. */
final class FaucetClosePolicy {
    static double[] action(double[] obs) {
        double[] hand = Obs.hand(obs);
        return Move.action(Move.move(hand, FaucetOpenPolicy.desiredPos(hand, Obs.object(obs), +.04, -.1), 25.0), 1.0);
    }
}
