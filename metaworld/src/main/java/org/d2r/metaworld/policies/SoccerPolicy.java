package org.d2r.metaworld.policies;

/**
 * sawyer_soccer_v2_policy: get 3 cm behind the ball (beside it in x when it is more than 5 cm off
 * the goal's x), low at z = 0.03 (0.1 while right over the ball), then push through the ball's
 * centre; gripper closed throughout.
 */
final class SoccerPolicy {
    static double[] desiredPos(double[] hand, double[] ballObs, double[] goal) {
        double[] ball = Vec3.plus(ballObs, .0, .0, .03);
        double desiredZ = Vec3.distXY(hand, ball) < 0.02 ? 0.1 : 0.03;
        boolean leftOfGoal = ball[0] - goal[0] < -0.05;
        boolean rightOfGoal = ball[0] - goal[0] > 0.05;
        final double offset = 0.03;
        double[] push = Vec3.plus(ball, .0, -offset, .0);
        if (leftOfGoal) {
            push = Vec3.plus(ball, -offset, .0, .0);
        } else if (rightOfGoal) {
            push = Vec3.plus(ball, +offset, .0, .0);
        }
        push[2] = desiredZ;
        if (Vec3.dist(hand, push) > 0.01) {
            return push;
        }
        return ball;
    }
}
