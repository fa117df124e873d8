package org.d2r.metaworld;

import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.SplittableRandom;
import org.d2r.metaworld.policies.ScriptedPolicies;
import org.d2r.metaworld.policies.ScriptedPolicy;

/**
 * Development tool, not a test: records every step of reach, push and pick-place under the
 * scripted policies (one clean, one noisy episode each) with the state Meta-World's
 * evaluate_state reads. src/test/python/gen_rpp_reward_reference.py runs Meta-World's own reward
 * code on it; ReachPushPickPlaceRewardTest replays the recorded actions and compares.
 *
 * <p>{@code java -cp <test-classes>:<classes> org.d2r.metaworld.RppRewardTraceTool trace.txt}
 */
public final class RppRewardTraceTool {

    static final String[] TASKS = {"reach-v2", "push-v2", "pick-place-v2"};
    static final long SEED = 21;
    static final int EPISODES = 2;
    static final int STEPS = 150;

    private RppRewardTraceTool() {}

    public static void main(String[] args) throws IOException {
        try (PrintWriter out = new PrintWriter(new FileWriter(args[0]))) {
            for (String task : TASKS) {
                try (SawyerXYZEnv env = (SawyerXYZEnv) MetaWorld.make(task, EnvConfig.paper(GoalMode.RAND, SEED, 0))) {
                    ScriptedPolicy p = ScriptedPolicies.forTask(task);
                    SplittableRandom rng = new SplittableRandom(5);
                    for (int e = 0; e < EPISODES; e++) {
                        double[] o = env.reset();
                        for (int t = 0; t < STEPS; t++) {
                            double[] a = p.action(o);
                            for (int k = 0; k < 4 && e == 1; k++) {
                                a[k] += 0.3 * rng.nextGaussian();
                            }
                            StepResult r = env.step(a);
                            o = r.obs();
                            out.println(record(task, e, t, env, r.obs(), a));
                        }
                    }
                }
            }
        }
    }

    private static String record(String task, int episode, int t, SawyerXYZEnv env, double[] obs, double[] action) {
        StringBuilder sb = new StringBuilder(task);
        sb.append(' ').append("ep=").append(episode).append(" t=").append(t);
        put(sb, "obs", obs);
        put(sb, "action", action);
        put(sb, "tcp", env.tcpCenter());
        put(sb, "init_tcp", env.initTcp);
        put(sb, "target", env.targetPos);
        put(sb, "obj_init", env.objInitPos);
        put(sb, "hand_init", env.handInitPos);
        put(sb, "leftpad", env.bodyCom("leftpad"));
        put(sb, "rightpad", env.bodyCom("rightpad"));
        put(sb, "touching", new double[] {env.touchingMainObject() ? 1 : 0});
        return sb.toString();
    }

    private static void put(StringBuilder sb, String key, double[] v) {
        sb.append(' ').append(key).append('=');
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(Double.toString(v[i]));
        }
    }
}
