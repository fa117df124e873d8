package org.d2r.metaworld.policies;

/** sawyer_reach_v2_policy: head straight for the goal with the gripper relaxed. */
final class ReachPolicy {
    static double[] action(double[] obs) {
        return Move.action(Move.move(Obs.hand(obs), Obs.goal(obs), 5.0), 0.0);
    }
}
