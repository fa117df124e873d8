package org.d2r.metaworld.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepInfo;
import org.d2r.metaworld.StepResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * reach, push and pick-place rewards and info against Meta-World's own evaluate_state. The
 * reference (made by src/test/python/gen_rpp_reward_reference.py from RppRewardTraceTool's trace)
 * holds every step of a clean and a noisy scripted episode per task with Meta-World's reward and
 * info for that state; this test replays the recorded actions on a fresh environment with the
 * same seed and compares step by step, so it checks the live Java reward code, the caging
 * rewards, pick-place's live "initial" pads, and that the replay reaches the same states.
 */
class ReachPushPickPlaceRewardTest {

    private static final long SEED = 21; // RppRewardTraceTool.SEED

    private record Step(int episode, Map<String, double[]> v) {}

    private static List<Step> reference(String task) throws IOException {
        List<Step> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                ReachPushPickPlaceRewardTest.class.getResourceAsStream("rpp-reward-reference.txt.gz")),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || !line.startsWith(task + " ")) {
                    continue;
                }
                String[] parts = line.split(" ");
                Map<String, double[]> v = new HashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    int eq = parts[i].indexOf('=');
                    v.put(parts[i].substring(0, eq), Arrays.stream(parts[i].substring(eq + 1).split(","))
                            .mapToDouble(Double::parseDouble).toArray());
                }
                out.add(new Step((int) v.get("ep")[0], v));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"reach-v2", "push-v2", "pick-place-v2"})
    void rewardAndInfoMatchMetaWorldAlongReplayedEpisodes(String task) throws IOException {
        List<Step> steps = reference(task);
        assertEquals(300, steps.size(), "two episodes of 150 steps");
        int successes = 0;
        int graspSuccesses = 0;
        try (MetaWorldEnv env = MetaWorld.make(task, EnvConfig.paper(GoalMode.RAND, SEED, 0))) {
            int episode = -1;
            for (Step s : steps) {
                if (s.episode() != episode) {
                    env.reset();
                    episode = s.episode();
                }
                StepResult r = env.step(s.v().get("action"));
                String where = task + " episode " + s.episode() + " step " + (int) s.v().get("t")[0];
                assertArrayEquals(s.v().get("obs"), r.obs(), 1e-9, where + ": replay diverged");
                double[] expected = s.v().get("expected_info");
                StepInfo i = r.info();
                double[] got = {i.success(), i.nearObject(), i.graspSuccess(), i.graspReward(), i.inPlaceReward(),
                    i.objToTarget(), i.unscaledReward()};
                assertArrayEquals(expected, got, 1e-9, where + ": info");
                assertEquals(s.v().get("expected_reward")[0], r.reward(), 1e-9, where + ": reward");
                successes += i.isSuccess() ? 1 : 0;
                graspSuccesses += i.graspSuccess() > 0 ? 1 : 0;
            }
        }
        assertTrue(successes > 0, task + ": the reference should reach the goal region");
        if (!task.equals("reach-v2")) {
            assertTrue(graspSuccesses > 0 || task.equals("push-v2"), task + ": grasp_success never set");
        }
    }
}
