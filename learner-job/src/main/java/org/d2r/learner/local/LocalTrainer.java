package org.d2r.learner.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.d2r.learner.TaskFigures;
import org.d2r.core.model.Routing;
import org.d2r.core.model.TanhGaussian;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.roles.learner.InProcessPublisher;
import org.d2r.roles.learner.LearnerLoop;
import org.d2r.roles.learner.ReplayBatchSource;
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
 * in-memory per-task replay, and the learner loop stepped at the plan's replay ratio (one update per
 * step of all environments in the paper's setting). Evaluates every {@code evalEvery} steps per task
 * and at the end, and writes metrics.csv, checkpoints/, eval.csv and success.png into the run folder
 * as it goes.
 *
 * <p>Opened on a folder with checkpoints it resumes from the newest intact one: the policy, optimizers
 * and counters come back, the in-memory replay does not (it is not checkpointed: at the paper's size a
 * million transitions). The resumed run steps on from the checkpoint's environment step, acting with the
 * restored policy, and updates again once the replay holds the preset's minimum again, up to the budget.
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
    private final LearnerParts parts;
    private final ReplayBatchSource source;
    private final int checkpointEvery;
    private final Rng actRng;
    private final SuccessPlot plot;
    private final List<Evaluation.Result> evaluations = new ArrayList<>();
    private final TrainingEpisodes episodes;
    private TransitionRecorder recorder;

    LocalTrainer(LocalPlan plan, Path runDir, PrintStream out) {
        this(plan, runDir, out, DEFAULT_CHECKPOINT_EVERY);
    }

    static final int DEFAULT_CHECKPOINT_EVERY = 1000;

    /** @param checkpointEvery C: a checkpoint every C updates (and at the end) */
    LocalTrainer(LocalPlan plan, Path runDir, PrintStream out, int checkpointEvery) {
        this.plan = plan;
        this.checkpointEvery = checkpointEvery;
        this.runDir = runDir;
        this.out = out;
        this.n = plan.taskCount();
        this.parts = new LearnerParts(plan);
        this.sac = parts.sac;
        this.actingActor = parts.actor.withBatchSize(n);
        this.actRng = parts.actRng;
        this.source = new ReplayBatchSource(parts.replay, plan.sac(), parts.replayRng);
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
        // In one process the acting actor is a view of the learner's parameters: publishing only hands out the snapshot.
        try (LearnerLoop loop = new LearnerLoop(sac, plan.method(), plan.network(), parts.batch, source,
                new InProcessPublisher(), new LearnerLoop.Settings(runDir, "local-", plan.tasks(), checkpointEvery,
                        checkpointEvery));
             TaskEnvs train = new TaskEnvs(plan.tasks(), trainCfg);
             TaskEnvs eval = new TaskEnvs(plan.tasks(), evalCfg);
             CsvLog evalCsv = new CsvLog(runDir.resolve("eval.csv"), List.of("env_steps_per_task", "env_steps", "updates",
                     "wall_seconds", "task", "success_rate", "mean_return", "episodes"), evaluationsUpTo(resumedStep(loop)))) {
            long firstStep = resumedStep(loop) + 1;
            if (firstStep > 1) {
                // updates still due at the checkpoint are earned again once the replay is refilled
                source.dropDue();
                out.printf(Locale.ROOT, "resuming from %s: %d updates at %d env steps per task; refilling the replay by"
                        + " acting with the restored policy before the next update%n",
                        loop.resumed().get().file().getFileName(), sac.updateCount(), firstStep - 1);
            }
            Evaluation evaluation = new Evaluation(sac.actor().withBatchSize(n), eval, plan.episodeLength());
            int[] taskIds = new int[n];
            for (int t = 0; t < n; t++) taskIds[t] = t;
            INDArray obs = Nd4j.zeros(DataType.FLOAT, n, OBS);
            TanhGaussian head = new TanhGaussian(n, ACT);
            double[] action = new double[ACT];
            float[] fo = new float[OBS];
            float[] fa = new float[ACT];
            float[] fo2 = new float[OBS];
            long warmup = plan.sac().warmupStepsPerTask();
            long lastProgress = System.nanoTime();
            Evaluation.Result last = null;
            train.resetAll();
            for (long step = firstStep; step <= plan.stepsPerTask(); step++) {
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
                    source.add(t, floats(o, fo), floats(action, fa), (float) r.reward(), floats(r.obs(), fo2), paths, t);
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
                // the replay ratio's updates for this step (none in the warm-up or below the replay's minimum)
                source.afterEnvStep();
                while (loop.step(Duration.ZERO)) {
                    // one update per batch the source has due
                }
                boolean evalNow = step % plan.evalEvery() == 0 || step == plan.stepsPerTask();
                // the last policy over the paper's final episodes; on the way, the periodic evaluation's
                int episodesNow = step == plan.stepsPerTask() ? plan.finalEpisodes() : plan.evalEpisodes();
                if (evalNow) {
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
            loop.finish();
            return last;
        }
    }

    /** The environment steps per task the loop's checkpoint stood at, 0 for a fresh run. */
    private long resumedStep(LearnerLoop loop) {
        return loop.resumed().isPresent() ? source.envStepsPerTask() : 0;
    }

    /**
     * eval.csv's rows up to {@code step} (first column), as written; a resumed run keeps them (and plots them
     * again) and evaluates on from there.
     */
    private List<List<String>> evaluationsUpTo(long step) throws IOException {
        Path file = runDir.resolve("eval.csv");
        if (step == 0 || !Files.exists(file)) return List.of();
        List<List<String>> kept = new ArrayList<>();
        List<double[]> rates = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.split(",", -1);
            try {
                if (f.length != 8 || Long.parseLong(f[0]) > step) continue;
                int task = plan.tasks().indexOf(f[4]);
                double rate = Double.parseDouble(f[5]);
                kept.add(List.of(f));
                if (task == 0) rates.add(new double[n]);
                if (task >= 0 && !rates.isEmpty()) rates.get(rates.size() - 1)[task] = rate;
                if (task == n - 1) plot.add(Long.parseLong(f[1]), rates.get(rates.size() - 1));
            } catch (NumberFormatException e) {
                // a row the kill cut short: dropped
            }
        }
        return kept;
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
