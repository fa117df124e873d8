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
 * evaluate_state/compute_reward read for the seven tasks door-open ... window-close (scripted
 * policy, one clean and one noisy episode each). src/test/python/gen_reward_reference.py runs
 * Meta-World's own reward code on these states and writes the reference that TaskRewardTest
 * checks the Java rewards against.
 *
 * <p>{@code java -cp <test-classes>:<classes> org.d2r.metaworld.RewardTraceTool trace.txt [mt50b]}: with
 * {@code mt50b}, the second MT50 port group's tasks (door-close-v2 ...) instead, same seed and episodes.
 */
public final class RewardTraceTool {
    private RewardTraceTool() {}

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        String[] tasks = {"door-open-v2", "drawer-open-v2", "drawer-close-v2", "button-press-topdown-v2",
            "peg-insert-side-v2", "window-open-v2", "window-close-v2"};
        if (args.length > 1 && args[1].equals("mt50b")) {
            // reward-reference-mt50b.txt.gz: the second MT50 port group's tasks
            tasks = new String[] {"door-close-v2", "door-lock-v2", "door-unlock-v2", "faucet-open-v2",
                "faucet-close-v2", "hand-insert-v2", "box-close-v2", "plate-slide-v2", "plate-slide-side-v2",
                "plate-slide-back-v2", "plate-slide-back-side-v2"};
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
                                out.println(record(task, env, r.obs(), a));
                            }
                        }
                    }
                }
            }
        }
    }

    private static String record(String task, SawyerXYZEnv env, double[] obs, double[] action)
            throws ReflectiveOperationException {
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
            case "door-close-v2" -> put(sb, "hand_init", env.handInitPos);
            case "door-unlock-v2" -> put(sb, "lock_link", env.bodyCom("lock_link"));
            case "hand-insert-v2" -> {
                double[] obj = {obs[4], obs[5], obs[6]};
                java.lang.reflect.Method caging = env.getClass().getDeclaredMethod("cagingReward", double[].class,
                        double[].class);
                caging.setAccessible(true);
                put(sb, "caging", new double[] {(double) caging.invoke(env, action, obj)});
                put(sb, "touching", new double[] {env.touchingMainObject() ? 1 : 0});
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
