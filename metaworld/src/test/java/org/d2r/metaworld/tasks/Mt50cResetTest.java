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
 * Reset behaviour of MT50 group c's tasks as Meta-World's reset_model defines it: where the
 * object and goal go relative to the drawn vector, the goal in the observation, Fixed mode
 * keeping one configuration. (Rewards are checked in TaskRewardTest, policies in
 * ScriptedPoliciesTest.)
 */
class Mt50cResetTest {

    private static SawyerXYZEnv make(String task, GoalMode mode) {
        return (SawyerXYZEnv) MetaWorld.make(task, EnvConfig.paper(mode, 21L, 0));
    }

    private static double[] obj(double[] obs) {
        return Arrays.copyOfRange(obs, 4, 7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pick-place-wall-v2", "pick-out-of-hole-v2", "push-back-v2", "push-wall-v2",
        "reach-wall-v2", "shelf-place-v2", "sweep-into-v2", "sweep-v2", "bin-picking-v2", "soccer-v2"})
    void goalIsObservedRandModeRedrawsFixedModeKeepsTheConfiguration(String task) {
        try (SawyerXYZEnv rand = make(task, GoalMode.RAND); SawyerXYZEnv fixed = make(task, GoalMode.FIXED)) {
            double[][] randObj = new double[3][];
            double[][] randGoal = new double[3][];
            double[][] fixedObj = new double[3][];
            double[][] fixedGoal = new double[3][];
            for (int e = 0; e < 3; e++) {
                double[] o = rand.reset();
                assertEquals(39, o.length);
                assertArrayEquals(rand.targetPos(), Arrays.copyOfRange(o, 36, 39), 0.0, "goal is obs[36:39]");
                randObj[e] = obj(o);
                randGoal[e] = rand.targetPos();
                double[] f = fixed.reset();
                fixedObj[e] = obj(f);
                fixedGoal[e] = fixed.targetPos();
                double[] q = Arrays.copyOfRange(o, 7, 11);
                assertEquals(1.0, Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]), 1e-9,
                        "object quaternion is a unit quaternion");
            }
            assertArrayEquals(fixedObj[0], fixedObj[2], 1e-12);
            assertArrayEquals(fixedGoal[0], fixedGoal[2], 0.0);
            // pick-out-of-hole's object, sweep-into's and bin-picking's goals are fixed
            assertFalse(Arrays.equals(randObj[1], randObj[2]) && Arrays.equals(randGoal[1], randGoal[2]),
                    task + " Rand drew the same configuration twice");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pick-place-wall-v2", "reach-wall-v2", "pick-out-of-hole-v2"})
    void objectAndGoalAreTheDrawnVectorAtLeast15CmApart(String task) {
        try (SawyerXYZEnv env = make(task, GoalMode.RAND)) {
            for (int e = 0; e < 20; e++) {
                double[] o = env.reset();
                double[] v = env.lastRandVec();
                assertArrayEquals(Arrays.copyOfRange(v, 3, 6), env.targetPos(), 0.0);
                if (!task.equals("pick-place-wall-v2")) {
                    // pick-place-wall observes the puck geom, the others the body: both start at the draw
                    assertArrayEquals(Arrays.copyOfRange(v, 0, 3), obj(o), 1e-9);
                }
                assertTrue(Math.hypot(v[0] - v[3], v[1] - v[4]) >= 0.15);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"push-back-v2", "push-wall-v2"})
    void puckAndGoalTakeThePucksRestingHeight(String task) {
        try (SawyerXYZEnv env = make(task, GoalMode.RAND)) {
            double z = Double.NaN;
            for (int e = 0; e < 5; e++) {
                double[] o = env.reset();
                double[] v = env.lastRandVec();
                double[] t = env.targetPos();
                assertArrayEquals(new double[] {v[3], v[4]}, new double[] {t[0], t[1]}, 0.0);
                assertEquals(t[2], o[6], 1e-9, "goal height is the puck's");
                assertTrue(Math.abs(o[6] - 0.02) < 0.002, "resting on the table: " + o[6]);
                if (e > 0) {
                    assertEquals(z, t[2], 0.0, "the same resting height every episode");
                }
                z = t[2];
            }
        }
    }

    @Test
    void shelfMovesWithTheDrawnGoalAndTheTargetIsItsGoalSite() {
        try (SawyerXYZEnv env = make("shelf-place-v2", GoalMode.RAND)) {
            for (int e = 0; e < 5; e++) {
                double[] o = env.reset();
                double[] v = env.lastRandVec();
                // site (0, 0, 0.3) on the shelf body placed at the drawn goal less 0.3 in z
                assertArrayEquals(new double[] {v[3], v[4], v[5] - 0.3 + 0.3}, env.targetPos(), 0.0);
                assertArrayEquals(new double[] {v[0], v[1]}, new double[] {o[4], o[5]}, 1e-9);
                assertTrue(Math.hypot(v[0] - v[3], v[1] - v[4]) >= 0.1);
            }
        }
    }

    @Test
    void sweepIntoKeepsTheHoleAsGoalAndSweepTakesTheBlocksY() {
        try (SawyerXYZEnv into = make("sweep-into-v2", GoalMode.RAND); SawyerXYZEnv sweep = make("sweep-v2", GoalMode.RAND)) {
            for (int e = 0; e < 5; e++) {
                double[] o = into.reset();
                assertArrayEquals(new double[] {0, 0.84, 0.02}, into.targetPos(), 0.0, "the drawn goal is unused");
                assertTrue(Math.hypot(o[4], o[5] - 0.84) >= 0.15);
                double[] s = sweep.reset();
                double[] v = sweep.lastRandVec();
                assertEquals(3, v.length, "sweep draws only the block");
                assertArrayEquals(new double[] {0.5, v[1], 0.01}, sweep.targetPos(), 0.0);
                assertArrayEquals(new double[] {v[0], v[1], 0.02}, obj(s), 1e-9);
            }
        }
    }

    @Test
    void binPickingTargetsTheRightBinWhateverIsDrawn() {
        try (SawyerXYZEnv env = make("bin-picking-v2", GoalMode.RAND)) {
            for (int e = 0; e < 3; e++) {
                double[] o = env.reset();
                assertArrayEquals(new double[] {0.12, 0.7, 0.0}, env.targetPos(), 1e-12);
                double[] v = env.lastRandVec();
                assertArrayEquals(new double[] {v[0], v[1]}, new double[] {o[4], o[5]}, 1e-9);
                // the first step fixes the in-place margin at the then cube-to-bin distance
                StepResult r = env.step(new double[] {0, 0, 0, 0});
                double first = RewardInputsDist.dist(obj(r.obs()), env.targetPos());
                assertEquals(first, r.info().objToTarget(), 1e-12);
            }
        }
    }

    @Test
    void soccerMovesTheGoalAndObservesTheBallsQuaternionScalarLast() {
        try (SawyerXYZEnv env = make("soccer-v2", GoalMode.RAND)) {
            double[] o = env.reset();
            double[] v = env.lastRandVec();
            assertArrayEquals(Arrays.copyOfRange(v, 3, 6), env.targetPos(), 0.0);
            assertEquals(0.0, env.targetPos()[2]);
            assertArrayEquals(new double[] {v[0], v[1], 0.03}, obj(o), 1e-9);
            // a resting ball is upright: scipy's (x, y, z, w) of the identity
            assertArrayEquals(new double[] {0, 0, 0, 1}, Arrays.copyOfRange(o, 7, 11), 1e-6);
        }
    }

    /** A rotation's matrix, made as MuJoCo makes xmat from xquat, goes back to the same rotation. */
    @Test
    void quaternionToMatrixInvertsScipysMatrixToQuaternion() {
        double[] q = {0.3, -0.5, 0.7, 0.2};
        double n = Math.sqrt(0.09 + 0.25 + 0.49 + 0.04);
        for (int i = 0; i < 4; i++) {
            q[i] /= n;
        }
        double[] out = new double[4];
        org.d2r.metaworld.Rotations.matrixToQuatXyzw(GraspRewards.quatToMat(q), out);
        double sign = Math.signum(out[3] * q[0]);
        assertArrayEquals(new double[] {q[1], q[2], q[3], q[0]},
                new double[] {sign * out[0], sign * out[1], sign * out[2], sign * out[3]}, 1e-12);
    }

    private static final class RewardInputsDist {
        static double dist(double[] a, double[] b) {
            return org.d2r.metaworld.RewardUtils.dist(a, b);
        }
    }
}
