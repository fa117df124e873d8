package org.d2r.metaworld.policies;

/**
 * sawyer_peg_insertion_side_v2_policy: grab the peg, line it up with the hole 40 cm out in +x,
 * then drive it in along -x. The hole's x and z are constants of the scene (x = -0.35 is the
 * lowest box position, overshooting is harmless; z = 0.16); only its y comes from the goal.
 */
final class PegInsertSidePolicy {
    static double[] desiredPos(double[] hand, double[] peg, double[] goal) {
        double[] hole = Vec3.of(-0.35, goal[1], 0.16);
        if (Vec3.distXY(hand, peg) > 0.04) {
            return Vec3.plus(peg, 0, 0, 0.3);
        } else if (Math.abs(hand[2] - peg[2]) > 0.025) {
            return peg;
        } else if (Vec3.distYZ(peg, hole) > 0.03) {
            return Vec3.plus(hole, 0.4, 0, 0);
        } else {
            return hole;
        }
    }
}
