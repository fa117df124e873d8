package org.d2r.metaworld.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/** Reset behaviour of door-open ... window-close as Meta-World's reset_model defines it. */
class SevenTasksResetTest {

    private static SawyerXYZEnv make(String task, GoalMode mode) {
        return (SawyerXYZEnv) MetaWorld.make(task, EnvConfig.paper(mode, 21L, 0));
    }

    private static final double[] STILL = {0, 0, 0, 0};

    @ParameterizedTest
    @ValueSource(strings = {"door-open-v2", "drawer-open-v2", "drawer-close-v2", "button-press-topdown-v2",
        "peg-insert-side-v2", "window-open-v2", "window-close-v2"})
    void goalIsObservedAndRandModeMovesItFixedModeKeepsIt(String task) {
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
            }
            assertArrayEquals(fixedGoals[1], fixedGoals[2], 0.0);
            // button-press's goal lags one reset (read before the box moves), so compare later ones
            assertFalse(Arrays.equals(randGoals[1], randGoals[2]), task + " Rand goal did not change");
        }
    }

    @Test
    void doorStartsClosedWithTheGoalOffsetFromTheDoorAndTheHandleQuaternionIsUnit() {
        try (SawyerXYZEnv env = make("door-open-v2", GoalMode.RAND)) {
            double[] o = env.reset();
            double[] door = env.lastRandVec();
            assertArrayEquals(new double[] {door[0] - 0.3, door[1] - 0.45, door[2]}, env.targetPos(), 1e-12);
            StepResult r = env.step(STILL);
            double[] q = Arrays.copyOfRange(r.obs(), 7, 11);
            assertEquals(1.0, Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]), 1e-9);
            assertEquals(0.0, r.info().success());
            assertEquals(0.0, r.info().objToTarget(), "door-open reports obj_to_target 0");
            assertTrue(Math.abs(o[4] - env.targetPos()[0]) > 0.08);
        }
    }

    @Test
    void drawerCloseStartsFifteenCentimetresOutAndDrawerOpenStartsShut() {
        try (SawyerXYZEnv close = make("drawer-close-v2", GoalMode.RAND);
             SawyerXYZEnv open = make("drawer-open-v2", GoalMode.RAND)) {
            close.reset();
            StepResult c = close.step(STILL);
            // handle = drawer_link + (0, -0.16, 0.05), the link sits 1 cm in front of the cabinet and
            // slides 15 cm out; goal = cabinet + (0, -0.16, 0.09)
            assertEquals(close.targetPos()[1] - 0.01 - Drawer.CLOSE_MAX_DIST, c.obs()[5], 2e-3);
            assertEquals(0.0, c.info().success());
            assertEquals(1.0, c.info().graspSuccess(), "drawer-close always reports grasp_success 1");
            open.reset();
            StepResult o = open.step(STILL);
            assertEquals(open.targetPos()[1] + Drawer.OPEN_MAX_DIST - 0.01, o.obs()[5], 2e-3);
            assertEquals(open.targetPos()[2], o.obs()[6], 2e-3, "the goal is level with the handle");
        }
    }

    @Test
    void windowsStartTwentyCentimetresFromTheirGoalsInX() {
        try (SawyerXYZEnv open = make("window-open-v2", GoalMode.RAND);
             SawyerXYZEnv close = make("window-close-v2", GoalMode.RAND)) {
            for (SawyerXYZEnv env : new SawyerXYZEnv[] {open, close}) {
                env.reset();
                StepResult r = env.step(STILL);
                assertTrue(r.info().objToTarget() > 0.18 && r.info().objToTarget() < 0.26,
                        env.taskName() + " " + r.info().objToTarget());
                assertEquals(0.0, r.info().success());
                assertArrayEquals(new double[] {0, 0, 0, 0}, Arrays.copyOfRange(r.obs(), 7, 11), 0.0);
            }
        }
    }

    @Test
    void buttonGoalIsTheHoleSiteReadBeforeTheBoxMoves() {
        // Meta-World reads site 'hole' right after writing the box position into the model, without a
        // forward: the first episode sees the scene's box (z 0.12), later ones the previous box.
        try (SawyerXYZEnv env = make("button-press-topdown-v2", GoalMode.RAND)) {
            env.reset();
            double firstZ = env.targetPos()[2];
            double[] box1 = env.lastRandVec();
            env.reset();
            double[] goal2 = env.targetPos();
            assertEquals(firstZ - 0.005, goal2[2], 1e-3);
            assertEquals(box1[0], goal2[0], 1e-3, "x of the previous episode's box");
            assertNotEquals(env.lastRandVec()[0], goal2[0]);
        }
    }

    @Test
    void pegAndBoxComeFromOneRandVectorAndTheGoalIsTheHoleInFrontOfTheBox() {
        try (SawyerXYZEnv env = make("peg-insert-side-v2", GoalMode.RAND)) {
            for (int e = 0; e < 5; e++) {
                double[] o = env.reset();
                double[] v = env.lastRandVec();
                assertEquals(6, v.length);
                assertArrayEquals(new double[] {v[3] + 0.03, v[4], v[5] + 0.13}, env.targetPos(), 1e-12);
                // pegGrasp site: peg position + (0.03, 0, 0.01), before the peg settles onto the table
                assertEquals(v[0] + 0.03, o[4], 2e-3);
                assertEquals(v[1], o[5], 2e-3);
                assertTrue(Math.hypot(v[0] - v[3], v[1] - v[4]) >= 0.1);
            }
        }
    }
}
