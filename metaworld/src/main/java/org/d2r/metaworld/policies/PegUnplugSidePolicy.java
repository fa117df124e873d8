package org.d2r.metaworld.policies;

/**
 * sawyer_peg_unplug_side_v2_policy: come down over the plug (2 cm behind and 3.5 cm above the
 * observed plug end), settle at z = 0.15, then keep moving 1 cm out in +x with a light grip.
 */
final class PegUnplugSidePolicy {
    static double[] desiredPos(double[] hand, double[] peg) {
        if (Vec3.distXY(hand, peg) > 0.04) {
            return Vec3.plus(peg, 0., 0., 0.2);
        } else if (Math.abs(hand[2] - .15) > 0.02) {
            return Vec3.of(peg[0], peg[1], .15);
        } else {
            return Vec3.plus(hand, .01, .0, .0);
        }
    }
}
