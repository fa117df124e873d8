package org.d2r.core.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.nn.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The built networks' parameter counts equal the counts worked out from the architectures by hand
 * (the formulas below are written from the papers' descriptions, independently of the classes), and
 * actor + one critic reproduces the paper's Table 1 figures.
 */
class ParameterCountTest {

    private static final int OBS = 39;
    private static final int ACT = 4;

    /** A Linear in -> out. */
    private static long fc(long in, long out) {
        return in * out + out;
    }

    /** An MLP with the given widths (first = input). */
    private static long mlp(long... widths) {
        long s = 0;
        for (int i = 0; i + 1 < widths.length; i++) s += fc(widths[i], widths[i + 1]);
        return s;
    }

    static long mtSac(int in, int out, int tasks) {
        return mlp(in + tasks, 400, 400, 400, 400, 400, out);
    }

    static long mhSac(int in, int out, int tasks) {
        return mlp(in + tasks, 400, 400, 400, 400, 400) + tasks * fc(400, out);
    }

    static long softMod(int in, int out, int tasks) {
        long encoders = mlp(in, 400, 400) + fc(tasks, 400);
        long trunk = fc(400, 256) + fc(256, 256);
        // per-layer routing: R_0 (256 -> 16), then C_l (16 l -> 256) and R_l (256 -> 16) for l = 1, 2,
        // then the output block C_3 (48 -> 256), R_3 (256 -> 4)
        long routing = fc(256, 16) + fc(16, 256) + fc(256, 16) + fc(32, 256) + fc(256, 16) + fc(48, 256) + fc(256, 4);
        long modules = 4 * fc(400, 128) + 12 * fc(128, 128);
        return encoders + trunk + routing + modules + fc(128, out);
    }

    /** SM at smoke's D2R (F(s) [64, 64], 4 modules of 32, routing [64]): 2 layers of 2 modules of 32, routing width 64. */
    static long softModSmoke(int in, int out, int tasks) {
        long encoders = mlp(in, 64, 64) + fc(tasks, 64);
        long trunk = fc(64, 64) + fc(64, 64);
        // R_0 (64 -> 2 x 2), then the output block C_1 (4 -> 64), R_1 (64 -> 2)
        long routing = fc(64, 4) + fc(4, 64) + fc(64, 2);
        long modules = 2 * fc(64, 32) + 2 * fc(32, 32);
        return encoders + trunk + routing + modules + fc(32, out);
    }

    private static long built(Method m, boolean actor, int tasks) {
        D2rNetConfig d2r = D2rNetConfig.paper();
        return (actor ? m.actor(d2r, OBS, ACT, tasks, 1, DataType.FLOAT, new Rng(1))
                : m.critic(d2r, OBS, ACT, tasks, 1, DataType.FLOAT, new Rng(1))).params().count();
    }

    @Test
    void builtNetworksHaveTheArchitecturesCounts() {
        for (int tasks : new int[] {10, 50}) {
            assertEquals(mtSac(OBS, 2 * ACT, tasks), built(Method.MTSAC, true, tasks));
            assertEquals(mtSac(OBS + ACT, 1, tasks), built(Method.MTSAC, false, tasks));
            assertEquals(mhSac(OBS, 2 * ACT, tasks), built(Method.MHSAC, true, tasks));
            assertEquals(mhSac(OBS + ACT, 1, tasks), built(Method.MHSAC, false, tasks));
            assertEquals(softMod(OBS, 2 * ACT, tasks), built(Method.SOFTMOD, true, tasks));
            assertEquals(softMod(OBS + ACT, 1, tasks), built(Method.SOFTMOD, false, tasks));
        }
    }

    @Test
    void actorPlusOneCriticMatchesThePapersTable() {
        // Table 1 of He et al. 2024, millions of parameters, MT10 and MT50
        double[][] paper = {{1.37, 1.40}, {1.33, 1.36}, {1.36, 1.54}, {1.59, 1.62}};
        Method[] methods = {Method.D2R, Method.MTSAC, Method.MHSAC, Method.SOFTMOD};
        int[] taskCounts = {10, 50};
        for (int i = 0; i < methods.length; i++) {
            for (int k = 0; k < 2; k++) {
                long total = built(methods[i], true, taskCounts[k]) + built(methods[i], false, taskCounts[k]);
                double millions = total / 1e6;
                // the table prints two decimals: the count must round to the printed figure
                assertEquals(paper[i][k], Math.round(millions * 100) / 100.0, 1e-9,
                        methods[i] + " MT" + taskCounts[k] + ": " + total);
                assertTrue(Math.abs(millions / paper[i][k] - 1) < 0.01);
            }
        }
    }

    /**
     * The smoke preset's methods are of comparable size: baselines scale with the D2R network they are compared with, each
     * within 2x of D2R's parameters as the paper counts them (PaCo, five parameter sets by design, within 1.5x of the
     * ratio the paper's own Table 1 gives it), and far below the paper's sizes.
     */
    @Test
    void baselinesScaleWithTheD2rTheyAreComparedWith() {
        D2rNetConfig smoke = org.d2r.core.config.LearnerConfig.preset("smoke").net();
        D2rNetConfig paper = D2rNetConfig.paper();
        long d2r = Method.D2R.paperParameterCount(smoke, OBS, ACT, 10);
        double paperPacoRatio = 3.39 / 1.37;
        for (Method m : Method.values()) {
            long n = m.paperParameterCount(smoke, OBS, ACT, 10);
            double ratio = (double) n / d2r;
            String what = m + " has " + n + " parameters against D2R's " + d2r + " at the smoke size";
            if (m == Method.PACO) {
                assertTrue(ratio < 1.5 * paperPacoRatio && ratio > paperPacoRatio / 1.5, what);
            } else {
                assertTrue(ratio <= 2 && ratio >= 0.5, what);
            }
            if (m != Method.D2R) assertTrue(n < m.paperParameterCount(paper, OBS, ACT, 10) / 10, m + " at the smoke size must be far below the paper's");
        }
        assertEquals(softModSmoke(OBS, 2 * ACT, 10), Method.SOFTMOD.actor(smoke, OBS, ACT, 10, 1, DataType.FLOAT, new Rng(1)).params().count());
        assertEquals(softModSmoke(OBS + ACT, 1, 10), Method.SOFTMOD.critic(smoke, OBS, ACT, 10, 1, DataType.FLOAT, new Rng(1)).params().count());
        CareConfig care = Method.care(smoke);
        assertEquals(8, care.encoderWidth(), "mtrl's 50 scaled as F(s) is from 400 to 64");
        assertEquals(8, care.taskWidth());
        assertEquals(8, care.attentionWidth());
        assertEquals(50, Method.care(paper).encoderWidth(), "mtrl's own at the paper's sizes");
    }
}
