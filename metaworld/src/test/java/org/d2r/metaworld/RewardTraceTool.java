package org.d2r.metaworld;

import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.d2r.metaworld.policies.ScriptedPolicies;
import org.d2r.metaworld.policies.ScriptedPolicy;

/**
 * Development tool, not a test: records, step by step, the simulator state that Meta-World's
 * evaluate_state/compute_reward read for the seven tasks door-open ... window-close, or for the
 * tasks named after the file (scripted policy, one clean and one noisy episode each).
 * src/test/python/gen_reward_reference.py runs Meta-World's own reward code on these states and
 * writes the reference that TaskRewardTest checks the Java rewards against.
 *
 * <p>{@code java -cp <test-classes>:<classes> org.d2r.metaworld.RewardTraceTool trace.txt [task ...]}; each
 * group's reference is traced with its tasks in the order of its file, e.g. {@code button-press-topdown-wall-v2
 * ... lever-pull-v2} (mt50a), {@code assembly-v2 basketball-v2 disassemble-v2 hammer-v2 peg-unplug-side-v2
 * stick-push-v2 stick-pull-v2} (mt50d) or {@code pick-place-wall-v2 pick-out-of-hole-v2 push-back-v2
 * push-wall-v2 reach-wall-v2 shelf-place-v2 sweep-into-v2 sweep-v2 bin-picking-v2 soccer-v2} (mt50c). A task
 * is traced with its group's {@link Schedule}: every 3rd step of 2 x 150 (noise 0.2), or for group c's
 * tasks every 4th step of 2 x 200 (noise 0.3, other seeds), each as its reference was made; group b's
 * ({@code door-close-v2 door-lock-v2 door-unlock-v2 faucet-open-v2 faucet-close-v2 hand-insert-v2 box-close-v2
 * plate-slide-v2 plate-slide-side-v2 plate-slide-back-v2 plate-slide-back-side-v2}, mt50b) with the first.
 *
 * <p>For the tasks whose grasp reward is the base class's caging reward (coffee-pull, coffee-push,
 * handle-pull, handle-pull-side, hand-insert) the trace holds the Java caging value of the step as
 * {@code caging}; Meta-World's reward code computes its own from the recorded pads and centre.
 * The tasks whose reward takes its caging term from {@code tasks/CagingReward} (assembly ... stick-pull)
 * need no such value: TaskRewardTest recomputes it from the recorded pads. Group c's records and
 * hand-insert's add the step's touching_main_object ({@code touching}), which needs the simulator's contacts.
 */
public final class RewardTraceTool {
    private RewardTraceTool() {}

    /**
     * How a task's states are drawn: environment seed, noise seed, steps per episode, every how many
     * steps a state is recorded, and the noise added to the second episode's actions.
     */
    private record Schedule(long seed, long noiseSeed, int steps, int every, double noise) {}

    private static final Schedule DEFAULT_SCHEDULE = new Schedule(9, 5, 150, 3, 0.2);

    /** MT50 group c's tasks (reward-reference-mt50c.txt.gz) were traced longer, sparser and noisier. */
    private static final Schedule MT50C_SCHEDULE = new Schedule(11, 7, 200, 4, 0.3);

    private static final Set<String> MT50C_TASKS = Set.of("pick-place-wall-v2", "pick-out-of-hole-v2",
            "push-back-v2", "push-wall-v2", "reach-wall-v2", "shelf-place-v2", "sweep-into-v2", "sweep-v2",
            "bin-picking-v2", "soccer-v2");

    private static Schedule schedule(String task) {
        return MT50C_TASKS.contains(task) ? MT50C_SCHEDULE : DEFAULT_SCHEDULE;
    }

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        String[] tasks = {"door-open-v2", "drawer-open-v2", "drawer-close-v2", "button-press-topdown-v2",
            "peg-insert-side-v2", "window-open-v2", "window-close-v2"};
        if (args.length > 1) {
            tasks = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        try (PrintWriter out = new PrintWriter(new FileWriter(args[0]))) {
            for (String task : tasks) {
                Schedule s = schedule(task);
                try (SawyerXYZEnv env = (SawyerXYZEnv) MetaWorld.make(task, EnvConfig.paper(GoalMode.RAND, s.seed(), 0))) {
                    ScriptedPolicy p = ScriptedPolicies.forTask(task);
                    SplittableRandom rng = new SplittableRandom(s.noiseSeed());
                    for (int e = 0; e < 2; e++) {
                        double[] o = env.reset();
                        for (int t = 0; t < s.steps(); t++) {
                            double[] a = p.action(o);
                            for (int k = 0; k < 4 && e == 1; k++) {
                                a[k] += s.noise() * rng.nextGaussian();
                            }
                            // bin-picking's _target_to_obj_init as the step finds it (NaN: None)
                            double t2oBefore = task.equals("bin-picking-v2") ? (double) field(env, "targetToObjInit") : 0;
                            StepResult r = env.step(a);
                            o = r.obs();
                            if (t % s.every() == 0) {
                                out.println(record(task, env, r, a, t2oBefore));
                            }
                        }
                    }
                }
            }
        }
    }

