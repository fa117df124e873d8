package org.d2r.metaworld.policies;

/**
 * sawyer_dial_turn_v2_policy: go to 20 cm height over a point beside the dial's rim, drop onto
 * it, then sweep 5 cm in -x to turn the dial.
 */
final class DialTurnPolicy {
    static double[] desiredPos(double[] hand, double[] dialObs) {
        double[] dial = Vec3.plus(dialObs, 0.05, 0.02, 0.09);
        if (Vec3.distXY(hand, dial) > 0.02) {
            return Vec3.of(dial[0], dial[1], 0.2);
        }
        if (Math.abs(hand[2] - dial[2]) > 0.02) {
            return dial;
        }
        return Vec3.plus(dial, -.05, .005, .0);
    }
}
