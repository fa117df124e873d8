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
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.d2r.metaworld.SawyerXYZEnv.Evaluation;
import org.d2r.metaworld.StepInfo;
import org.junit.jupiter.api.Test;

/**
 * The tasks' rewards and info fields against Meta-World's own evaluate_state, run (by
 * src/test/python/gen_reward_reference.py) on simulator states recorded from these environments
 * under the scripted policies, clean and with noise (100 states per task; one reference file per
 * group of ported tasks, listed in {@link #REFERENCES}). Covers every info field, the
 * task-specific quirks (door's success override, drawer-close's unused 0.04 radius, button's
 * reward from the current position, peg's collision boxes and lifted bonus, the windows' x-only
 * distances and their different reach sigmoids). Caging terms: for assembly ... stick-pull the
 * Java caging reward (tasks/CagingReward) is recomputed here from the recorded pads; for coffee-pull,
 * coffee-push, handle-pull, handle-pull-side and hand-insert the trace holds the step's Java value (see
 * RewardTraceTool). Either way it is checked against Meta-World's own grasp_reward.
 *
 * <p>MT50 group c (pick-place-wall ... soccer, reward-reference-mt50c.txt.gz) takes the contact test
 * (touching_main_object) from the record and recomputes its caging terms (tasks/CagingReward,
 * tasks/GraspRewards) from the recorded pads; it covers the shared and the task-specific caging
 * rewards, the wall tasks' waypoints, the floor funnels, shelf-place's cut in-place reward and
 * bin-picking's first-step margin.
 */
class TaskRewardTest {

    /** Reference files and how many tasks each covers. */
    private static final Map<String, Integer> REFERENCES = new TreeMap<>(Map.of(
            "reward-reference.txt.gz", 7,
            "reward-reference-mt50a.txt.gz", 12,
            "reward-reference-mt50d.txt.gz", 7,
            "reward-reference-mt50c.txt.gz", 10,
            "reward-reference-mt50b.txt.gz", 11));

    private record Rec(String task, Map<String, double[]> v) {
        double[] get(String k) {
            double[] x = v.get(k);
            if (x == null) {
                throw new IllegalStateException(task + " record has no " + k);
            }
            return x;
        }
    }

