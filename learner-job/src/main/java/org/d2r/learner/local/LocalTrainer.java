package org.d2r.learner.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.d2r.learner.TaskFigures;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.core.replay.TaskReplay;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.core.sac.UpdateStats;
import org.d2r.recording.RecordingSink;
import org.d2r.roles.ActingPass;
import org.d2r.roles.EnvironmentLoop;
import org.d2r.roles.Evaluation;
import org.d2r.roles.LoopProgress;
import org.d2r.roles.NetworkActing;
import org.d2r.roles.RecentEpisodes;
import org.d2r.roles.ReplaySink;
import org.d2r.roles.TransitionSink;
import org.d2r.roles.report.EvalCsv;
import org.d2r.roles.report.SuccessPlot;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;

/**
 * Trains one method on Meta-World in this process: one environment per task stepped in lockstep,
 * uniformly random actions for the warm-up, then acting with SampleK at the current tau_T, an
 * in-memory per-task replay, and updates at the plan's replay ratio (one per step of all
 * environments in the paper's setting). Evaluates every {@code evalEvery} steps per task and at the
 * end, and writes metrics.csv, evaluations.csv and success.png into the run folder as it goes.
 */
final class LocalTrainer {
    private static final int OBS = MetaWorldEnv.OBS_DIM;
    private static final int ACT = MetaWorldEnv.ACTION_DIM;
    private static final long PROGRESS_NANOS = 30_000_000_000L;

    private final LocalPlan plan;
    private final Path runDir;
    private final PrintStream out;
    private final int n;
    private final MultiTaskSac sac;
    private final TaskNetwork actingActor;
    private final TaskReplay replay;
    private final TransitionBatch batch;
    private final Rng actRng;
    private final Rng replayRng;
    private final SuccessPlot plot;
    private final List<Evaluation> evaluations = new ArrayList<>();
    private final RecentEpisodes episodes;
    private RecordingSink recorder;

    LocalTrainer(LocalPlan plan, Path runDir, PrintStream out) {
        this.plan = plan;
        this.runDir = runDir;
        this.out = out;
        this.n = plan.taskCount();
        LearnerParts parts = new LearnerParts(plan);
        this.sac = parts.sac;
        this.actingActor = parts.actor.withBatchSize(n);
        this.actRng = parts.actRng;
        this.replayRng = parts.replayRng;
        this.replay = parts.replay;
        this.batch = parts.batch;
        this.plot = new SuccessPlot(plan.preset() + " / " + plan.method().title() + " / seed " + plan.seed(),
                "environment steps (all tasks)", plan.tasks());
        this.episodes = new RecentEpisodes(n);
    }

    /** Also writes every stored transition to {@code r} (the caller closes it). */
    void recordTo(RecordingSink r) {
        this.recorder = r;
    }

    MultiTaskSac sac() {
        return sac;
    }

    List<Evaluation> evaluations() {
        return evaluations;
    }

