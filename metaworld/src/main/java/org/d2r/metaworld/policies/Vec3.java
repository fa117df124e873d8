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

    /** Distance between a and b in the horizontal (x, y) plane. */
    static double distXY(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        return Math.sqrt(dx * dx + dy * dy);
    }

    /** Distance between a and b in the (x, z) plane. */
    static double distXZ(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dz * dz);
    }

    /** Distance between a and b in the (y, z) plane. */
    static double distYZ(double[] a, double[] b) {
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dy * dy + dz * dz);
    }

    static double dist(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
