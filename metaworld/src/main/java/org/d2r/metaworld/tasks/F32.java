package org.d2r.metaworld.tasks;

/**
 * Values as Meta-World stores them in float32 arrays: the hand and object positions declared with
 * {@code dtype=np.float32} (the hand is driven to the float32 values), and the bounds of every gym
 * {@code Box} (its dtype defaults to float32, so a reset space written as 0.9 samples between
 * float32 bounds, and a degenerate axis with low == high always gives the float32 value,
 * 0.8999999761581421).
 */
final class F32 {
    private F32() {}

    /** Each value rounded to the nearest float32, as a double. */
    static double[] of(double... v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
