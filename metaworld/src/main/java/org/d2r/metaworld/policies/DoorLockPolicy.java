package org.d2r.metaworld.policies;

/**
 * sawyer_door_lock_v2_policy: rise (backing off in -y) to 25 cm, go over the lever, drop onto it
 * and push it down and to -x, with the gripper open.
 */
final class DoorLockPolicy {
    static double[] desiredPos(double[] hand, double[] lockObs) {
        double[] lock = Vec3.plus(lockObs, -.02, -.02, .0);
        if (Vec3.distXY(hand, lock) > 0.02) {
            if (hand[2] < .25) {
                return Vec3.plus(hand, .0, -.1, .1);
            }
            return Vec3.plus(lock, 0., 0., 0.3);
        } else if (Math.abs(hand[2] - lock[2]) > 0.02) {
            return lock;
        } else {
            return Vec3.plus(lock, -.1, .0, -.1);
        }
    }
}
