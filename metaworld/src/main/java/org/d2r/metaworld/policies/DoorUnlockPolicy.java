package org.d2r.metaworld.policies;

/**
 * sawyer_door_unlock_v2_policy: drop (backing off in -y) below 15 cm, move beside the lever and
 * push it to +x, with the gripper closed.
 */
final class DoorUnlockPolicy {
    static double[] desiredPos(double[] hand, double[] lockObs) {
        double[] lock = Vec3.plus(lockObs, -.04, -.02, -.03);
        if (Vec3.distXY(hand, lock) > 0.02) {
            if (hand[2] > .15) {
                return Vec3.plus(hand, .0, -.1, -.1);
            }
            return lock;
        } else {
            return Vec3.plus(lock, .1, .0, .01);
        }
    }
}
