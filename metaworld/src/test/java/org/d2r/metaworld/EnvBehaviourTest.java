package org.d2r.metaworld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EnvBehaviourTest {

    static double[] randomAction(SplittableRandom r) {
        return new double[] {r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1)};
    }

    static SawyerXYZEnv make(String task, EnvConfig cfg) {
        return (SawyerXYZEnv) MetaWorld.make(task, cfg);
    }

    @Test
    void observationLayoutMatchesMetaWorld() {
        try (SawyerXYZEnv env = make("pick-place-v2", new EnvConfig(500, GoalMode.RAND, 3, 0, false, null))) {
            double[] first = env.reset();
            assertEquals(MetaWorldEnv.OBS_DIM, first.length);
            StepResult s = env.step(new double[] {0.3, -0.2, 0.1, -1});
            double[] obs = s.obs();
            assertEquals(39, obs.length);
            // hand position is body 'hand' xpos
            assertArrayEquals(env.bodyCom("hand"), Arrays.copyOfRange(obs, 0, 3), 0.0);
            // gripper opening in [0, 1]
            assertTrue(obs[3] >= 0 && obs[3] <= 1);
            // object slot: position of body 'obj', then a unit quaternion; second object slot empty
            assertArrayEquals(env.bodyCom("obj"), Arrays.copyOfRange(obs, 4, 7), 0.0);
            double qn = Math.sqrt(obs[7] * obs[7] + obs[8] * obs[8] + obs[9] * obs[9] + obs[10] * obs[10]);
            assertEquals(1.0, qn, 1e-9);
            for (int i = 11; i < 18; i++) {
                assertEquals(0.0, obs[i], 0.0, "padding at " + i);
            }
            // previous frame = current frame of the observation before
            assertArrayEquals(Arrays.copyOfRange(first, 0, 18), Arrays.copyOfRange(obs, 18, 36), 0.0);
            // goal slot is the target; the goal site was re-written there after the step
            assertArrayEquals(env.targetPos(), Arrays.copyOfRange(obs, 36, 39), 0.0);
            assertArrayEquals(env.targetPos(), env.sitePos("goal"), 0.0);
        }
    }

    @Test
    void handRestsWhereMetaWorldPutsItAfterTheHandReset() {
        // Meta-World (mujoco_py, MuJoCo 2.1) starts every V2 task with the hand observed at
        // [0.00615235, 0.6001898, 0.19430117] and the gripper open (1.0). Matching it checks the
        // mocap weld conversion to MuJoCo 2.2's layout, the 50-step hand reset and frame skip 5.
        // peg-insert-side drives the hand to the same point in its own scene (peg and box nearby).
        for (String task : new String[] {"reach-v2", "push-v2", "pick-place-v2", "peg-insert-side-v2"}) {
            try (MetaWorldEnv env = MetaWorld.make(task, EnvConfig.defaults())) {
                double[] obs = env.reset();
                assertArrayEquals(new double[] {0.00615235, 0.6001898, 0.19430117, 1.0},
                        Arrays.copyOfRange(obs, 0, 4), 5e-9, task);
            }
        }
    }

    @Test
    void firstObservationCarriesThePreviousEpisodesLastFrameAsMetaWorldDoes() {
        try (SawyerXYZEnv env = make("reach-v2", EnvConfig.defaults())) {
            env.reset();
            StepResult last = null;
            for (int i = 0; i < 20; i++) {
                last = env.step(new double[] {1, 1, 1, 1});
            }
            double[] next = env.reset();
            assertArrayEquals(Arrays.copyOfRange(last.obs(), 0, 18), Arrays.copyOfRange(next, 18, 36), 0.0);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalTrajectories() {
        double[][] a = rollout("push-v2", new EnvConfig(500, GoalMode.RAND, 11, 0, false, null), 200);
        double[][] b = rollout("push-v2", new EnvConfig(500, GoalMode.RAND, 11, 0, false, null), 200);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "step " + i);
        }
        double[][] c = rollout("push-v2", new EnvConfig(500, GoalMode.RAND, 12, 0, false, null), 200);
        assertFalse(Arrays.equals(a[0], c[0]), "a different seed must give a different configuration");
    }

    private static double[][] rollout(String task, EnvConfig cfg, int steps) {
        try (MetaWorldEnv env = MetaWorld.make(task, cfg)) {
            SplittableRandom r = new SplittableRandom(99);
            double[][] out = new double[steps + 1][];
            out[0] = env.reset();
            for (int i = 1; i <= steps; i++) {
                StepResult s = env.step(randomAction(r));
                out[i] = Arrays.copyOf(s.obs(), 40);
                out[i][39] = s.reward();
            }
            return out;
        }
    }

    @Test
    void environmentsWithDifferentIndicesDrawDifferentConfigurations() {
        try (SawyerXYZEnv e0 = make("reach-v2", EnvConfig.defaults().withEnvIndex(0));
             SawyerXYZEnv e1 = make("reach-v2", EnvConfig.defaults().withEnvIndex(1));
             SawyerXYZEnv p0 = make("push-v2", EnvConfig.defaults().withEnvIndex(0))) {
            e0.reset();
            e1.reset();
            p0.reset();
            assertFalse(Arrays.equals(e0.lastRandVec(), e1.lastRandVec()));
            // reach and push share the reset space; different tasks must not share a stream either
            assertFalse(Arrays.equals(e0.lastRandVec(), p0.lastRandVec()));
        }
    }

    @Test
    void fixedModeKeepsOneConfigurationAndRandModeDrawsAFreshOne() {
        try (SawyerXYZEnv fixed = make("pick-place-v2", new EnvConfig(500, GoalMode.FIXED, 0, 0, false, null));
             SawyerXYZEnv rand = make("pick-place-v2", EnvConfig.defaults())) {
            fixed.reset();
            rand.reset();
            double[] fixedGoal = fixed.targetPos();
            double[] randGoal = rand.targetPos();
            // same seed: the first configuration is the same in both modes
            assertArrayEquals(fixedGoal, randGoal, 0.0);
            for (int i = 0; i < 3; i++) {
                fixed.step(new double[] {1, 0, 0, 0});
                fixed.reset();
                rand.reset();
                assertArrayEquals(fixedGoal, fixed.targetPos(), 0.0);
                assertFalse(Arrays.equals(randGoal, rand.targetPos()));
                randGoal = rand.targetPos();
            }
        }
    }

    @Test
    void nonFiniteActionIsRejectedNamingTheIndex() {
        try (MetaWorldEnv env = MetaWorld.make("reach-v2", EnvConfig.defaults())) {
            env.reset();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> env.step(new double[] {0, 0, Double.NaN, 0}));
            assertTrue(e.getMessage().contains("action[2]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> env.step(new double[] {0, Double.POSITIVE_INFINITY, 0, 0}));
            assertTrue(e.getMessage().contains("action[1]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {0, 0, 0}));
            assertTrue(e.getMessage().contains("4 entries"), e.getMessage());
            assertEquals(0, env.episodeStep(), "rejected actions do not count as steps");
        }
    }

    @Test
    void outOfRangeXyzIsClippedLikeMetaWorld() {
        double[][] big = actRepeatedly(new double[] {7, -3, 2, 0.5});
        double[][] unit = actRepeatedly(new double[] {1, -1, 1, 0.5});
        for (int i = 0; i < big.length; i++) {
            assertArrayEquals(unit[i], big[i], 0.0);
        }
        // the gripper component is not clipped by Meta-World: its reward term sees the raw value
        double[][] partial = actRepeatedly(new double[] {1, -1, 1, 0.2});
        assertFalse(Arrays.equals(unit[unit.length - 1], partial[partial.length - 1]));
    }

    private static double[][] actRepeatedly(double[] action) {
        try (MetaWorldEnv env = MetaWorld.make("reach-v2", EnvConfig.defaults())) {
            env.reset();
            double[][] out = new double[30][];
            for (int i = 0; i < out.length; i++) {
                out[i] = env.step(action).obs();
            }
            return out;
        }
    }

    @Test
    void mocapStaysInsideItsBounds() {
        try (SawyerXYZEnv env = make("reach-v2", EnvConfig.defaults())) {
            env.reset();
            for (int i = 0; i < 150; i++) {
                env.step(new double[] {1, 1, 1, 0});
            }
            double[] hand = env.bodyCom("hand");
            // hand_high of reach is (0.5, 1, 0.5): the hand may approach but not pass it
            assertTrue(hand[0] <= 0.5 + 0.02 && hand[1] <= 1 + 0.02 && hand[2] <= 0.5 + 0.02,
                    Arrays.toString(hand));
        }
    }

    @Test
    void steppingPastTheLimitIsAnErrorUnlessAutoReset() {
        try (MetaWorldEnv env = MetaWorld.make("reach-v2", EnvConfig.defaults().withMaxPathLength(5))) {
            env.reset();
            for (int i = 1; i <= 4; i++) {
                assertFalse(env.step(new double[4]).truncated());
            }
            StepResult s = env.step(new double[4]);
            assertTrue(s.truncated());
            assertNull(s.resetObs());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(new double[4]));
            assertTrue(e.getMessage().contains("reset()"), e.getMessage());
            env.reset();
            assertEquals(0, env.episodeStep());
        }
        try (MetaWorldEnv env = MetaWorld.make("reach-v2",
                new EnvConfig(5, GoalMode.RAND, 0, 0, true, null))) {
            env.reset();
            double[] goal1 = env.targetPos();
            StepResult s = null;
            for (int i = 0; i < 5; i++) {
                s = env.step(new double[4]);
            }
            assertTrue(s.truncated());
            assertNotNull(s.resetObs());
            assertEquals(0, env.episodeStep());
            assertArrayEquals(env.targetPos(), Arrays.copyOfRange(s.resetObs(), 36, 39), 0.0);
            assertFalse(Arrays.equals(goal1, env.targetPos()), "Rand mode draws a new goal at the auto-reset");
            env.step(new double[4]);
            assertEquals(1, env.episodeStep());
        }
    }

    @Test
    void stepBeforeResetAndUseAfterCloseAreErrors() {
        MetaWorldEnv env = MetaWorld.make("reach-v2", EnvConfig.defaults());
        assertThrows(IllegalStateException.class, () -> env.step(new double[4]));
        env.close();
        env.close();
        assertThrows(IllegalStateException.class, env::reset);
    }

    @Test
    void unknownTaskListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetaWorld.make("reach-v3", EnvConfig.defaults()));
        assertTrue(e.getMessage().contains("reach-v3"), e.getMessage());
        for (String t : Mt10.TASKS) {
            assertTrue(e.getMessage().contains(t), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> MetaWorld.parseTaskList("reach-v2,bogus"));
        assertEquals(Mt10.TASKS, MetaWorld.parseTaskList("mt10"));
        List<String> mt50 = MetaWorld.parseTaskList("MT50");
        assertEquals(50, new java.util.HashSet<>(mt50).size(), "fifty distinct tasks");
        assertTrue(mt50.containsAll(Mt10.TASKS), "MT50 holds MT10");
        assertEquals("assembly-v2", mt50.get(0));
        assertEquals("window-close-v2", mt50.get(49));
        assertThrows(IllegalArgumentException.class, () -> MetaWorld.parseTaskList("reach-v2,push-v2,reach-v2"));
    }

    @Test
    void configRejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> EnvConfig.defaults().withMaxPathLength(0));
        assertThrows(IllegalArgumentException.class, () -> EnvConfig.defaults().withMaxPathLength(501));
        assertThrows(IllegalArgumentException.class, () -> EnvConfig.defaults().withEnvIndex(-1));
    }

    @Test
    void unstableSimulationFreezesTheEpisodeAsMetaWorldDoes() {
        try (SawyerXYZEnv env = make("reach-v2", EnvConfig.defaults())) {
            env.reset();
            StepResult stable = env.step(new double[] {0.5, 0, 0, 0});
            assertFalse(env.sawSimulationInstability());
            env.data().qvel().put(0, Double.NaN); // provoke MuJoCo's bad-qacc warning
            StepResult s = env.step(new double[] {0.5, 0, 0, 0});
            assertTrue(env.sawSimulationInstability());
            assertArrayEquals(stable.obs(), s.obs(), 0.0, "last stable observation is repeated");
            assertEquals(0.0, s.reward(), 0.0);
            assertEquals(StepInfo.UNSTABLE, s.info());
            double time = env.data().time();
            StepResult s2 = env.step(new double[] {0.5, 0, 0, 0});
            assertEquals(time, env.data().time(), 0.0, "no physics after the warning");
            assertArrayEquals(stable.obs(), s2.obs(), 0.0);
            double[] obs = env.reset();
            assertFalse(env.sawSimulationInstability());
            for (double v : obs) {
                assertTrue(Double.isFinite(v));
            }
            assertTrue(env.step(new double[4]).reward() > 0);
        }
    }
}
