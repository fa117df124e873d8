package org.d2r.core.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.nn.Rng;
import org.junit.jupiter.api.Test;

class RoutingFunctionsTest {

    @Test
    void maskSoftmaxSumsToOneOverTheSelectedSetAndIgnoresTheRest() {
        double[] z = {9, 0.3, -1.2, 2.0, 0.7};
        double[] p = new double[5];
        int[] sel = {1, 3, 4};
        MaskSoftmax.apply(z, 0, sel, 3, p);
        assertEquals(1.0, p[1] + p[3] + p[4], 1e-12);
        assertEquals(0, p[0]);
        assertEquals(0, p[2]);
        // the ratio of two selected entries is exp of their logit difference, whatever is outside the set
        assertEquals(Math.exp(2.0 - 0.7), p[3] / p[4], 1e-12);
    }

    @Test
    void topKIsDeterministicAndPicksTheLargest() {
        double[] z = {0.1, 3.0, -2.0, 3.0, 1.5};
        int[] a = new int[2], b = new int[2];
        assertEquals(2, TopK.select(z, 0, 5, 2, a));
        TopK.select(z, 0, 5, 2, b);
        assertArrayEquals(a, b);
        assertArrayEquals(new int[] {1, 3}, a); // tie goes to the lower index
        int[] one = new int[2];
        assertEquals(1, TopK.select(z, 2, 1, 2, one), "a router with one source selects it alone");
        assertEquals(0, one[0]);
    }

    /**
     * SampleK's ordered pairs must follow sampling without replacement from softmax(z / tau):
     * P(i then j) = q_i q_j / (1 - q_i). Chi-square over all 12 ordered pairs, fixed seed; the critical
     * value is the 0.999 quantile of chi-square with 11 degrees of freedom (31.26). Sampling with
     * replacement, ignoring tau or drawing from softmax(z) would put the statistic in the thousands.
     */
    @Test
    void sampleKMatchesSamplingWithoutReplacementFromTheTemperedSoftmax() {
        double[] z = {1.0, 0.2, -0.5, 0.6};
        double tau = 0.5;
        double[] q = new double[4];
        double s = 0;
        for (int i = 0; i < 4; i++) s += q[i] = Math.exp(z[i] / tau);
        for (int i = 0; i < 4; i++) q[i] /= s;
        int draws = 40_000;
        long[][] count = new long[4][4];
        Rng rng = new Rng(12345);
        int[] out = new int[2];
        double[] scratch = new double[4];
        for (int d = 0; d < draws; d++) {
            assertEquals(2, SampleK.select(z, 0, 4, 2, tau, rng, out, scratch));
            assertNotEquals(out[0], out[1], "without replacement");
            count[out[0]][out[1]]++;
        }
        double chi2 = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (i == j) continue;
                double expected = draws * q[i] * q[j] / (1 - q[i]);
                chi2 += Math.pow(count[i][j] - expected, 2) / expected;
            }
        }
        assertTrue(chi2 < 31.26, "chi-square " + chi2);
    }

    @Test
    void routeBalancingTemperaturesFollowSection5() {
        double[] logAlpha = {Math.log(0.5), Math.log(0.05), 0.0};
        double[] tau = RouteBalancing.temperatures(logAlpha);
        double inv = 1 / 0.5 + 1 / 0.05 + 1 / 1.0;
        assertEquals(3 * (1 / 0.5) / inv, tau[0], 1e-12);
        assertEquals(3 * (1 / 0.05) / inv, tau[1], 1e-12);
        assertEquals(3 * (1 / 1.0) / inv, tau[2], 1e-12);
        assertEquals(3, tau[0] + tau[1] + tau[2], 1e-12); // mean temperature 1
        assertTrue(tau[1] > tau[0] && tau[0] > tau[2], "smaller alpha -> hotter route sampling");
        assertArrayEquals(new double[] {1, 1}, RouteBalancing.temperatures(new double[] {-0.3, -0.3}), 1e-12);
    }

    @Test
    void routingPathBitsRoundTripThroughBytes() {
        RoutingPaths p = new RoutingPaths(16, 2);
        assertEquals(136, RoutingPaths.bitCount(p.modules()));
        p.set(1, 0, true);
        p.set(1, 135, true);
        p.set(1, 64, true);
        byte[] bytes = p.rowBytes(1);
        assertEquals(17, bytes.length);
        RoutingPaths q = new RoutingPaths(16, 1);
        q.setRowBytes(0, bytes);
        for (int b = 0; b < 136; b++) assertEquals(p.get(1, b), q.get(0, b), "bit " + b);
        assertEquals(3, q.modulesUsed(0)); // module 1, module 10 (bit 64 = router 11, source 10), module 16 (bit 135)
    }
}
