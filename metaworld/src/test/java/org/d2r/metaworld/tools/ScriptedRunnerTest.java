package org.d2r.metaworld.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.policies.ScriptedPolicies;
import org.junit.jupiter.api.Test;

class ScriptedRunnerTest {

    @Test
    void noiseHasMeanZeroAndStandardDeviationFTimesTheActionRange() {
        ScriptedRunner runner = new ScriptedRunner(0.1, 42L, false);
        SplittableRandom rng = runner.noiseStream("push-v2", 0);
        int n = 200_000;
        double[] sum = new double[4];
        double[] sq = new double[4];
        for (int i = 0; i < n; i++) {
            double[] a = {0.5, -0.5, 2.0, 0.0};
            runner.addNoise(a, rng);
            double[] base = {0.5, -0.5, 2.0, 0.0};
            for (int k = 0; k < 4; k++) {
                double d = a[k] - base[k];
                sum[k] += d;
                sq[k] += d * d;
            }
        }
        for (int k = 0; k < 4; k++) {
            assertEquals(0.0, sum[k] / n, 0.002, "mean of dimension " + k);
            // 0.1 of the range [-1, 1] is a standard deviation of 0.2
            assertEquals(0.2, Math.sqrt(sq[k] / n), 0.002, "sd of dimension " + k);
        }
    }

    @Test
    void zeroNoiseLeavesTheActionUntouchedAndNoiseIsNotClippedHere() {
        ScriptedRunner quiet = new ScriptedRunner(0.0, 1L, false);
        double[] a = {3.0, -2.0, 0.5, 1.0};
        quiet.addNoise(a, quiet.noiseStream("reach-v2", 0));
        assertEquals(List.of(3.0, -2.0, 0.5, 1.0), List.of(a[0], a[1], a[2], a[3]));
        ScriptedRunner loud = new ScriptedRunner(1.0, 1L, false);
        double max = 0;
        SplittableRandom rng = loud.noiseStream("reach-v2", 0);
        for (int i = 0; i < 1000; i++) {
            double[] b = {0, 0, 0, 0};
            loud.addNoise(b, rng);
            for (double v : b) {
                max = Math.max(max, Math.abs(v));
            }
        }
        assertTrue(max > 1.0, "the environment clips, not the runner");
    }

    @Test
    void noiseStreamsDifferPerEpisodeTaskAndSeedAndRepeatForTheSame() {
        ScriptedRunner r = new ScriptedRunner(0.1, 7L, false);
        long a = r.noiseStream("push-v2", 3).nextLong();
        assertEquals(a, r.noiseStream("push-v2", 3).nextLong());
        assertNotEquals(a, r.noiseStream("push-v2", 4).nextLong());
        assertNotEquals(a, r.noiseStream("pick-place-v2", 3).nextLong());
        assertNotEquals(a, new ScriptedRunner(0.1, 8L, false).noiseStream("push-v2", 3).nextLong());
    }

    @Test
    void stoppingAtFirstSuccessChangesNoEpisodesSuccessOrFirstSuccessStep() {
        // With noise, so that episodes differ and some fail; window-open keeps stale state across
        // resets (the previous window position), the case where carry-over would show.
        for (String task : List.of("window-open-v2", "push-v2")) {
            TaskReport full = run(task, false);
            TaskReport stopped = run(task, true);
            for (int e = 0; e < full.episodes(); e++) {
                EpisodeOutcome f = full.outcomes().get(e);
                EpisodeOutcome s = stopped.outcomes().get(e);
                assertEquals(f.success(), s.success(), task + " episode " + e);
                assertEquals(f.firstSuccessStep(), s.firstSuccessStep(), task + " episode " + e);
                assertTrue(s.steps() <= f.steps());
            }
            assertTrue(stopped.envSteps() < full.envSteps(), "stopping saved no steps");
            assertTrue(full.outcomes().stream().allMatch(o -> o.steps() == 120));
        }
    }

    private static TaskReport run(String task, boolean stop) {
        ScriptedRunner runner = new ScriptedRunner(0.3, 11L, stop);
        try (MetaWorldEnv env = MetaWorld.make(task, EnvConfig.paper(GoalMode.RAND, 3L, 0).withMaxPathLength(120))) {
            return runner.run(env, ScriptedPolicies.forTask(task), 8, n -> { });
        }
    }

    @Test
    void reportAggregatesOutcomes() {
        TaskReport r = new TaskReport("push-v2", GoalMode.RAND, 200, 0.0, 0L, false, List.of(
                new EpisodeOutcome(true, 50, 100.0, 200),
                new EpisodeOutcome(false, 0, 20.0, 200),
                new EpisodeOutcome(true, 70, 60.0, 200),
                new EpisodeOutcome(false, 0, 0.0, 200)), 800, 1.0);
        assertEquals(2, r.successes());
        assertEquals(0.5, r.successRate());
        assertEquals(45.0, r.meanReturn());
        assertEquals(60.0, r.meanStepsToSuccess());
    }

    @Test
    void mismatchedPolicyAndBadArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ScriptedRunner(-0.1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new ScriptedRunner(Double.NaN, 0, false));
        try (MetaWorldEnv env = MetaWorld.make("reach-v2", EnvConfig.paper(GoalMode.RAND, 0, 0))) {
            ScriptedRunner r = new ScriptedRunner(0, 0, true);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> r.run(env, ScriptedPolicies.forTask("push-v2"), 1, n -> { }));
            assertTrue(e.getMessage().contains("push-v2") && e.getMessage().contains("reach-v2"));
            assertThrows(IllegalArgumentException.class,
                    () -> r.run(env, ScriptedPolicies.forTask("reach-v2"), 0, n -> { }));
        }
    }
}
