package org.d2r.metaworld.policies;

/**
 * sawyer_disassemble_v2_policy: hover over the nut's handle (2 cm behind and 1 cm above the
 * observed handle end), drop onto it, then keep rising 10 cm above wherever the hand is.
 */
final class DisassemblePolicy {
    static double[] desiredPos(double[] hand, double[] wrench) {
        if (Vec3.distXY(hand, wrench) > 0.02) {
            return Vec3.plus(wrench, 0., 0., 0.1);
        } else if (Math.abs(hand[2] - wrench[2]) > 0.03) {
            return wrench;
        } else {
            return Vec3.plus(hand, .0, .0, .1);
        }
    }
}
