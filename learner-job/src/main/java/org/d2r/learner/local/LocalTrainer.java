package org.d2r.learner.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.d2r.learner.TaskFigures;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.recording.RecordingSink;
import org.d2r.roles.ActingPass;
import org.d2r.roles.EnvironmentLoop;
import org.d2r.roles.Evaluation;
import org.d2r.roles.LoopProgress;
import org.d2r.roles.NetworkActing;
import org.d2r.roles.PolicyPublisher;
import org.d2r.roles.RecentEpisodes;
import org.d2r.roles.ReplaySink;
import org.d2r.roles.RunFiles;
import org.d2r.roles.TransitionSink;
import org.d2r.roles.learner.LearnerLoop;
import org.d2r.roles.learner.MetricsSink;
import org.d2r.roles.learner.ReplayBatchSource;
import org.d2r.roles.report.EvalCsv;
import org.d2r.roles.report.SuccessCurve;
import org.d2r.roles.report.SuccessPlot;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.MetaWorld;

/**
 * Trains one method on Meta-World in this process: the environment loop steps one environment per task
 * in lockstep (uniformly random actions for the warm-up, then SampleK at the current tau_T) into an
 * in-memory per-task replay, and the learner loop is stepped at the plan's replay ratio (one update per
 * step of all environments in the paper's setting). Evaluates every {@code evalEvery} steps per task
 * and at the end, and writes metrics.csv, checkpoints/, evaluations.csv and success.png into the run
 * folder as it goes.
 *
 * <p>Opened on a folder with checkpoints it resumes from the newest intact one: the policy, optimizers
 * and counters come back, the in-memory replay does not (it is not checkpointed: at the paper's size a
 * million transitions). The resumed run steps on from the checkpoint's environment step, acting with the
 * restored policy, and updates again once the replay holds the preset's minimum again, up to the budget.
 */
final class LocalTrainer {
    private static final long PROGRESS_NANOS = 30_000_000_000L;

    static final int DEFAULT_CHECKPOINT_EVERY = 1000;

    private final LocalPlan plan;
    private final Path runDir;
    private final PrintStream out;
    private final int n;
    final MultiTaskSac sac;
    private final LearnerParts parts;
    private final ReplayBatchSource source;
    private final int checkpointEvery;
    private final SuccessPlot plot;
    private final RecentEpisodes episodes;

    LocalTrainer(LocalPlan plan, Path runDir, PrintStream out, int checkpointEvery) {
        this.plan = plan;
        this.checkpointEvery = checkpointEvery;
        this.runDir = runDir;
        this.out = out;
        this.n = plan.taskCount();
        this.parts = LearnerParts.of(plan, plan.sac());
        this.sac = parts.sac();
        this.source = new ReplayBatchSource(parts.replay(), plan.sac(), parts.replayRng());
        this.plot = new SuccessPlot(plan.preset() + " / " + plan.method().title() + " / seed " + plan.seed(),
                "environment steps (all tasks)", plan.tasks());
        this.episodes = new RecentEpisodes(n);
    }

    /** Runs the whole plan; returns the final evaluation. {@code recorder} (null: none) gets every stored transition too. */
    Evaluation run(RecordingSink recorder) throws IOException {
        EnvConfig trainCfg = EnvConfig.paper(plan.goalMode(), plan.seed(), 0).withMaxPathLength(plan.episodeLength());
        EnvConfig evalCfg = Evaluation.environments(plan.goalMode(), plan.seed(), plan.episodeLength());
        TransitionSink sink = new ReplaySink(parts.replay(), LearnerParts.OBS, LearnerParts.ACT);
        if (recorder != null) sink = TransitionSink.all(sink, recorder);
        long start = System.nanoTime();
        try (LearnerLoop loop = new LearnerLoop(sac, plan.method(), plan.network(), parts.batch(), source,
                PolicyPublisher.NONE, MetricsSink.NONE, new LearnerLoop.Settings(runDir, "local-", plan.tasks(),
                        checkpointEvery, checkpointEvery))) {
            // the environment steps per task the loop's checkpoint stood at, 0 for a fresh run
            long firstStep = (loop.resumed().isPresent() ? source.envStepsPerTask() : 0) + 1;
            EvalCsv evalCsv = new EvalCsv(runDir.resolve(EvalCsv.FILE));
            if (firstStep > 1) {
                // updates still due at the checkpoint are earned again once the replay is refilled
                source.dropDue();
                // evaluations after the checkpoint's step are run again; the earlier ones stay on the plot
                RunFiles.cutAfter(runDir.resolve(EvalCsv.FILE), 2, firstStep - 1);
                for (SuccessCurve.Point p : evalCsv.completed(plan.tasks())) plot.add(p.envStepsPerTask() * n, p.success());
                out.printf(Locale.ROOT, "resuming from %s: %d updates at %d env steps per task; refilling the replay by"
                        + " acting with the restored policy before the next update%n",
                        loop.resumed().get().file().getFileName(), sac.updateCount(), firstStep - 1);
            }
            LoopProgress from = firstStep > 1 ? new LoopProgress(firstStep - 1, new long[n]) : LoopProgress.start(n);
            try (EnvironmentLoop train = new EnvironmentLoop(plan.tasks(), 1, (task, env, first) -> MetaWorld.make(task, trainCfg),
                         from, sink, episodes);
                 EnvironmentLoop eval = EnvironmentLoop.forEvaluation(plan.tasks(), (task, env, first) -> MetaWorld.make(task, evalCfg))) {
                // the learner's own actor (shared parameters, tau_T as it is now): no snapshot per step in one process
                ActingPass exploring = NetworkActing.exploring(sac.actor().withBatchSize(n), plan.method().routed(), plan.sac().sampleKWhenActing(),
                        sac::taskTemperatures, sac::updateCount, parts.actRng());
                ActingPass evaluating = NetworkActing.deterministic(sac.actor().withBatchSize(n), sac::updateCount);
                long warmup = plan.sac().warmupStepsPerTask();
                long lastProgress = System.nanoTime();
                Evaluation last = null;
                for (long step = firstStep; step <= plan.stepsPerTask(); step++) {
                    // local training's warm-up draws come from the acting stream, after the acting pass
                    train.explore(exploring, warmup, parts.actRng());
                    // the replay ratio's updates for this step (none in the warm-up or below the replay's minimum)
                    source.afterEnvStep();
                    while (loop.step(Duration.ZERO)) {
                        // one update per batch the source has due
                    }
                    boolean evalNow = step % plan.evalEvery() == 0 || step == plan.stepsPerTask();
                    // the last policy over the paper's final episodes; on the way, the periodic evaluation's
                    int episodesNow = step == plan.stepsPerTask() ? plan.finalEpisodes() : plan.evalEpisodes();
                    if (evalNow) {
                        last = eval.evaluate(evaluating, episodesNow, () -> true, null);
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
                loop.finish();
                return last;
            }
        }
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
