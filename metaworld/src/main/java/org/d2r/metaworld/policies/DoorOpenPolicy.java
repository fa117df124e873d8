package org.d2r.metaworld.policies;

/** sawyer_door_open_v2_policy: come down beside the handle and pull it along its arc. */
final class DoorOpenPolicy {
    static double[] desiredPos(double[] hand, double[] handle) {
        // Meta-World shifts the handle 5 cm in -x inside the observation itself; here on a copy.
        double[] door = Vec3.plus(handle, -0.05, 0, 0);
        if (Vec3.distXY(hand, door) > 0.12) {
            return Vec3.plus(door, 0.06, 0.02, 0.2);
        } else if (Math.abs(hand[2] - door[2]) > 0.04) {
            return Vec3.plus(door, 0.06, 0.02, 0.0);
        } else {
            return door;
        }
    }
}
