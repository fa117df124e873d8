package org.d2r.metaworld.policies;

/**
 * Slices of the 39-dim Meta-World V2 observation that the policies read: the current frame
 * (hand xyz, gripper opening, first object's xyz and quaternion, second object's), the previous
 * frame (18 more), then the goal's xyz. Every accessor returns a fresh copy, so a policy can
 * shift a position without touching the caller's observation (Meta-World's door-open policy
 * edits a numpy view in place; the copy keeps this port a pure function).
 */
final class Obs {
    static final int DIM = 39;

    private Obs() {}

    static void check(double[] obs) {
        if (obs == null) {
            throw new IllegalArgumentException("observation is null; pass the 39-dim Meta-World V2 observation");
        }
        if (obs.length != DIM) {
            throw new IllegalArgumentException("observation has " + obs.length
                    + " entries, expected " + DIM + " (Meta-World V2: hand 3, gripper 1, objects 14,"
                    + " previous frame 18, goal 3); pass the environment's raw observation without a task id");
        }
    }

    static double[] hand(double[] obs) {
        return new double[] {obs[0], obs[1], obs[2]};
    }

    /** Normalised distance between the fingers, 0 (closed) to 1 (open). */
    static double gripper(double[] obs) {
        return obs[3];
    }

    static double[] object(double[] obs) {
        return new double[] {obs[4], obs[5], obs[6]};
    }

    static double[] goal(double[] obs) {
        return new double[] {obs[36], obs[37], obs[38]};
    }
}
