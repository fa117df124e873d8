package org.d2r.metaworld.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepResult;
import org.d2r.metaworld.policies.ScriptedPolicies;
import org.d2r.metaworld.policies.ScriptedPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Meta-World's scripted policies solve reach, push and pick-place in well over 90% of episodes;
 * an error in observation layout, reset or reward would break that.
 */
class ReachPushPickPlaceTest {

    @ParameterizedTest
    @ValueSource(strings = {"reach-v2", "push-v2", "pick-place-v2"})
    void scriptedPolicySucceedsInEveryEpisode(String task) {
        ScriptedPolicy policy = ScriptedPolicies.forTask(task);
        try (MetaWorldEnv env = MetaWorld.make(task, EnvConfig.paper(GoalMode.RAND, 5, 0))) {
            for (int ep = 0; ep < 6; ep++) {
                double[] obs = env.reset();
                boolean success = false;
                for (int t = 0; t < 200 && !success; t++) {
                    StepResult s = env.step(policy.action(obs));
                    obs = s.obs();
                    assertTrue(s.reward() >= 0 && s.reward() <= 10, "reward " + s.reward());
                    assertEquals(s.reward(), s.info().unscaledReward(), 0.0);
                    success = s.info().isSuccess();
                }
                assertTrue(success, task + " episode " + ep + " did not succeed");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reach-v2", "push-v2", "pick-place-v2"})
    void randomActionsRarelySucceedAndRewardIsBelowTheSuccessValue(String task) {
        try (MetaWorldEnv env = MetaWorld.make(task, EnvConfig.paper(GoalMode.RAND, 7, 0))) {
            SplittableRandom r = new SplittableRandom(3);
            env.reset();
            int successes = 0;
            for (int t = 0; t < 200; t++) {
                StepResult s = env.step(new double[] {r.nextDouble(-1, 1), r.nextDouble(-1, 1),
                    r.nextDouble(-1, 1), r.nextDouble(-1, 1)});
                if (s.info().isSuccess()) {
                    successes++;
                } else {
                    assertTrue(s.reward() < 10, "reward 10 is reserved for the goal region");
                }
            }
            assertTrue(successes < 20, task + ": random actions succeeded " + successes + " times");
        }
    }
}
