package org.d2r.learner.local;

import java.util.List;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.metaworld.GoalMode;

/**
 * Everything one local training run does, resolved from a preset and the command line
 * ({@link LearnerOptions#plan}); written to the run folder as config.json.
 *
 * @param preset          configuration name (preset plus ablations)
 * @param method          network (D2R or a baseline)
 * @param tasks           Meta-World task names; task id = position in this list
 * @param goalMode        FIXED (MT10-Fixed) or RAND (MT10-Rand)
 * @param seed            seed of networks, exploration, replay sampling and environments
 * @param episodeLength   steps per episode (200 in the paper; a truncation, never a terminal)
 * @param stepsPerTask    environment steps per task, warm-up included
 * @param evalEvery       environment steps per task between evaluations
 * @param evalEpisodes    episodes per task at each evaluation (TopK routing, tanh(mean) actions)
 * @param finalEpisodes   episodes per task of the evaluation at the end of the budget (the paper's 100)
 * @param replayPerTask   transitions kept per task (oldest dropped first)
 * @param network         D2R's network (the baselines use the paper's sizes)
 * @param sac             the update, warm-up and replay ratio
 */
record LocalPlan(String preset, Method method, List<String> tasks, GoalMode goalMode, long seed, int episodeLength,
        long stepsPerTask, long evalEvery, int evalEpisodes, int finalEpisodes, int replayPerTask,
        D2rNetConfig network, SacConfig sac) {

    LocalPlan { // only LearnerOptions.plan makes one, after its checks of every value
        tasks = List.copyOf(tasks);
    }

    int taskCount() {
        return tasks.size();
    }
}
