package org.d2r.metaworld;

import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.Locale;
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
 * ... lever-pull-v2} (mt50a) or {@code assembly-v2 basketball-v2 disassemble-v2 hammer-v2 peg-unplug-side-v2
 * stick-push-v2 stick-pull-v2} (mt50d).
 *
 * <p>For the tasks whose grasp reward is the base class's caging reward (coffee-pull, coffee-push,
 * handle-pull, handle-pull-side) the trace holds the Java caging value of the step as
 * {@code caging}; Meta-World's reward code computes its own from the recorded pads and centre.
 * The tasks whose reward takes its caging term from {@code tasks/CagingReward} (assembly ... stick-pull)
 * need no such value: TaskRewardTest recomputes it from the recorded pads.
 */
public final class RewardTraceTool {
    private RewardTraceTool() {}

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        String[] tasks = {"door-open-v2", "drawer-open-v2", "drawer-close-v2", "button-press-topdown-v2",
            "peg-insert-side-v2", "window-open-v2", "window-close-v2"};
        if (args.length > 1) {
            tasks = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        try (PrintWriter out = new PrintWriter(new FileWriter(args[0]))) {
            for (String task : tasks) {
                try (SawyerXYZEnv env = (SawyerXYZEnv) MetaWorld.make(task, EnvConfig.paper(GoalMode.RAND, 9, 0))) {
                    ScriptedPolicy p = ScriptedPolicies.forTask(task);
                    SplittableRandom rng = new SplittableRandom(5);
                    for (int e = 0; e < 2; e++) {
                        double[] o = env.reset();
                        for (int t = 0; t < 150; t++) {
                            double[] a = p.action(o);
                            for (int k = 0; k < 4 && e == 1; k++) {
                                a[k] += 0.2 * rng.nextGaussian();
                            }
                            StepResult r = env.step(a);
                            o = r.obs();
                            if (t % 3 == 0) {
                                out.println(record(task, env, r, a));
                            }
                        }
                    }
                }
            }
        }
    }

    private static String record(String task, SawyerXYZEnv env, StepResult step, double[] action)
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
            default -> { }
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
