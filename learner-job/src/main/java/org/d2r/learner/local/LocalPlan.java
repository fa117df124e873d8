package org.d2r.learner.local;

import java.util.List;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.Mt10;

/**
 * Everything one local training run does, resolved from a preset and the command line; written to
 * the run folder as config.json.
 *
 * @param preset          preset name
 * @param method          network (D2R or a baseline)
 * @param tasks           Meta-World task names; task id = position in this list
 * @param goalMode        FIXED (MT10-Fixed) or RAND (MT10-Rand)
 * @param seed            seed of networks, exploration, replay sampling and environments
 * @param episodeLength   steps per episode (200 in the paper; a truncation, never a terminal)
 * @param stepsPerTask    environment steps per task, warm-up included
 * @param evalEvery       environment steps per task between evaluations
 * @param evalEpisodes    episodes per task at each evaluation (TopK routing, tanh(mean) actions)
 * @param replayPerTask   transitions kept per task (oldest dropped first)
 * @param metricsEvery    updates averaged into one metrics.csv row
 * @param network         D2R's network (the baselines use the paper's sizes)
 * @param sac             the update, warm-up and replay ratio
 */
record LocalPlan(String preset, Method method, List<String> tasks, GoalMode goalMode, long seed, int episodeLength,
        long stepsPerTask, long evalEvery, int evalEpisodes, int replayPerTask, int metricsEvery,
        D2rNetConfig network, SacConfig sac) {

    static final List<String> PRESETS = List.of("smoke", "mt10-rand", "mt10-fixed");

    LocalPlan {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) throw new IllegalArgumentException("a run needs at least one task");
        if (sac.tasks() != tasks.size()) {
            throw new IllegalArgumentException("SAC config is for " + sac.tasks() + " tasks, the run has " + tasks.size());
        }
        if (stepsPerTask < 1 || evalEvery < 1 || evalEpisodes < 1 || episodeLength < 1 || replayPerTask < 1) {
            throw new IllegalArgumentException("steps, evaluation interval and episodes, episode length and replay size must be positive");
        }
        if (replayPerTask < sac.batchPerTask()) {
            throw new IllegalArgumentException("replay of " + replayPerTask + " per task cannot fill a batch of "
                    + sac.batchPerTask() + " per task");
        }
    }

    /**
     * The presets:
     * <ul>
     *   <li>mt10-rand / mt10-fixed: the paper's MT10 setting (section 6): 1.5M steps per task, 4,000
     *       warm-up steps per task, batch 128 per task, one update per step of all environments,
     *       replay 1e6 in all, evaluation every 10K steps per task with 32 episodes;</li>
     *   <li>smoke: reach-v2 and push-v2 with fixed goals and a narrower D2R (8 modules of 64) at batch
     *       64 per task, 30K steps per task, 1,000 warm-up steps per task, evaluation every 2,500
     *       steps with 10 episodes: minutes to an hour on a laptop-class CPU, enough for reach to
     *       learn.</li>
     * </ul>
     */
    static LocalPlan resolve(LocalTrainOptions o) throws LocalTrainOptions.UsageException {
        Method method;
        try {
            method = Method.parse(o.method());
        } catch (IllegalArgumentException e) {
            throw new LocalTrainOptions.UsageException(e.getMessage());
        }
        List<String> tasks;
        GoalMode mode;
        D2rNetConfig net;
        long steps;
        long evalEvery;
        int evalEpisodes;
        int replayTotal;
        int batchPerTask;
        int warmup;
        int metricsEvery;
        switch (o.preset()) {
            case "smoke" -> {
                tasks = List.of("reach-v2", "push-v2");
                mode = GoalMode.FIXED;
                net = new D2rNetConfig(8, 2, true, 64, new int[] {128, 128}, 128, new int[] {128}, true, true);
                steps = 30_000;
                evalEvery = 2_500;
                evalEpisodes = 10;
                replayTotal = 200_000;
                batchPerTask = 64;
                warmup = 1_000;
                metricsEvery = 100;
            }
            case "mt10-rand", "mt10-fixed" -> {
                tasks = Mt10.TASKS;
                mode = o.preset().equals("mt10-rand") ? GoalMode.RAND : GoalMode.FIXED;
                net = D2rNetConfig.paper();
                steps = 1_500_000;
                evalEvery = 10_000;
                evalEpisodes = 32;
                replayTotal = 1_000_000;
                batchPerTask = 128;
                warmup = 4_000;
                metricsEvery = 200;
            }
            default -> throw new LocalTrainOptions.UsageException("unknown --preset '" + o.preset() + "': use one of "
                    + String.join(", ", PRESETS));
        }
        if (o.tasks() != null) {
            for (String t : o.tasks()) {
                if (!MetaWorld.taskNames().contains(t)) {
                    throw new LocalTrainOptions.UsageException("unknown task '" + t + "' in --tasks. Valid tasks: "
                            + String.join(", ", MetaWorld.taskNames()));
                }
                if (!MetaWorld.isImplemented(t)) {
                    throw new LocalTrainOptions.UsageException("task '" + t + "' is not built into this installation yet");
                }
            }
            // the replay budget is per task, so a different task count keeps each task's share
            replayTotal = replayTotal / tasks.size() * o.tasks().size();
            tasks = o.tasks();
        }
        if (o.steps() != null) steps = o.steps();
        if (o.evalEvery() != null) evalEvery = o.evalEvery();
        if (o.evalEpisodes() != null) evalEpisodes = o.evalEpisodes();
        // short runs: keep the warm-up at most a fifth of the run so that learning still happens
        warmup = (int) Math.min(warmup, Math.max(1, steps / 5));
        int n = tasks.size();
        SacConfig sac = SacConfig.paper(n, MetaWorldEnv.ACTION_DIM).withBatchPerTask(batchPerTask)
                .withWarmup(warmup, Math.min(1_000, warmup * n));
        if (method == Method.MTSAC || method == Method.MHSAC) {
            // Soft Modularization's MT-SAC and MH-SAC configurations (the paper's baseline source) do
            // not reweight tasks by alpha; its own SM configurations ("reweight") do, as D2R does.
            sac = withoutTaskReweight(sac);
        }
        return new LocalPlan(o.preset(), method, tasks, mode, o.seed(), 200, steps, evalEvery, evalEpisodes,
                Math.max(batchPerTask, replayTotal / n), metricsEvery, net, sac);
    }

    private static SacConfig withoutTaskReweight(SacConfig c) {
        return new SacConfig(c.tasks(), c.batchPerTask(), c.discount(), c.rewardScale(), c.polyak(), c.actorLr(),
                c.criticLr(), c.alphaLr(), c.targetEntropy(), c.maxLogAlpha(), c.gradClip(), c.taskLossThreshold(),
                c.maskExtremeTasks(), false, c.routeBalancing(), c.storedPaths(), c.sampleKWhenActing(),
                c.warmupStepsPerTask(), c.minTransitions(), c.updatesPerEnvStep());
    }

    int taskCount() {
        return tasks.size();
    }
}
