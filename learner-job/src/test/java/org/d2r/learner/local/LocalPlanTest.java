package org.d2r.learner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.d2r.cli.Cli;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.Mt10;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class LocalPlanTest {

    private static LocalPlan plan(String... args) throws Exception {
        return Cli.parse(new LocalTrainCommand(), args).plan();
    }

    @Test
    void mt10PresetsAreThePapersSetting() throws Exception {
        LocalPlan rand = plan("--preset", "mt10-rand");
        assertEquals(Mt10.TASKS, rand.tasks());
        assertEquals(GoalMode.RAND, rand.goalMode());
        assertEquals(GoalMode.FIXED, plan("--preset", "mt10-fixed").goalMode());
        assertEquals(D2rNetConfig.paper(), rand.network());
        assertEquals(1280, rand.sac().batchSize());
        assertEquals(4000, rand.sac().warmupStepsPerTask());
        assertEquals(1000, rand.sac().minTransitions());
        assertEquals(1.0, rand.sac().updatesPerEnvStep());
        assertEquals(100_000, rand.replayPerTask());
        assertEquals(1_500_000, rand.stepsPerTask());
        assertEquals(10_000, rand.evalEvery());
        assertEquals(32, rand.evalEpisodes());
        assertEquals(100, rand.finalEpisodes(), "the paper's final evaluation: 100 episodes per task");
        assertEquals(200, rand.episodeLength());
        assertEquals(Method.D2R, rand.method());
    }

    @Test
    void commandLineOverridesThePreset() throws Exception {
        LocalPlan p = plan("--preset", "mt10-fixed", "--tasks", "reach-v2,push-v2,door-open-v2", "--method", "mhsac",
                "--steps", "500", "--eval-every", "100", "--eval-episodes", "2", "--seed", "9");
        assertEquals(List.of("reach-v2", "push-v2", "door-open-v2"), p.tasks());
        assertEquals(3, p.sac().tasks());
        assertEquals(100_000, p.replayPerTask(), "each task keeps its share of the replay");
        assertEquals(Method.MHSAC, p.method());
        assertEquals(100, p.sac().warmupStepsPerTask(), "warm-up is capped to a fifth of a short run");
        assertEquals(300, p.sac().minTransitions());
        assertEquals(9, p.seed());
        assertEquals(2, p.evalEpisodes());
        assertEquals(100, p.finalEpisodes(), "--eval-episodes sets the periodic evaluations only");
        assertEquals(7, plan("--preset", "mt10-rand", "--final-episodes", "7").finalEpisodes());
        assertEquals(plan("--preset", "smoke").evalEpisodes(), plan("--preset", "smoke").finalEpisodes(), "smoke stays minutes");
        assertTrue(!p.sac().taskReweight(), "Soft Modularization's MH-SAC baseline does not reweight tasks");
        assertTrue(plan("--preset", "smoke", "--method", "softmod").sac().taskReweight());
        assertTrue(plan("--preset", "smoke").sac().taskReweight());
    }

    @Test
    void alphaLearningRateAndRewardScaleOverrideThePreset() throws Exception {
        LocalPlan paper = plan("--preset", "mt10-rand");
        assertEquals(1e-4, paper.sac().alphaLr());
        assertEquals(0.1, paper.sac().rewardScale());
        LocalPlan p = plan("--preset", "mt10-rand", "--alpha-lr", "3e-3", "--reward-scale=1");
        assertEquals(3e-3, p.sac().alphaLr());
        assertEquals(1.0, p.sac().rewardScale());
        assertEquals(paper.sac().actorLr(), p.sac().actorLr(), "the other rates stay the preset's");
        String m = org.junit.jupiter.api.Assertions.assertThrows(ParameterException.class,
                () -> plan("--preset", "smoke", "--alpha-lr", "-1")).getMessage();
        assertTrue(m.contains("--alpha-lr must be a positive"), m);
        m = org.junit.jupiter.api.Assertions.assertThrows(ParameterException.class,
                () -> plan("--preset", "smoke", "--reward-scale", "ten")).getMessage();
        assertTrue(m.contains("--reward-scale") && m.contains("'ten' is not a number"), m);
    }

    @Test
    void smokeIsATinyD2rOnMt10AndTakesBatchAndAblationOptions() throws Exception {
        LocalPlan s = plan("--preset", "smoke");
        assertEquals(Mt10.TASKS, s.tasks());
        assertTrue(s.network().modules() < 16 && s.sac().batchPerTask() < 128);
        assertTrue(s.sac().warmupStepsPerTask() < 4000);
        LocalPlan t = plan("--preset", "smoke", "--tasks", "reach-v2,push-v2", "--batch-per-task", "64",
                "--ablation", "hard", "--ablation", "no-route-balancing", "--goals", "fixed");
        assertEquals(GoalMode.RAND, s.goalMode());
        assertEquals(GoalMode.FIXED, t.goalMode());
        assertEquals(64, t.sac().batchPerTask());
        assertEquals(128, t.sac().batchSize());
        assertEquals(1, t.network().topK());
        assertTrue(!t.sac().routeBalancing());
        assertTrue(t.preset().contains("hard") && t.preset().contains("no-route-balancing"), t.preset());
        String m = assertThrows(ParameterException.class,
                () -> plan("--preset", "smoke", "--ablation", "no-brakes")).getMessage();
        assertTrue(m.contains("no-brakes") && m.contains("no-resrouting"), m);
        m = assertThrows(ParameterException.class,
                () -> plan("--preset", "smoke", "--method", "mtsac", "--ablation", "hard")).getMessage();
        assertTrue(m.contains("mtsac"), m);
    }

    @Test
    void benchmarksByNameAndTheirOwnTaskOrder() throws Exception {
        assertEquals(Mt10.TASKS, plan("--preset", "smoke", "--tasks", "mt10").tasks());
        assertEquals(List.of("push-v2", "reach-v2"), plan("--preset", "smoke", "--tasks", "push-v2,reach-v2").tasks());
        String m = assertThrows(ParameterException.class,
                () -> plan("--preset", "smoke", "--tasks", "reach-v2,reach-v2")).getMessage();
        assertTrue(m.contains("twice"), m);
    }

    @Test
    void unknownPresetsAndTasksAreUsageErrors() {
        String m = assertThrows(ParameterException.class, () -> plan("--preset", "mt100")).getMessage();
        assertTrue(m.contains("smoke") && m.contains("mt10-rand") && m.contains("mt50-fixed"), m);
        m = assertThrows(ParameterException.class,
                () -> plan("--preset", "smoke", "--tasks", "reach-v3")).getMessage();
        assertTrue(m.contains("reach-v3") && m.contains("reach-v2"), m);
    }
}
