package org.d2r.metaworld.policies;

/** sawyer_faucet_open_v2_policy: come down on the handle's -x side and sweep it to +x. */
final class FaucetOpenPolicy {
    /** Shared with faucet-close: approach {@code side} in x from the handle, then push by {@code push}. */
    static double[] desiredPos(double[] hand, double[] handle, double side, double push) {
        double[] faucet = Vec3.plus(handle, side, .0, .03);
        if (Vec3.distXY(hand, faucet) > 0.04) {
            return Vec3.plus(faucet, .0, .0, .1);
        } else if (Math.abs(hand[2] - faucet[2]) > 0.04) {
            return faucet;
        } else {
            return Vec3.plus(faucet, push, .05, .0);
        }
    }
}
