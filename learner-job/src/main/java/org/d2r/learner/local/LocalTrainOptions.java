package org.d2r.learner.local;

import java.nio.file.Path;
import java.util.List;
import org.d2r.cli.Cli;
import org.d2r.core.baselines.Method;

/**
 * The learner options of {@code bin/d2r train --local} (and {@code train-offline}), parsed and checked. Optional values are null
 * when not given, so the preset's own value applies.
 *
 * @param preset   preset name (smoke, mt10-rand, mt10-fixed)
 * @param tasks    Meta-World task names to train on instead of the preset's, or null
 * @param method   network: d2r or one of the baselines
 * @param seed     seed of networks, replay sampling, exploration and environments
 * @param runDir   run folder, or null for runs/&lt;preset&gt;-&lt;timestamp&gt;
 * @param steps    environment steps per task (warm-up included), or null for the preset's budget
 * @param evalEvery environment steps per task between evaluations, or null for the preset's
 * @param evalEpisodes episodes per task at each evaluation, or null for the preset's
 * @param finalEpisodes episodes per task of the evaluation at the end of the budget, or null for the
 *                      paper's 100 (smoke: its evaluation episodes)
 * @param batchPerTask rows per task in one update, or null for the preset's
 * @param ablations   section-7 ablations (LearnerConfig names) applied to the preset, in order
 * @param goals       "fixed" or "rand" goal configurations instead of the preset's, or null
 * @param alphaLr     Adam learning rate of log alpha instead of the preset's (paper 1e-4), or null
 * @param rewardScale reward multiplier in the TD target instead of the preset's (paper 0.1), or null
 */
record LocalTrainOptions(String preset, List<String> tasks, String method, long seed, Path runDir,
        Long steps, Long evalEvery, Integer evalEpisodes, Integer finalEpisodes, Integer batchPerTask, List<String> ablations,
        String goals, Double alphaLr, Double rewardScale) {

    /** Every method trains locally: all are built the pipeline's way ({@code LearnerNetworks}). */
    static final List<String> METHODS = java.util.Arrays.stream(Method.values()).map(Method::cliName).toList();

    LocalTrainOptions {
        tasks = tasks == null ? null : List.copyOf(tasks);
        ablations = ablations == null ? List.of() : List.copyOf(ablations);
    }

    /** Parses the arguments after {@code train} ({@code --local} itself is accepted and ignored), for tests. */
    static LocalTrainOptions parse(String[] args) {
        return Cli.parse(new LocalTrainCommand(), args).options();
    }
}
