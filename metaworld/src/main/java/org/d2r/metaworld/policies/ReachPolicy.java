package org.d2r.metaworld.policies;

/** sawyer_reach_v2_policy: head straight for the goal with the gripper relaxed. */
final class ReachPolicy implements ScriptedPolicy {
    @Override
    public String task() {
        return "reach-v2";
    }

    @Override
    public double[] action(double[] obs) {
        Obs.check(obs);
        return Move.action(Move.move(Obs.hand(obs), Obs.goal(obs), 5.0), 0.0);
    }
}
