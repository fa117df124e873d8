package org.d2r.metaworld.policies;

/**
 * sawyer_door_close_v2_policy: head straight for the goal with the gripper closed; the door is
 * pushed shut on the way. (Meta-World's policy also shifts the door position inside the caller's
 * observation, then does not use it; this port leaves the observation alone.)
 */
final class DoorClosePolicy implements ScriptedPolicy {
    @Override
    public String task() {
        return "door-close-v2";
    }

    @Override
    public double[] action(double[] obs) {
        Obs.check(obs);
        return Move.action(Move.move(Obs.hand(obs), Obs.goal(obs), 25.0), 1.0);
    }
}
