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
}
