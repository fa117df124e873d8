package org.d2r.learner.local;

import java.util.List;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;

/**
 * Everything one local training run does, resolved from a preset and the command line; written to
 * the run folder as config.json.
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

    /** The presets the local trainer runs (MT50's task list is not built into this installation). */
    static final List<String> PRESETS = LearnerConfig.PRESETS;

    LocalPlan {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) throw new IllegalArgumentException("a run needs at least one task");
        if (sac.tasks() != tasks.size()) {
            throw new IllegalArgumentException("SAC config is for " + sac.tasks() + " tasks, the run has " + tasks.size());
        }
        if (stepsPerTask < 1 || evalEvery < 1 || evalEpisodes < 1 || finalEpisodes < 1 || episodeLength < 1 || replayPerTask < 1) {
            throw new IllegalArgumentException("steps, evaluation interval and episodes, final episodes, episode length and replay size must be positive");
        }
    }

    /**
     * Starts from the project's named configuration ({@link LearnerConfig#preset}: the paper's MT10
     * setting for mt10-rand / mt10-fixed, a tiny D2R on MT10 for smoke), applies the ablations, then
     * the command line: tasks (task ids follow their order), budget, evaluation, batch. The replay
     * keeps 1e6 / 10 transitions per task as in the paper's MT10 runs. A short run's warm-up is capped
     * at a fifth of its steps so that learning still happens.
     *
     * @throws IllegalArgumentException naming the bad option (a usage error to the commands)
     */
    static LocalPlan resolve(LocalTrainOptions o) {
        Method method = Method.parse(o.method());
        if (!PRESETS.contains(o.preset())) {
            throw new IllegalArgumentException("unknown --preset '" + o.preset() + "': use one of " + String.join(", ", PRESETS));
        }
        LearnerConfig base = LearnerConfig.preset(o.preset());
        for (String a : o.ablations()) base = base.withAblation(a);
        // the preset's benchmark (MT10 or MT50) unless --tasks names one or a list
        List<String> tasks;
        try {
            tasks = MetaWorld.parseTaskList(o.tasks() != null ? String.join(",", o.tasks()) : base.benchmark());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tasks: " + e.getMessage(), e);
        }
        for (String t : tasks) {
            if (!MetaWorld.isImplemented(t)) {
                throw new IllegalArgumentException("task '" + t + "' is not built into this installation yet");
            }
        }
        int n = tasks.size();
        long steps = o.steps() != null ? o.steps() : base.stepsPerTask();
        long evalEvery = o.evalEvery() != null ? o.evalEvery() : base.evalEverySteps();
        int evalEpisodes = o.evalEpisodes() != null ? o.evalEpisodes() : base.evalEpisodes();
        int finalEpisodes = o.finalEpisodes() != null ? o.finalEpisodes()
                : o.preset().equals("smoke") ? evalEpisodes : PAPER_FINAL_EPISODES;
        SacConfig p = method.update(base.sac(), base.paperPreset());
        int batchPerTask = o.batchPerTask() != null ? o.batchPerTask() : p.batchPerTask();
        int warmup = (int) Math.min(p.warmupStepsPerTask(), Math.max(1, steps / 5));
        int minTransitions = (int) Math.min(p.minTransitions(), (long) warmup * n);
        double rewardScale = o.rewardScale() != null ? o.rewardScale() : p.rewardScale();
        double alphaLr = o.alphaLr() != null ? o.alphaLr() : p.alphaLr();
        SacConfig sac = p.toBuilder().tasks(n).batchPerTask(batchPerTask).rewardScale(rewardScale).alphaLr(alphaLr)
                .warmup(warmup, minTransitions).build();
        boolean fixed = o.goals() != null ? o.goals().equals("fixed") : base.fixedGoals();
        return new LocalPlan(base.name(), method, tasks, fixed ? GoalMode.FIXED : GoalMode.RAND, o.seed(),
                base.episodeSteps(), steps, evalEvery, evalEpisodes, finalEpisodes, REPLAY_PER_TASK, base.net(), sac);
    }

    /** d2r.md, "Evaluation (paper)": the final policy over 100 episodes per task. */
    static final int PAPER_FINAL_EPISODES = 100;

    /** The paper's MT10 replay: 1e6 transitions over 10 tasks. */
    static final int REPLAY_PER_TASK = 100_000;

    int taskCount() {
        return tasks.size();
    }
}
