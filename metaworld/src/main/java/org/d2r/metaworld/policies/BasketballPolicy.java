package org.d2r.metaworld.policies;

/**
 * sawyer_basketball_v2_policy: grab the ball, lift it to the hoop's height (z = 0.35), then move
 * over the hoop. The hoop's x comes from the goal; its y is taken as 0.875, the middle of the
 * basket's y range.
 */
final class BasketballPolicy {
    static double[] desiredPos(double[] hand, double[] ball, double[] hoop) {
        if (Vec3.distXY(hand, ball) > .04) {
            return Vec3.plus(ball, .0, .0, .3);
        } else if (Math.abs(hand[2] - ball[2]) > .025) {
            return ball;
        } else if (Math.abs(ball[2] - hoop[2]) > 0.025) {
            return Vec3.of(hand[0], hand[1], hoop[2]);
        } else {
            return hoop;
        }
    }
}
