package org.d2r.metaworld.policies;

/**
 * Meta-World's {@code move()}: a proportional controller, response = p * (to - from).
 * Nothing is clipped here; Meta-World only warns when a component exceeds 1 because the
 * environment clips it, and that clipping is what actually happens in both versions.
 */
final class Move {
    private Move() {}

    static double[] move(double[] from, double[] to, double p) {
        return new double[] {p * (to[0] - from[0]), p * (to[1] - from[1]), p * (to[2] - from[2])};
    }

    /** The 4-dim action: hand displacement then grab effort (positive closes the gripper). */
    static double[] action(double[] delta, double grabEffort) {
        return new double[] {delta[0], delta[1], delta[2], grabEffort};
    }

    /**
     * Meta-World's usual _grab_effort: {@code near} once the hand is within {@code xy} of {@code obj} in x-y and
     * within {@code z} of it in height, else {@code far}.
     */
    static double grab(double[] hand, double[] obj, double xy, double z, double far, double near) {
        if (Vec3.distXY(hand, obj) > xy || Math.abs(hand[2] - obj[2]) > z) {
            return far;
        }
        return near;
    }
}