    /** Runs the whole plan; returns the final evaluation. */
    Evaluation run() throws IOException {
        EnvConfig trainCfg = EnvConfig.paper(plan.goalMode(), plan.seed(), 0).withMaxPathLength(plan.episodeLength());
        // Fixed goals: the evaluation environments must see the training configuration, which the
        // environment draws from its (seed, index) stream at its first reset; Rand: a separate stream.
        EnvConfig evalCfg = evalEnvConfig(plan);
        TransitionSink sink = new ReplaySink(replay, OBS, ACT);
        if (recorder != null) sink = TransitionSink.all(sink, recorder);
        long start = System.nanoTime();
        try (EnvironmentLoop train = new EnvironmentLoop(plan.tasks(), 1, ACT, (task, env, first) -> MetaWorld.make(task, trainCfg),
                     LoopProgress.start(n), sink, episodes);
             EnvironmentLoop eval = EnvironmentLoop.forEvaluation(plan.tasks(), ACT, (task, env, first) -> MetaWorld.make(task, evalCfg));
             UpdateMetrics metrics = new UpdateMetrics(runDir.resolve("metrics.csv"), plan.tasks())) {
            EvalCsv evalCsv = new EvalCsv(runDir.resolve(EvalCsv.FILE));
            // the learner's own actor (shared parameters, tau_T as it is now): no snapshot per step in one process
            ActingPass exploring = NetworkActing.exploring(actingActor, plan.method().routed(), plan.sac().sampleKWhenActing(),
                    sac::taskTemperatures, sac::updateCount, actRng);
            ActingPass evaluating = NetworkActing.deterministic(sac.actor().withBatchSize(n), sac::updateCount);
            double credit = 0;
            long warmup = plan.sac().warmupStepsPerTask();
            long lastProgress = System.nanoTime();
            Evaluation last = null;
            for (long step = 1; step <= plan.stepsPerTask(); step++) {
                boolean warm = step <= warmup;
                // local training's warm-up draws come from the acting stream, after the acting pass
                train.explore(exploring, warmup, actRng);
                if (!warm && replay.total() >= plan.sac().minTransitions()) {
                    credit += plan.sac().updatesPerEnvStep();
                    while (credit >= 1) {
                        credit -= 1;
                        replay.sample(batch, plan.sac().batchPerTask(), replayRng);
                        long t0 = System.nanoTime();
                        UpdateStats s = sac.update(batch);
                        metrics.add(s, (System.nanoTime() - t0) / 1e9);
                        if (metrics.pending() >= plan.metricsEvery()) {
                            metrics.flush(step, step * n, sac.updateCount());
                        }
                    }
                }
                boolean evalNow = step % plan.evalEvery() == 0 || step == plan.stepsPerTask();
                // the last policy over the paper's final episodes; on the way, the periodic evaluation's
                int episodesNow = step == plan.stepsPerTask() ? plan.finalEpisodes() : plan.evalEpisodes();
                if (evalNow) {
                    metrics.flush(step, step * n, sac.updateCount());
                    last = eval.evaluate(evaluating, episodesNow, () -> true, null);
                    evaluations.add(last);
                    // the pipeline's evaluations.csv: no snapshots here, so the version is the update count
                    for (int t = 0; t < n; t++) {
                        evalCsv.append(sac.updateCount(), sac.updateCount(), step, plan.tasks().get(t), last.successRate()[t],
                                last.meanReturn()[t], episodesNow);
                    }
                    plot.add(step * n, last.successRate());
                    plot.write(runDir.resolve("success.png"));
                }
                if (evalNow || System.nanoTime() - lastProgress > PROGRESS_NANOS) {
                    progress(step, start, evalNow ? last : null, episodesNow);
                    lastProgress = System.nanoTime();
                }
            }
            return last;
        }
    }

    /**
     * The evaluation environments of a local or offline run: with fixed goals those of training (env index 0),
     * whose one configuration they must see; with random goals a separate stream (index 1).
     */
    static EnvConfig evalEnvConfig(LocalPlan plan) {
        return EnvConfig.paper(plan.goalMode(), plan.seed(), 0).withMaxPathLength(plan.episodeLength())
                .withEnvIndex(plan.goalMode() == GoalMode.FIXED ? 0 : 1);
    }

    private void progress(long step, long start, Evaluation eval, int evalEpisodes) {
        double wall = (System.nanoTime() - start) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "[%6.0fs] step %d/%d per task (%d env steps), %d updates%s",
                wall, step, plan.stepsPerTask(), step * n, sac.updateCount(),
                step <= plan.sac().warmupStepsPerTask() ? " (warm-up)" : ""));
        sb.append(" | train success ").append(TaskFigures.success(plan.tasks(), episodes.successRates()));
        sb.append(" | alpha ").append(TaskFigures.alpha(sac.logAlphaValues()));
        if (eval != null) {
            sb.append(String.format(Locale.ROOT, "%n         eval (TopK, tanh(mean), %d episodes/task): mean success %.3f |",
                    evalEpisodes, eval.meanSuccess()));
            sb.append(' ').append(TaskFigures.success(plan.tasks(), eval.successRate()));
        }
        out.println(sb);
        out.flush();
    }

}