    private static String record(String task, SawyerXYZEnv env, StepResult step, double[] action, double t2oBefore)
            throws ReflectiveOperationException {
        double[] obs = step.obs();
        StringBuilder sb = new StringBuilder(task);
        put(sb, "obs", obs);
        put(sb, "action", action);
        put(sb, "tcp", env.tcpCenter());
        put(sb, "init_tcp", env.initTcp);
        put(sb, "target", env.targetPos);
        put(sb, "obj_init", env.objInitPos);
        put(sb, "leftpad", env.bodyCom("leftpad"));
        put(sb, "rightpad", env.bodyCom("rightpad"));
        switch (task) {
            case "door-open-v2" -> put(sb, "theta", new double[] {env.jointQpos("doorjoint")});
            case "button-press-topdown-v2" -> put(sb, "o2t_init", new double[] {(double) field(env, "objToTargetInit")});
            case "peg-insert-side-v2" -> {
                put(sb, "site_pegHead", env.sitePos("pegHead"));
                for (String s : new String[] {"bottom_right_corner_collision_box_1", "top_left_corner_collision_box_1",
                    "bottom_right_corner_collision_box_2", "top_left_corner_collision_box_2"}) {
                    put(sb, "site_" + s, env.sitePos(s));
                }
                put(sb, "peg_head_init", (double[]) field(env, "pegHeadPosInit"));
            }
            case "window-open-v2" -> {
                put(sb, "site_handleOpenStart", env.sitePos("handleOpenStart"));
                put(sb, "handle_init", (double[]) field(env, "windowHandlePosInit"));
            }
            case "window-close-v2" -> {
                put(sb, "site_handleCloseStart", env.sitePos("handleCloseStart"));
                put(sb, "handle_init", (double[]) field(env, "windowHandlePosInit"));
            }
            case "button-press-topdown-wall-v2", "button-press-v2", "button-press-wall-v2" ->
                put(sb, "o2t_init", new double[] {(double) field(env, "objToTargetInit")});
            case "coffee-pull-v2", "coffee-push-v2", "handle-pull-side-v2", "handle-pull-v2" ->
                put(sb, "caging", new double[] {step.info().graspReward()});
            case "dial-turn-v2" -> {
                put(sb, "dial", env.bodyCom("dial"));
                put(sb, "theta", new double[] {env.jointQpos("knob_Joint_1")});
                put(sb, "dial_push_init", (double[]) field(env, "dialPushPosition"));
            }
            case "handle-press-side-v2", "handle-press-v2" -> {
                put(sb, "site_handleStart", env.sitePos("handleStart"));
                put(sb, "handle_press_init", (double[]) field(env, "handleInitPos"));
            }
            case "lever-pull-v2" -> {
                put(sb, "theta", new double[] {env.jointQpos("LeverAxis")});
                put(sb, "lever_init", (double[]) field(env, "leverPosInit"));
            }
            case "assembly-v2", "disassemble-v2" -> put(sb, "site_RoundNut", env.sitePos("RoundNut"));
            case "hammer-v2" -> put(sb, "theta", new double[] {env.jointQpos("NailSlideJoint")});
            case "stick-push-v2" -> put(sb, "stick_init", (double[]) field(env, "stickInitPos"));
            case "stick-pull-v2" -> {
                put(sb, "stick_init", (double[]) field(env, "stickInitPos"));
                put(sb, "site_stick_end", env.sitePos("stick_end"));
            }
            case "door-close-v2" -> put(sb, "hand_init", env.handInitPos);
            case "door-unlock-v2" -> put(sb, "lock_link", env.bodyCom("lock_link"));
            case "hand-insert-v2" -> {
                put(sb, "caging", new double[] {step.info().graspReward()});
                put(sb, "touching", new double[] {env.touchingMainObject() ? 1 : 0});
            }
            default -> { }
        }
        if (MT50C_TASKS.contains(task)) {
            // touching_main_object needs the contacts; bin-picking and soccer have no objGeom (never touching)
            boolean hasObjGeom = !task.equals("bin-picking-v2") && !task.equals("soccer-v2");
            put(sb, "touching", new double[] {hasObjGeom && env.touchingMainObject() ? 1 : 0});
            switch (task) {
                case "reach-wall-v2" -> put(sb, "hand_init", env.handInitPos);
                case "bin-picking-v2" -> put(sb, "t2o_init_before", new double[] {t2oBefore});
                default -> { }
            }
        }
        return sb.toString();
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    private static void put(StringBuilder sb, String key, double[] v) {
        sb.append(' ').append(key).append('=');
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", Double.toString(v[i])));
        }
    }
}
