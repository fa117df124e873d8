package org.d2r.metaworld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reset behaviour of the second MT50 group's tasks (door-close ... plate-slide-back-side) as
 * Meta-World's reset_model defines it: where the goal comes from, Rand against Fixed mode, and the
 * float32 values Meta-World's arrays and Box bounds hold.
 */
class Mt50bResetTest {

    private static SawyerXYZEnv make(String task, GoalMode mode) {
        return (SawyerXYZEnv) MetaWorld.make(task, EnvConfig.paper(mode, 21L, 0));
    }

    private static final double[] STILL = {0, 0, 0, 0};

    @ParameterizedTest
    @ValueSource(strings = {"door-close-v2", "door-lock-v2", "door-unlock-v2", "faucet-open-v2", "faucet-close-v2",
        "hand-insert-v2", "box-close-v2", "plate-slide-v2", "plate-slide-side-v2", "plate-slide-back-v2",
        "plate-slide-back-side-v2"})
    void goalIsObservedRandMovesItFixedKeepsItAndNoEpisodeStartsSolved(String task) {
        try (SawyerXYZEnv rand = make(task, GoalMode.RAND); SawyerXYZEnv fixed = make(task, GoalMode.FIXED)) {
            double[][] randGoals = new double[3][];
            double[][] fixedGoals = new double[3][];
            for (int e = 0; e < 3; e++) {
                double[] o = rand.reset();
                assertEquals(39, o.length);
                assertArrayEquals(rand.targetPos(), Arrays.copyOfRange(o, 36, 39), 0.0, "goal is obs[36:39]");
                randGoals[e] = rand.targetPos();
                StepResult r = rand.step(STILL);
                assertEquals(0.0, r.info().success(), task + " solved without moving");
                fixed.reset();
                fixedGoals[e] = fixed.targetPos();
            }
            assertArrayEquals(fixedGoals[0], fixedGoals[2], 0.0);
            assertFalse(Arrays.equals(randGoals[1], randGoals[2]), task + " Rand goal did not change");
        }
    }

    @Test
    void doorCloseStartsOpenWithTheGoalBesideTheDoor() {
        try (SawyerXYZEnv env = make("door-close-v2", GoalMode.RAND)) {
            env.reset();
            double[] door = env.lastRandVec();
            assertArrayEquals(new double[] {door[0] + 0.2, door[1] - 0.2, door[2]}, env.targetPos(), 1e-15);
            assertEquals(-1.5708, env.jointQpos("doorjoint"), 1e-3, "the door swung open");
            assertArrayEquals(new double[] {(float) -0.5, (float) 0.6, (float) 0.2}, env.handInitPos, 0.0);
            // the reset space's degenerate z is the float32 0.15 of gym's Box
            assertEquals((double) 0.15f, door[2], 0.0);
        }
    }

    @Test
    void lockGoalsComeFromTheLeverAfterReset() {
        try (SawyerXYZEnv lock = make("door-lock-v2", GoalMode.RAND);
             SawyerXYZEnv unlock = make("door-unlock-v2", GoalMode.RAND)) {
            double[] o = lock.reset();
            double[] lever = lock.bodyCom("lock_link");
            assertArrayEquals(new double[] {lever[0], lever[1] - .04, lever[2] - .1}, lock.targetPos(), 1e-12);
            assertTrue(o[6] - lock.targetPos()[2] > 0.02, "lever starts up");
            unlock.reset();
            double[] lever2 = unlock.bodyCom("lock_link");
            assertArrayEquals(new double[] {lever2[0] + .1, lever2[1] - .04, lever2[2]}, unlock.targetPos(), 1e-12);
            assertEquals(1.5708, unlock.qpos()[9], 1e-3, "lever starts turned down");
        }
    }

    @Test
    void faucetGoalsAreOneHandleLengthToTheSideAndTheFirstObservationLagsTheMove() {
        try (SawyerXYZEnv open = make("faucet-open-v2", GoalMode.RAND);
             SawyerXYZEnv close = make("faucet-close-v2", GoalMode.RAND)) {
            double[] first = open.reset();
            double[] base = open.lastRandVec();
            assertArrayEquals(new double[] {base[0] + 0.175, base[1], base[2] + 0.125}, open.targetPos(), 1e-15);
            // no forward after moving the faucet: the handle is observed where the scene put it
            assertEquals(0.8 - 0.175, first[5], 1e-3);
            StepResult r = open.step(STILL);
            assertEquals(base[1] - 0.175, r.obs()[5], 1e-3, "after a step the handle follows the faucet");
            close.reset();
            double[] base2 = close.lastRandVec();
            assertArrayEquals(new double[] {base2[0] - 0.175, base2[1], base2[2] + 0.125}, close.targetPos(), 1e-15);
        }
    }

    @Test
    void handInsertAndBoxCloseKeepTheirObjectsApartFromTheGoal() {
        try (SawyerXYZEnv hand = make("hand-insert-v2", GoalMode.RAND); SawyerXYZEnv box = make("box-close-v2",
                GoalMode.RAND)) {
            for (int e = 0; e < 20; e++) {
                hand.reset();
                double[] v = hand.lastRandVec();
                assertTrue(Math.hypot(v[0] - v[3], v[1] - v[4]) >= 0.15);
                assertArrayEquals(new double[] {v[0], v[1], 0.05}, hand.objInitPos, 0.0);
                assertArrayEquals(new double[] {v[3], v[4], v[5]}, hand.targetPos(), 0.0);
                box.reset();
                double[] w = box.lastRandVec();
                assertTrue(Math.hypot(w[0] - w[3], w[1] - w[4]) >= 0.25);
                assertArrayEquals(new double[] {w[0], w[1], (double) 0.02f}, box.objInitPos, 0.0);
                double[] boxBody = box.modelBodyPos("boxbody");
                assertEquals(w[3], boxBody[0], 0.0);
                assertEquals(w[4], boxBody[1], 0.0);
            }
        }
    }

    @Test
    void platesStartWhereEachTaskPutsThemAndTheGoalBodyMarksGoalOrStart() {
        String[] tasks = {"plate-slide-v2", "plate-slide-side-v2", "plate-slide-back-v2", "plate-slide-back-side-v2"};
        double[][] slide = {{0, 0}, {0, 0}, {0, 0.15}, {-0.15, 0}};
        boolean[] goalBodyAtGoal = {true, true, false, false};
        for (int i = 0; i < tasks.length; i++) {
            try (SawyerXYZEnv env = make(tasks[i], GoalMode.RAND)) {
                env.reset();
                double[] q = env.qpos();
                assertEquals(slide[i][0], q[9], 0.0, tasks[i]);
                assertEquals(slide[i][1], q[10], 0.0, tasks[i]);
                double[] v = env.lastRandVec();
                assertArrayEquals(Arrays.copyOfRange(v, 3, 6), env.targetPos(), 0.0);
                assertArrayEquals(goalBodyAtGoal[i] ? env.targetPos() : env.objInitPos, env.modelBodyPos("puck_goal"),
                        0.0, tasks[i]);
            }
        }
    }
}
