package org.d2r.metaworld.policies;

/**
 * sawyer_door_close_v2_policy: head straight for the goal with the gripper closed; the door is
 * pushed shut on the way. (Meta-World's policy also shifts the door position inside the caller's
 * observation, then does not use it; this port leaves the observation alone.)
 */
final class DoorClosePolicy {
    static double[] action(double[] obs) {
        return Move.action(Move.move(Obs.hand(obs), Obs.goal(obs), 25.0), 1.0);
    }
}