    private static List<Rec> reference(String resource) throws IOException {
        List<Rec> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                TaskRewardTest.class.getResourceAsStream(resource)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                Map<String, double[]> v = new HashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    int eq = parts[i].indexOf('=');
                    v.put(parts[i].substring(0, eq),
                            Arrays.stream(parts[i].substring(eq + 1).split(",")).mapToDouble(Double::parseDouble).toArray());
                }
                out.add(new Rec(parts[0], v));
            }
        }
        return out;
    }

    private static Evaluation javaEvaluation(Rec r) {
        double[] obs = r.get("obs");
        return switch (r.task()) {
            case "door-open-v2" -> DoorPull.evaluateOpen(obs, r.get("action"), r.get("theta")[0], r.get("target"));
            case "drawer-open-v2" -> Drawer.evaluateOpen(obs, r.get("target"), r.get("init_tcp"));
            case "drawer-close-v2" -> Drawer.evaluateClose(obs, r.get("action"), r.get("tcp"), r.get("target"),
                    r.get("obj_init"), r.get("init_tcp"));
            case "button-press-topdown-v2" -> ButtonBox.evaluate(ButtonBox.Style.TOPDOWN, obs, r.get("tcp"), r.get("init_tcp"),
                    r.get("target"), r.get("o2t_init")[0]);
            case "peg-insert-side-v2" -> PegInsertSideV2.evaluate(obs, r.get("tcp"), r.get("site_pegHead"),
                    r.get("target"), r.get("peg_head_init"), r.get("obj_init"), new double[][] {
                        r.get("site_bottom_right_corner_collision_box_1"), r.get("site_top_left_corner_collision_box_1"),
                        r.get("site_bottom_right_corner_collision_box_2"), r.get("site_top_left_corner_collision_box_2")},
                    r.get("caging")[0]);
            case "window-open-v2" -> SlidingWindow.evaluate(true, r.get("site_handleOpenStart"), r.get("tcp"), r.get("target"),
                    r.get("obj_init"), r.get("handle_init"), r.get("init_tcp"));
            case "window-close-v2" -> SlidingWindow.evaluate(false, r.get("site_handleCloseStart"), r.get("tcp"),
                    r.get("target"), r.get("handle_init"), r.get("handle_init"), r.get("init_tcp"));
            case "button-press-topdown-wall-v2" -> ButtonBox.evaluate(ButtonBox.Style.TOPDOWN, obs, r.get("tcp"), r.get("init_tcp"),
                    r.get("target"), r.get("o2t_init")[0]);
            case "button-press-v2" -> ButtonBox.evaluate(ButtonBox.Style.PRESS, obs, r.get("tcp"), r.get("init_tcp"), r.get("target"),
                    r.get("o2t_init")[0]);
            case "button-press-wall-v2" -> ButtonBox.evaluate(ButtonBox.Style.WALL, obs, r.get("tcp"), r.get("init_tcp"),
                    r.get("target"), r.get("o2t_init")[0]);
            case "coffee-button-v2" -> ButtonBox.evaluate(ButtonBox.Style.PRESS, obs, r.get("tcp"),
                    r.get("init_tcp"), r.get("target"), CoffeeButtonV2.MAX_DIST);
            // "caging" is the Java caging reward of the step (RewardTraceTool); Meta-World's own,
            // from the recorded pads and centre, is the expected grasp_reward it is checked against.
            case "coffee-pull-v2", "coffee-push-v2" -> CoffeeMug.evaluate(obs, r.get("tcp"), r.get("target"),
                    r.get("obj_init"), r.get("caging")[0]);
            case "dial-turn-v2" -> DialTurnV2.evaluate(Arrays.copyOfRange(obs, 4, 7), r.get("action"), r.get("tcp"),
                    r.get("target"), r.get("dial_push_init"), r.get("init_tcp"));
            case "handle-press-side-v2", "handle-press-v2" -> HandleBox.evaluatePress(r.get("site_handleStart"),
                    r.get("tcp"), r.get("target"), r.get("handle_press_init"), r.get("init_tcp"));
            case "handle-pull-side-v2" -> HandleBox.evaluatePull(true, obs, r.get("tcp"), r.get("target"),
                    r.get("obj_init"), r.get("caging")[0]);
            case "handle-pull-v2" -> HandleBox.evaluatePull(false, obs, r.get("tcp"), r.get("target"), r.get("obj_init"),
                    r.get("caging")[0]);
            case "lever-pull-v2" -> LeverPullV2.evaluate(obs, r.get("theta")[0], r.get("target"), r.get("lever_init"),
                    r.get("init_tcp"));
            case "assembly-v2" -> RoundNut.evaluate(true, obs, r.get("action"), r.get("tcp"), r.get("init_tcp"),
                    r.get("leftpad")[1], r.get("rightpad")[1], r.get("target"), r.get("obj_init"), r.get("site_RoundNut"));
            case "disassemble-v2" -> RoundNut.evaluate(false, obs, r.get("action"), r.get("tcp"), r.get("init_tcp"),
                    r.get("leftpad")[1], r.get("rightpad")[1], r.get("target"), r.get("obj_init"), r.get("site_RoundNut"));
            case "basketball-v2" -> BasketballV2.evaluate(obs, r.get("action"), r.get("tcp"), r.get("init_tcp"),
                    r.get("leftpad")[1], r.get("rightpad")[1], r.get("target"), r.get("obj_init"));
            case "hammer-v2" -> HammerV2.evaluate(obs, r.get("action"), r.get("tcp"), r.get("init_tcp"),
                    r.get("leftpad")[1], r.get("rightpad")[1], r.get("target"), r.get("obj_init"), r.get("theta")[0]);
            case "peg-unplug-side-v2" -> PegUnplugSideV2.evaluate(obs, r.get("action"), r.get("tcp"), r.get("init_tcp"),
                    r.get("leftpad")[1], r.get("rightpad")[1], r.get("target"), r.get("obj_init"));
            case "stick-push-v2" -> StickThermos.evaluatePush(obs, r.get("action"), r.get("tcp"), r.get("init_tcp"),
                    r.get("leftpad")[1], r.get("rightpad")[1], r.get("target"), r.get("obj_init"), r.get("stick_init"));
            case "stick-pull-v2" -> StickThermos.evaluatePull(obs, r.get("action"), r.get("tcp"), r.get("init_tcp"),
                    r.get("leftpad")[1], r.get("rightpad")[1], r.get("target"), r.get("obj_init"), r.get("stick_init"),
                    r.get("site_stick_end"));
            case "pick-place-wall-v2" -> WallPuck.evaluate(true, inputs(r));
            case "pick-out-of-hole-v2" -> PickOutOfHoleV2.evaluate(inputs(r));
            case "push-back-v2" -> PushBackV2.evaluate(inputs(r));
            case "push-wall-v2" -> WallPuck.evaluate(false, inputs(r));
            case "reach-wall-v2" -> ReachTask.evaluate(true, r.get("tcp"), r.get("target"), r.get("hand_init"));
            case "shelf-place-v2" -> ShelfPlaceV2.evaluate(inputs(r));
            case "sweep-into-v2" -> SweepTask.evaluateInto(inputs(r));
            case "sweep-v2" -> SweepTask.evaluateSweep(inputs(r));
            case "bin-picking-v2" -> BinPickingV2.evaluate(inputs(r), r.get("t2o_init_before")[0]);
            case "soccer-v2" -> SoccerV2.evaluate(inputs(r));
            case "door-close-v2" -> DoorPull.evaluateClose(obs, r.get("tcp"), r.get("target"), r.get("obj_init"),
                    r.get("hand_init"));
            case "door-lock-v2" -> DoorLockBox.evaluateLock(obs, r.get("leftpad"), r.get("target"));
            case "door-unlock-v2" -> DoorLockBox.evaluateUnlock(obs, r.get("init_tcp"), r.get("lock_link"),
                    r.get("target"));
            case "faucet-open-v2" -> Faucet.evaluate(true, obs, r.get("tcp"), r.get("target"), r.get("obj_init"),
                    r.get("init_tcp"));
            case "faucet-close-v2" -> Faucet.evaluate(false, obs, r.get("tcp"), r.get("target"), r.get("obj_init"),
                    r.get("init_tcp"));
            // hand-insert's "caging" and "touching" are the step's Java values (RewardTraceTool)
            case "hand-insert-v2" -> HandInsertV2.evaluate(obs, r.get("tcp"), r.get("target"), r.get("obj_init"),
                    r.get("caging")[0], r.get("touching")[0] > 0);
            case "box-close-v2" -> BoxCloseV2.evaluate(obs, r.get("action"), r.get("target"));
            case "plate-slide-v2" -> PlateSlideBase.evaluate(PlateSlideBase.Shape.FORWARD, obs, r.get("tcp"),
                    r.get("target"), r.get("obj_init"), r.get("init_tcp"));
            case "plate-slide-side-v2", "plate-slide-back-v2", "plate-slide-back-side-v2" -> PlateSlideBase.evaluate(
                    PlateSlideBase.Shape.BONUS, obs, r.get("tcp"), r.get("target"), r.get("obj_init"),
                    r.get("init_tcp"));
            default -> throw new IllegalStateException(r.task());
        };
    }

    private static RewardInputs inputs(Rec r) {
        return new RewardInputs(r.get("obs"), r.get("action"), r.get("tcp"), r.get("init_tcp"), r.get("target"),
                r.get("obj_init"), r.get("leftpad")[1], r.get("rightpad")[1], r.get("touching")[0] > 0);
    }

    @Test
    void rewardAndEveryInfoFieldMatchMetaWorldsEvaluateState() throws IOException {
        for (Map.Entry<String, Integer> ref : REFERENCES.entrySet()) {
            checkReference(ref.getKey(), ref.getValue());
        }
    }

    private static void checkReference(String resource, int tasks) throws IOException {
        Map<String, int[]> perTask = new TreeMap<>();  // records, successes
        for (Rec r : reference(resource)) {
            Evaluation e = javaEvaluation(r);
            StepInfo i = e.info();
            double[] got = {i.success(), i.nearObject(), i.graspSuccess(), i.graspReward(), i.inPlaceReward(),
                i.objToTarget(), i.unscaledReward()};
            String where = r.task() + " obs " + Arrays.toString(r.get("obs"));
            assertEquals(r.get("expected_reward")[0], e.reward(), 1e-12, where);
            assertArrayEquals(r.get("expected_info"), got, 1e-12, where);
            int[] c = perTask.computeIfAbsent(r.task(), k -> new int[2]);
            c[0]++;
            c[1] += i.isSuccess() ? 1 : 0;
        }
        assertEquals(tasks, perTask.size(), resource + " tasks " + perTask.keySet());
        // The states must cover both outcomes, or a wrong success threshold could pass unseen.
        perTask.forEach((task, c) -> assertTrue(c[1] > 0 && c[1] < c[0], task + " successes " + c[1] + "/" + c[0]));
    }

    @Test
    void rectPrismToleranceIsOneOutsideAndTheAxisFractionProductInside() {
        double[] zero = {0, 0, 0};
        double[] one = {1, 2, -4};
        assertEquals(1.0, RectPrism.tolerance(new double[] {2, 1, -1}, zero, one));
        assertEquals(0.5 * 0.5 * 0.25, RectPrism.tolerance(new double[] {0.5, 1, -1}, zero, one), 1e-15);
        assertEquals(1.0, RectPrism.tolerance(one, zero, one), 1e-15);
        assertEquals(0.0, RectPrism.tolerance(new double[] {0, 1, -1}, zero, one), 1e-15);
    }
}
