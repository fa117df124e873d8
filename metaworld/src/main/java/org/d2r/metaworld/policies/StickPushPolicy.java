package org.d2r.metaworld.policies;

/**
 * sawyer_stick_push_v2_policy: grab the stick (1.5 cm ahead of its observed position, 3 cm up),
 * line it up with the thermos in y then z, push it to the thermos, and once the stick's x is
 * within 4 cm of the thermos's, drive to the goal (13.2 cm above the observed goal).
 */
final class StickPushPolicy {
    static double[] action(double[] obs) {
        double[] hand = Obs.hand(obs);
        double[] stick = Vec3.plus(Obs.object(obs), .015, .0, .03);
        double[] thermos = Vec3.of(obs[11], obs[12], obs[13]);
        double[] goal = Vec3.plus(Obs.goal(obs), .0, .0, .132);
        return Move.action(Move.move(hand, StickPullPolicy.desiredPos(hand, stick, thermos, goal), 10.0),
                StickPullPolicy.grabPow(hand, stick));
    }
}
