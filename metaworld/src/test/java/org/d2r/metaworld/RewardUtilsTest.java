package org.d2r.metaworld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.d2r.metaworld.RewardUtils.Sigmoid;
import org.junit.jupiter.api.Test;

class RewardUtilsTest {

    @Test
    void toleranceIsOneInsideAndValueAtMarginAtTheMargin() {
        for (Sigmoid s : Sigmoid.values()) {
            assertEquals(1.0, RewardUtils.tolerance(0.3, 0.2, 0.4, 0.5, s), 0.0, s.name());
            // distance == margin outside the bounds gives value_at_margin (0.1) for every sigmoid
            assertEquals(0.1, RewardUtils.tolerance(0.9, 0.2, 0.4, 0.5, s), 1e-12, s.name());
            assertEquals(0.1, RewardUtils.tolerance(-0.3, 0.2, 0.4, 0.5, s), 1e-12, s.name());
        }
        assertEquals(0.0, RewardUtils.tolerance(0.5, 0, 0.4, 0, Sigmoid.LONG_TAIL), 0.0);
    }

    @Test
    void longTailFollowsItsFormula() {
        // d = 0.25 / 0.5 = 0.5, scale = sqrt(1/0.1 - 1) = 3 -> 1 / (1.5^2 + 1)
        assertEquals(1 / (2.25 + 1), RewardUtils.tolerance(0.65, 0, 0.4, 0.5, Sigmoid.LONG_TAIL), 1e-12);
    }

    @Test
    void toleranceRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> RewardUtils.tolerance(0, 1, 0, 0.1, Sigmoid.GAUSSIAN));
        assertThrows(IllegalArgumentException.class, () -> RewardUtils.tolerance(0, 0, 1, -1, Sigmoid.GAUSSIAN));
    }

    @Test
    void hamacherProduct() {
        assertEquals(0.0, RewardUtils.hamacherProduct(0, 0), 0.0);
        assertEquals(1.0, RewardUtils.hamacherProduct(1, 1), 0.0);
        assertEquals(0.25 / (1 - 0.25), RewardUtils.hamacherProduct(0.5, 0.5), 1e-15);
        assertEquals(0.0, RewardUtils.hamacherProduct(0.7, 0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> RewardUtils.hamacherProduct(1.1, 0.5));
    }

    @Test
    void matrixToQuaternionUsesScipysScalarLastConvention() {
        double[] q = new double[4];
        Rotations.matrixToQuatXyzw(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, q);
        assertArrayEquals(new double[] {0, 0, 0, 1}, q, 1e-15);
        // 90 degrees about z: (x, y, z, w) = (0, 0, sin 45, cos 45)
        Rotations.matrixToQuatXyzw(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, q);
        assertArrayEquals(new double[] {0, 0, Math.sqrt(0.5), Math.sqrt(0.5)}, q, 1e-15);
        // 180 degrees about x takes the diagonal branch: scipy gives (1, 0, 0, 0)
        Rotations.matrixToQuatXyzw(new double[] {1, 0, 0, 0, -1, 0, 0, 0, -1}, q);
        assertArrayEquals(new double[] {1, 0, 0, 0}, q, 1e-15);
    }
}
