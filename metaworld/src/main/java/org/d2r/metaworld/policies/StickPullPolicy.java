package org.d2r.metaworld.policies;

/**
 * sawyer_stick_pull_v2_policy: grab the stick (1.5 cm behind its observed position, 3 cm up),
 * line it up with the thermos's handle in y then z, move onto it, and once the stick's x is within
 * 4 cm of the handle's, drive to 5 cm short of the goal in x. Stick-push's policy has the same
 * phases with other offsets and gain.
 */
final class StickPullPolicy {
    static double[] action(double[] obs) {
        double[] hand = Obs.hand(obs);
        double[] stick = Vec3.plus(Obs.object(obs), -.015, .0, .03);
        double[] thermos = Vec3.of(obs[11] + -.015, obs[12] + .0, obs[13] + .03);
        double[] goal = Vec3.plus(Obs.goal(obs), -.05, .0, .0);
        return Move.action(Move.move(hand, desiredPos(hand, stick, thermos, goal), 25.0), grabPow(hand, stick));
    }

    static double[] desiredPos(double[] hand, double[] stick, double[] thermos, double[] goal) {
        if (Math.abs(stick[0] - thermos[0]) > 0.04) {
            if (Vec3.distXY(hand, stick) > 0.02) {
                return Vec3.plus(stick, 0., 0., 0.1);
            } else if (Math.abs(hand[2] - stick[2]) > 0.02) {
                return stick;
            } else if (Math.abs(stick[1] - thermos[1]) > 0.02) {
                return Vec3.of(stick[0], thermos[1], stick[2]);
            } else if (Math.abs(stick[2] - thermos[2]) > 0.02) {
                return Vec3.of(stick[0], thermos[1], thermos[2]);
            } else {
                return thermos;
            }
        }
        return goal;
    }

    static double grabPow(double[] hand, double[] stick) {
        return Move.grab(hand, stick, 0.02, 0.1, -1.0, +0.7);
    }
}
