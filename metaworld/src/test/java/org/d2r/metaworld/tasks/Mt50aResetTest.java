package org.d2r.metaworld.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.metaworld.StepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reset behaviour of the mt50a group (button-press-topdown-wall ... lever-pull) as Meta-World's
 * reset_model defines it: where the goal and objects go relative to the sampled vector.
 */
class Mt50aResetTest {

    private static final double[] STILL = {0, 0, 0, 0};

    private static SawyerXYZEnv make(String task, GoalMode mode) {
        return (SawyerXYZEnv) MetaWorld.make(task, EnvConfig.paper(mode, 21L, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"button-press-topdown-wall-v2", "button-press-v2", "button-press-wall-v2",
        "coffee-button-v2", "coffee-pull-v2", "coffee-push-v2", "dial-turn-v2", "handle-press-side-v2",
        "handle-press-v2", "handle-pull-side-v2", "handle-pull-v2", "lever-pull-v2"})
    void goalIsObservedRandModeMovesItFixedModeKeepsItAndAStepIsStable(String task) {
        try (SawyerXYZEnv rand = make(task, GoalMode.RAND); SawyerXYZEnv fixed = make(task, GoalMode.FIXED)) {
            double[][] randGoals = new double[3][];
            double[][] fixedGoals = new double[3][];
            for (int e = 0; e < 3; e++) {
                double[] o = rand.reset();
                assertEquals(39, o.length);
                assertArrayEquals(rand.targetPos(), Arrays.copyOfRange(o, 36, 39), 0.0, "goal is obs[36:39]");
                randGoals[e] = rand.targetPos();
                fixed.reset();
                fixedGoals[e] = fixed.targetPos();
                StepResult r = rand.step(STILL);
                assertFalse(rand.sawSimulationInstability(), task);
                assertEquals(0.0, r.info().success(), task + " succeeds without acting");
            }
            assertArrayEquals(fixedGoals[1], fixedGoals[2], 0.0);
            // button-press-topdown-wall's goal lags one reset (read before the box moves)
            assertFalse(Arrays.equals(randGoals[1], randGoals[2]), task + " Rand goal did not change");
        }
    }

    @Test
    void coffeeTasksPutTheMugAtTheSampledPositionAndTheMachineBehindItsEnd() {
        try (SawyerXYZEnv pull = make("coffee-pull-v2", GoalMode.RAND);
             SawyerXYZEnv push = make("coffee-push-v2", GoalMode.RAND);
             SawyerXYZEnv button = make("coffee-button-v2", GoalMode.RAND)) {
            pull.reset();
            double[] v = pull.lastRandVec();
            assertTrue(Math.hypot(v[0] - v[3], v[1] - v[4]) >= 0.15);
            assertArrayEquals(Arrays.copyOfRange(v, 3, 6), pull.targetPos(), 0.0);
            double[] o = pull.step(STILL).obs();
            assertEquals(v[0], o[4], 0.01, "mug x");
            assertEquals(v[1], o[5], 0.01, "mug y");
            push.reset();
            double[] w = push.lastRandVec();
            assertArrayEquals(Arrays.copyOfRange(w, 3, 6), push.targetPos(), 0.0);
            double[] b = button.reset();
            double[] m = button.lastRandVec();
            // the button 22 cm in front of the machine, 30 cm up; the goal 3 cm behind it
            assertArrayEquals(new double[] {m[0], m[1] - 0.22 + 0.03, m[2] + 0.3}, button.targetPos(), 1e-12);
            assertEquals(m[0], b[4], 1e-9);
            assertEquals(m[1] - 0.22, b[5], 1e-3);
            assertArrayEquals(new double[] {1, 0, 0, 0}, Arrays.copyOfRange(b, 7, 11), 0.0);
        }
    }

    @Test
    void dialGoalIsThreeCentimetresBehindAndAboveTheDialAndTheRimPointStartsInFront() {
        try (SawyerXYZEnv env = make("dial-turn-v2", GoalMode.RAND)) {
            double[] o = env.reset();
            double[] d = env.lastRandVec();
            assertArrayEquals(new double[] {d[0], d[1] + 0.03, d[2] + 0.03}, env.targetPos(), 1e-12);
            // Meta-World moves the dial in the model and observes without a forward: the reset's
            // observation still shows the scene's dial at (0, 0.7, 0); the first step moves it.
            assertEquals(0.0, o[4], 1e-3);
            assertEquals(0.7 - 0.05, o[5], 1e-3);
            double[] s = env.step(STILL).obs();
            assertEquals(d[0], s[4], 1e-3);
            assertEquals(d[1] - 0.05, s[5], 1e-3);
        }
    }

    @Test
    void leverTargetIsTheLeverEndPointingStraightUp() {
        try (SawyerXYZEnv env = make("lever-pull-v2", GoalMode.RAND)) {
            double[] r = env.reset();
            double[] l = env.lastRandVec();
            assertArrayEquals(new double[] {l[0] + 0.12, l[1], l[2] + 0.45}, env.targetPos(), 1e-12);
            // observed without a forward after the move: the scene's lever at (0, 0.88, 0)
            assertEquals(0.12, r[4], 1e-3);
            assertEquals(0.88 - 0.2, r[5], 1e-3);
            // after a step: the lever starts horizontal, its end 20 cm in front of the axis
            double[] o = env.step(STILL).obs();
            assertEquals(l[0] + 0.12, o[4], 1e-3);
            assertEquals(l[1] - 0.2, o[5], 1e-3);
            assertEquals(l[2] + 0.25, o[6], 1e-3);
        }
    }

    @Test
    void handleTasksStartPressedOrPulledAndPressGoalsAreBelowTheHandle() {
        try (SawyerXYZEnv press = make("handle-press-v2", GoalMode.RAND);
             SawyerXYZEnv pull = make("handle-pull-v2", GoalMode.RAND);
             SawyerXYZEnv pullSide = make("handle-pull-side-v2", GoalMode.RAND)) {
            double[] o = press.reset();
            assertTrue(o[6] > press.targetPos()[2] + 0.05, "press: handle starts up, goal below");
            double[] p = pull.reset();
            assertTrue(p[6] < pull.targetPos()[2] - 0.05, "pull: handle starts down, goal above");
            double[] s = pullSide.reset();
            assertTrue(s[6] < pullSide.targetPos()[2] - 0.05, "pull-side: handle starts down, goal above");
        }
    }
}
