package org.d2r.metaworld;

/** Rotation conversions with the conventions Meta-World's observations inherit. */
public final class Rotations {

    private Rotations() {}

    /**
     * scipy's {@code Rotation.from_matrix(m).as_quat()} for a row-major 3x3 {@code m} (a geom_xmat
     * slice, say): scalar-LAST quaternion (x, y, z, w), chosen by the largest diagonal entry or the
     * trace, then normalised. Some V2 tasks (reach, push, pick-place) observe exactly this, others
     * MuJoCo's scalar-first xquat, so both conventions appear in Meta-World's observations.
     */
    public static void matrixToQuatXyzw(double[] m, double[] out) {
        double m00 = m[0], m01 = m[1], m02 = m[2];
        double m10 = m[3], m11 = m[4], m12 = m[5];
        double m20 = m[6], m21 = m[7], m22 = m[8];
        double trace = m00 + m11 + m22;
        double x, y, z, w;
        // argmax over (m00, m11, m22, trace), first maximum wins as numpy's argmax does
        int choice = 0;
        double best = m00;
        if (m11 > best) { best = m11; choice = 1; }
        if (m22 > best) { best = m22; choice = 2; }
        if (trace > best) { choice = 3; }
        switch (choice) {
            case 0:
                x = 1 - trace + 2 * m00; y = m10 + m01; z = m20 + m02; w = m21 - m12;
                break;
            case 1:
                y = 1 - trace + 2 * m11; z = m21 + m12; x = m01 + m10; w = m02 - m20;
                break;
            case 2:
                z = 1 - trace + 2 * m22; x = m02 + m20; y = m12 + m21; w = m10 - m01;
                break;
            default:
                x = m21 - m12; y = m02 - m20; z = m10 - m01; w = 1 + trace;
        }
        double n = Math.sqrt(x * x + y * y + z * z + w * w);
        out[0] = x / n;
        out[1] = y / n;
        out[2] = z / n;
        out[3] = w / n;
    }
}
