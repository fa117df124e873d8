package org.d2r.metaworld.policies;

/**
 * sawyer_shelf_place_v2_policy: hover over the block, grab it, line up with the shelf's x at
 * z = 0.3, rise, then keep moving forward (+y) onto the shelf.
 */
final class ShelfPlacePolicy {
    static double[] desiredPos(double[] hand, double[] blockObs, double shelfX) {
        double[] block = Vec3.plus(blockObs, -.005, .0, .015);
        if (Vec3.distXY(hand, block) > 0.04) {
            return Vec3.plus(block, 0., 0., 0.3);
        } else if (Math.abs(hand[2] - block[2]) > 0.04) {
            return block;
        } else if (Math.abs(hand[0] - shelfX) > 0.02) {
            return Vec3.of(shelfX, hand[1], 0.3);
        } else if (hand[2] < 0.30) {
            return Vec3.plus(hand, 0., 0., 0.30);
        }
        return Vec3.plus(hand, 0., 0.05, 0.);
    }
}
