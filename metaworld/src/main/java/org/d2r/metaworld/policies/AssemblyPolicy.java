package org.d2r.metaworld.policies;

/**
 * sawyer_assembly_v2_policy: hover over the nut's handle (2 cm behind the observed handle end in
 * x), drop onto it, rise to the peg's height, carry it over the peg (12 cm out in +x and 14 cm up,
 * so the nut's ring lands on the peg), then drop. The goal in the observation is the peg top.
 */
final class AssemblyPolicy {
    static double[] desiredPos(double[] hand, double[] wrench, double[] peg) {
        if (Vec3.distXY(hand, wrench) > 0.02) {
            return Vec3.plus(wrench, 0., 0., 0.1);
        } else if (Vec3.distXY(hand, peg) <= 0.02) {
            // Lined up over the peg: drop.
            return Vec3.plus(peg, .0, .0, -.2);
        } else if (Math.abs(hand[2] - wrench[2]) > 0.05) {
            return Vec3.plus(wrench, 0., 0., 0.03);
        } else if (Math.abs(hand[2] - peg[2]) > 0.04) {
            return Vec3.of(hand[0], hand[1], peg[2]);
        } else {
            return peg;
        }
    }
}
