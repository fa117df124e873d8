package org.d2r.metaworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Replaying a saved hand reset must be indistinguishable from simulating it: every observation,
 * reward and info value of the following steps is bit-identical to an environment that runs the
 * 250 mj_steps each time, and a reset whose model was edited (Rand mode moves a body in the
 * model for seven MT10 tasks) is simulated, not replayed.
 */
class HandResetReplayTest {

    static final int EPISODES = 5;
    static final int STEPS = 30;

    @Test
    void fixedModeReplaysTheHandResetOfEveryMt10TaskWithIdenticalTrajectories() {
        for (String task : Mt10.TASKS) {
            int replays = compare(task, GoalMode.FIXED);
            // Two simulated resets show that the inputs repeat. A task that moves a body in the
            // model does so after its first hand reset, so its inputs repeat from the third on.
            int simulated = modelUntouched(task) ? 2 : 3;
            assertEquals(EPISODES - simulated, replays, task + " hand resets replayed in Fixed mode");
        }
    }

    @Test
    void randModeReplaysOnlyWhereTheModelIsUntouchedAndStaysIdentical() {
        for (String task : Mt10.TASKS) {
            int replays = compare(task, GoalMode.RAND);
            assertEquals(modelUntouched(task) ? EPISODES - 2 : 0, replays, task + " hand resets replayed in Rand mode");
        }
    }

    @Test
    void anEditedModelIsSimulatedAgain() {
        try (SawyerXYZEnv env = EnvBehaviourTest.make("reach-v2", EnvConfig.defaults());
             SawyerXYZEnv ref = EnvBehaviourTest.make("reach-v2", EnvConfig.defaults())) {
            ref.setHandResetReplay(false);
            for (int i = 0; i < 3; i++) {
                env.reset();
                ref.reset();
            }
            assertEquals(1, env.handResetReplays());
            // a body of the table scene moved in the model: the saved hand reset no longer applies
            for (SawyerXYZEnv e : new SawyerXYZEnv[] {env, ref}) {
                double[] p = e.modelBodyPos("tablelink");
                p[2] -= 0.01;
                e.setModelBodyPos("tablelink", p);
            }
            assertTrue(Arrays.equals(ref.reset(), env.reset()), "reset after a model edit");
            assertEquals(1, env.handResetReplays(), "a reset after a model edit must simulate the hand reset");
            assertTrue(Arrays.equals(ref.reset(), env.reset()));
            assertEquals(1, env.handResetReplays(), "the second reset with the new model simulates too");
            assertTrue(Arrays.equals(ref.reset(), env.reset()));
            assertEquals(2, env.handResetReplays(), "from the third reset with the new model on, it replays");
        }
    }

    /** reach, push and pick-place place their objects through qpos only; the others move a body. */
    private static boolean modelUntouched(String task) {
        return task.equals("reach-v2") || task.equals("push-v2") || task.equals("pick-place-v2");
    }

    /** Runs the same episodes with and without replay; returns how many hand resets were replayed. */
    private static int compare(String task, GoalMode mode) {
        EnvConfig cfg = new EnvConfig(500, mode, 5, 0, false, null);
        try (SawyerXYZEnv fast = EnvBehaviourTest.make(task, cfg);
             SawyerXYZEnv ref = EnvBehaviourTest.make(task, cfg)) {
            ref.setHandResetReplay(false);
            SplittableRandom r = new SplittableRandom(7);
            for (int ep = 0; ep < EPISODES; ep++) {
                same(task, ep, -1, ref.reset(), fast.reset());
                for (int t = 0; t < STEPS; t++) {
                    double[] a = EnvBehaviourTest.randomAction(r);
                    StepResult x = ref.step(a);
                    StepResult y = fast.step(a);
                    same(task, ep, t, x.obs(), y.obs());
                    if (Double.doubleToLongBits(x.reward()) != Double.doubleToLongBits(y.reward())
                            || !x.info().equals(y.info())) {
                        fail(task + " " + mode + " episode " + ep + " step " + t + ": reward/info differ: "
                                + x.reward() + " " + x.info() + " vs " + y.reward() + " " + y.info());
                    }
                }
            }
            assertEquals(0, ref.handResetReplays());
            return fast.handResetReplays();
        }
    }

    private static void same(String task, int ep, int t, double[] expected, double[] actual) {
        if (!Arrays.equals(expected, actual)) {
            fail(task + " episode " + ep + " step " + t + ": observations differ\n" + Arrays.toString(expected)
                    + "\n" + Arrays.toString(actual));
        }
    }
}
