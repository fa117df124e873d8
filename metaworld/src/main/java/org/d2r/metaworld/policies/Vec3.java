package org.d2r.metaworld.policies;

/** The few 3-vector operations the policies need, on plain arrays, each returning a new array. */
final class Vec3 {
    private Vec3() {}

    static double[] of(double x, double y, double z) {
        return new double[] {x, y, z};
    }

    static double[] plus(double[] a, double x, double y, double z) {
        return new double[] {a[0] + x, a[1] + y, a[2] + z};
    }

    /** Distance in the (x, y), (x, z) or (y, z) plane. */
    static double distXY(double[] a, double[] b) {
        return planar(a[0] - b[0], a[1] - b[1]);
    }

    static double distXZ(double[] a, double[] b) {
        return planar(a[0] - b[0], a[2] - b[2]);
    }

    static double distYZ(double[] a, double[] b) {
        return planar(a[1] - b[1], a[2] - b[2]);
    }

    private static double planar(double d1, double d2) {
        return Math.sqrt(d1 * d1 + d2 * d2);
    }

    static double dist(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
