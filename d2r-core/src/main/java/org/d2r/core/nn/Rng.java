package org.d2r.core.nn;

/**
 * A small seedable random source whose whole state is three longs, so checkpoints can store it and a
 * resumed run draws exactly the same numbers (java.util.Random's state is not portable to save).
 * SplitMix64 for uniforms; Box-Muller for normals with the spare kept in the state.
 */
public final class Rng {
    private long state;
    private double spare;
    private boolean hasSpare;

    public Rng(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        return (int) ((nextLong() >>> 33) % bound);
    }

    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 <= 1e-300);
        double u2 = nextDouble();
        double r = Math.sqrt(-2 * Math.log(u1));
        spare = r * Math.sin(2 * Math.PI * u2);
        hasSpare = true;
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** A new independent stream derived from this one (advances this one). */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** State as three longs: counter, spare bits, spare flag. */
    public long[] state() {
        return new long[] {state, Double.doubleToRawLongBits(spare), hasSpare ? 1 : 0};
    }

    public void restore(long[] s) {
        if (s.length != 3) throw new IllegalArgumentException("Rng state has 3 longs, got " + s.length);
        state = s[0];
        spare = Double.longBitsToDouble(s[1]);
        hasSpare = s[2] != 0;
    }
}
