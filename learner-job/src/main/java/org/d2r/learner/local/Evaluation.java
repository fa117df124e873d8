package org.d2r.learner.local;

import org.d2r.core.model.Routing;
import org.d2r.core.model.TanhGaussian;
import org.d2r.core.model.TaskNetwork;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's evaluation (section 6): episodes per task with deterministic TopK routing and the
 * tanh of the mean action; an episode succeeds if Meta-World's success flag is 1 at any step.
 * Returns are Meta-World's unscaled rewards summed over the episode.
 */
final class Evaluation {

    /** Per task: success rate and mean episode return. */
    record Result(double[] successRate, double[] meanReturn) {
        double meanSuccess() {
            double s = 0;
            for (double v : successRate) s += v;
            return s / successRate.length;
        }
    }

    private final TaskNetwork actor;
    private final TaskEnvs envs;
    private final int episodeLength;
    private final INDArray obs;
    private final TanhGaussian head;

    /** @param actor an actor with one row per task (it may share parameters with the learner's) */
    Evaluation(TaskNetwork actor, TaskEnvs envs, int episodeLength) {
        if (actor.batchSize() != envs.size()) {
            throw new IllegalArgumentException("evaluation actor has " + actor.batchSize() + " rows for " + envs.size() + " tasks");
        }
        this.actor = actor;
        this.envs = envs;
        this.episodeLength = episodeLength;
        this.obs = Nd4j.zeros(actor.dataType(), envs.size(), MetaWorldEnv.OBS_DIM);
        this.head = new TanhGaussian(envs.size(), MetaWorldEnv.ACTION_DIM);
    }

    Result run(int episodes) {
        int n = envs.size();
        int[] taskIds = new int[n];
        for (int t = 0; t < n; t++) taskIds[t] = t;
        double[] successes = new double[n];
        double[] returns = new double[n];
        double[] action = new double[MetaWorldEnv.ACTION_DIM];
        for (int e = 0; e < episodes; e++) {
            envs.resetAll();
            boolean[] success = new boolean[n];
            for (int s = 0; s < episodeLength; s++) {
                envs.fillObs(obs);
                head.mode(actor.forward(obs, taskIds, Routing.topK()));
                double[] a = head.actions();
                for (int t = 0; t < n; t++) {
                    System.arraycopy(a, t * action.length, action, 0, action.length);
                    StepResult r = envs.step(t, action);
                    returns[t] += r.reward();
                    success[t] |= r.info().isSuccess();
                }
            }
            for (int t = 0; t < n; t++) successes[t] += success[t] ? 1 : 0;
        }
        for (int t = 0; t < n; t++) {
            successes[t] /= episodes;
            returns[t] /= episodes;
        }
        return new Result(successes, returns);
    }
}
