package org.d2r.learner.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.d2r.learner.TaskFigures;
import org.d2r.core.model.Routing;
import org.d2r.core.model.TanhGaussian;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.core.replay.TaskReplay;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.core.sac.UpdateStats;
import org.d2r.roles.report.SuccessPlot;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one method on Meta-World in this process: one environment per task stepped in lockstep,
 * uniformly random actions for the warm-up, then acting with SampleK at the current tau_T, an
 * in-memory per-task replay, and updates at the plan's replay ratio (one per step of all
 * environments in the paper's setting). Evaluates every {@code evalEvery} steps per task and at the
 * end, and writes metrics.csv, eval.csv and success.png into the run folder as it goes.
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
    private final List<Evaluation.Result> evaluations = new ArrayList<>();
    private final TrainingEpisodes episodes;
    private TransitionRecorder recorder;

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
        this.episodes = new TrainingEpisodes(n);
    }

    /** Also writes every stored transition to {@code r} (the caller closes it). */
    void recordTo(TransitionRecorder r) {
        this.recorder = r;
    }

    MultiTaskSac sac() {
        return sac;
    }

    List<Evaluation.Result> evaluations() {
        return evaluations;
    }

    /** Runs the whole plan; returns the final evaluation. */
    Evaluation.Result run() throws IOException {
        EnvConfig trainCfg = EnvConfig.paper(plan.goalMode(), plan.seed(), 0).withMaxPathLength(plan.episodeLength());
        // Fixed goals: the evaluation environments must see the training configuration, which the
        // environment draws from its (seed, index) stream at its first reset; Rand: a separate stream.
        EnvConfig evalCfg = trainCfg.withEnvIndex(plan.goalMode() == GoalMode.FIXED ? 0 : 1);
        long start = System.nanoTime();
        try (TaskEnvs train = new TaskEnvs(plan.tasks(), trainCfg);
             TaskEnvs eval = new TaskEnvs(plan.tasks(), evalCfg);
             UpdateMetrics metrics = new UpdateMetrics(runDir.resolve("metrics.csv"), plan.tasks());
             CsvLog evalCsv = new CsvLog(runDir.resolve("eval.csv"), List.of("env_steps_per_task", "env_steps", "updates",
                     "wall_seconds", "task", "success_rate", "mean_return", "episodes"))) {
            Evaluation evaluation = new Evaluation(sac.actor().withBatchSize(n), eval, plan.episodeLength());
            int[] taskIds = new int[n];
            for (int t = 0; t < n; t++) taskIds[t] = t;
            INDArray obs = Nd4j.zeros(DataType.FLOAT, n, OBS);
            TanhGaussian head = new TanhGaussian(n, ACT);
            double[] action = new double[ACT];
            float[] fo = new float[OBS];
            float[] fa = new float[ACT];
            float[] fo2 = new float[OBS];
            double credit = 0;
            long warmup = plan.sac().warmupStepsPerTask();
            long lastProgress = System.nanoTime();
            Evaluation.Result last = null;
            train.resetAll();
            for (long step = 1; step <= plan.stepsPerTask(); step++) {
                boolean warm = step <= warmup;
                RoutingPaths paths = null;
                // D2R acts even in the warm-up: the stored transition needs the behaviour path d_old
                if (!warm || plan.method().routed()) {
                    train.fillObs(obs);
                    Routing routing = plan.sac().sampleKWhenActing()
                            ? Routing.sampleK(sac.taskTemperatures(), actRng, false) : Routing.topK();
                    head.sample(actingActor.forward(obs, taskIds, routing), actRng);
                    paths = actingActor.lastPaths();
                }
                for (int t = 0; t < n; t++) {
                    if (warm) {
                        for (int k = 0; k < ACT; k++) action[k] = actRng.nextDouble() * 2 - 1;
                    } else {
                        System.arraycopy(head.actions(), t * ACT, action, 0, ACT);
                    }
                    double[] o = train.obs(t);
                    StepResult r = train.step(t, action);
                    // reaching the episode limit is a truncation: the TD target still bootstraps
                    replay.add(t, floats(o, fo), floats(action, fa), (float) r.reward(), floats(r.obs(), fo2), false, paths, t);
                    if (recorder != null) {
                        recorder.record(t, fo, fa, (float) r.reward(), fo2, r.truncated(), r.info().isSuccess(), paths,
                                warm ? -1 : sac.updateCount());
                    }
                    episodes.step(t, r.reward(), r.info().isSuccess());
                    if (r.truncated()) {
                        episodes.endEpisode(t);
                        train.reset(t);
                    }
                }
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
                    last = evaluation.run(episodesNow);
                    evaluations.add(last);
                    double wall = (System.nanoTime() - start) / 1e9;
                    for (int t = 0; t < n; t++) {
                        evalCsv.row(step, step * n, sac.updateCount(), wall, plan.tasks().get(t), last.successRate()[t],
                                last.meanReturn()[t], episodesNow);
                    }
                    double meanReturn = 0;
                    for (double v : last.meanReturn()) meanReturn += v / n;
                    evalCsv.row(step, step * n, sac.updateCount(), wall, "mean", last.meanSuccess(), meanReturn, episodesNow);
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

    private void progress(long step, long start, Evaluation.Result eval, int evalEpisodes) {
        double wall = (System.nanoTime() - start) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "[%6.0fs] step %d/%d per task (%d env steps), %d updates%s",
                wall, step, plan.stepsPerTask(), step * n, sac.updateCount(),
                step <= plan.sac().warmupStepsPerTask() ? " (warm-up)" : ""));
        sb.append(" | train success ").append(TaskFigures.success(plan.tasks(), episodes.recentSuccess()));
        sb.append(" | alpha ").append(TaskFigures.alpha(sac.logAlphaValues()));
        if (eval != null) {
            sb.append(String.format(Locale.ROOT, "%n         eval (TopK, tanh(mean), %d episodes/task): mean success %.3f |",
                    evalEpisodes, eval.meanSuccess()));
            sb.append(' ').append(TaskFigures.success(plan.tasks(), eval.successRate()));
        }
        out.println(sb);
        out.flush();
    }

    private static float[] floats(double[] src, float[] dst) {
        for (int i = 0; i < dst.length; i++) dst[i] = (float) src[i];
        return dst;
    }
}
