package org.d2r.metaworld.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepResult;
import org.d2r.metaworld.policies.ScriptedPolicy;

/**
 * Runs a scripted policy for a number of episodes, the way Meta-World's
 * test_scripted_policies.py does: the policy's raw action plus Gaussian noise with standard
 * deviation {@code actionNoise} times the action range (high - low = 2 in every dimension),
 * not clipped here (the environment clips xyz to [-1, 1], MuJoCo clamps the gripper control);
 * an episode succeeds when {@code success} is 1 at any step.
 *
 * <p>Each episode draws its noise from its own stream, derived from the seed, the task and the
 * episode index. So stopping an episode at its first success changes no later episode's noise,
 * and (the goals come from the environment's own stream, one draw per reset) the success of
 * every episode is the same with or without stopping; only returns then cover fewer steps.
 */
public final class ScriptedRunner {
    static final double ACTION_RANGE = 2.0;

    private final double actionNoise;
    private final long seed;
    private final boolean stopAtSuccess;

    /** {@code stopAtSuccess} ends an episode at its first success, as Meta-World's test does. */
    public ScriptedRunner(double actionNoise, long seed, boolean stopAtSuccess) {
        if (!(actionNoise >= 0) || Double.isInfinite(actionNoise)) {
            throw new IllegalArgumentException("action noise must be a finite number >= 0 (a fraction of the"
                    + " action range, e.g. 0.1), got " + actionNoise);
        }
        this.actionNoise = actionNoise;
        this.seed = seed;
        this.stopAtSuccess = stopAtSuccess;
    }

    /**
     * Runs {@code episodes} episodes of at most the environment's episode limit each; {@code afterEpisode}
     * is called with the number of episodes finished so far (for progress).
     */
    public TaskReport run(MetaWorldEnv env, ScriptedPolicy policy, int episodes, IntConsumer afterEpisode) {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
        if (!policy.task().equals(env.taskName())) {
            throw new IllegalArgumentException("policy for " + policy.task() + " given environment "
                    + env.taskName());
        }
        long t0 = System.nanoTime();
        List<EpisodeOutcome> outcomes = new ArrayList<>(episodes);
        for (int e = 0; e < episodes; e++) {
            outcomes.add(episode(env, policy, noiseStream(env.taskName(), e)));
            afterEpisode.accept(e + 1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new TaskReport(env.taskName(), env.config().goalMode(), env.config().maxPathLength(), actionNoise,
                seed, stopAtSuccess, outcomes, outcomes.stream().mapToLong(EpisodeOutcome::steps).sum(), seconds);
    }

    EpisodeOutcome episode(MetaWorldEnv env, ScriptedPolicy policy, SplittableRandom noise) {
        double[] obs = env.reset();
        double ret = 0;
        int firstSuccess = 0;
        int t = 0;
        while (t < env.config().maxPathLength()) {
            double[] action = policy.action(obs);
            addNoise(action, noise);
            StepResult r = env.step(action);
            t++;
            ret += r.reward();
            if (firstSuccess == 0 && r.info().isSuccess()) {
                firstSuccess = t;
                if (stopAtSuccess) {
                    break;
                }
            }
            obs = r.obs();
        }
        return new EpisodeOutcome(firstSuccess > 0, firstSuccess, ret, t);
    }

    /** numpy's {@code np.random.normal(a, pct * ptp)}: independent N(a_i, (pct * 2)^2) per entry. */
    void addNoise(double[] action, SplittableRandom noise) {
        if (actionNoise == 0) {
            return;
        }
        double sd = actionNoise * ACTION_RANGE;
        for (int i = 0; i < action.length; i++) {
            action[i] += sd * noise.nextGaussian();
        }
    }

    SplittableRandom noiseStream(String task, int episode) {
        // Mixing through SplittableRandom's own seeding keeps nearby seeds/episodes uncorrelated.
        long s = new SplittableRandom(seed).nextLong() ^ (31L * task.hashCode());
        return new SplittableRandom(new SplittableRandom(s + episode).nextLong());
    }
}
