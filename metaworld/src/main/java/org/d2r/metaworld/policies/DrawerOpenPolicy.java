package org.d2r.metaworld.policies;

/**
 * sawyer_drawer_open_v2_policy: hover over the handle, drop to it, then pull hard (a much larger
 * gain in the last phase, to overcome the drawer's damping), with the gripper open.
 */
final class DrawerOpenPolicy {
    static double[] action(double[] obs) {
        double[] hand = Obs.hand(obs);
        double[] drawer = Vec3.plus(Obs.object(obs), 0, 0, -0.02);
        double[] delta;
        if (Vec3.distXY(hand, drawer) > 0.06) {
            delta = Move.move(hand, Vec3.plus(drawer, 0, 0, 0.3), 4.0);
        } else if (Math.abs(hand[2] - drawer[2]) > 0.04) {
            delta = Move.move(hand, drawer, 4.0);
        } else {
            delta = Move.move(hand, Vec3.plus(drawer, 0, -0.06, 0), 50.0);
        }
        return Move.action(delta, -1.0);
    }
}
