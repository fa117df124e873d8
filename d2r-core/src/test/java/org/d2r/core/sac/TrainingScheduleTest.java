package org.d2r.core.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.config.SacConfig;
import org.junit.jupiter.api.Test;

class TrainingScheduleTest {

    @Test
    void warmUpIsRandomAndUpdatesFollowTheReplayRatio() {
        SacConfig cfg = SacConfig.paper(10, 4).toBuilder().warmup(5, 30).build();
        TrainingSchedule s = new TrainingSchedule(cfg);
        int updates = 0;
        for (int step = 0; step < 5; step++) {
            assertTrue(randomActions(s, cfg));
            updates += s.afterEnvStep(10L * (step + 1));
        }
        assertEquals(0, updates, "no update during warm-up");
        assertFalse(randomActions(s, cfg));
        for (int step = 5; step < 25; step++) updates += s.afterEnvStep(10L * (step + 1));
        assertEquals(20, updates, "one update per step of all environments (paper ratio)");
    }

    /** Whether the step about to be taken (per task: envSteps so far) uses uniformly random actions. */
    private static boolean randomActions(TrainingSchedule s, SacConfig cfg) {
        return s.envStepsPerTask() < cfg.warmupStepsPerTask();
    }

    @Test
    void fractionalRatiosAccumulateAndSurviveACheckpoint() {
        SacConfig paper = SacConfig.paper(2, 4);
        SacConfig half = paper.toBuilder().warmup(0, 0).updatesPerEnvStep(0.5).build();
        TrainingSchedule s = new TrainingSchedule(half);
        int u = 0;
        for (int i = 0; i < 7; i++) u += s.afterEnvStep(100);
        TrainingSchedule r = new TrainingSchedule(half);
        r.restore(s.state());
        for (int i = 0; i < 3; i++) {
            int a = s.afterEnvStep(100), b = r.afterEnvStep(100);
            assertEquals(a, b);
            u += a;
        }
        assertEquals(5, u);
        TrainingSchedule noWarmup = new TrainingSchedule(paper.toBuilder().warmup(0, 1000).build());
        assertEquals(0, noWarmup.afterEnvStep(999), "no update before the replay holds min transitions");
        assertEquals(1, noWarmup.afterEnvStep(1000));
    }
}
