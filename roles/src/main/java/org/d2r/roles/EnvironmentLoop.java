package org.d2r.roles;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepResult;

/**
 * The one environment loop of every role that steps Meta-World (Acme's environment loop): the
 * producers, local training's stepping, the standalone evaluator and the local and offline evaluation.
 * It holds {@code envsPerTask} environments of every task, one row each (row = task * envsPerTask +
 * index, which is also the environment id of the transitions), and steps them in lockstep so that
 * acting is one forward pass over all rows.
 *
 * <p>{@link #explore} takes the first w transitions of each task with uniformly random actions (the
 * warm-up), hands each step to the {@link TransitionSink} and counts finished episodes in
 * {@link RecentEpisodes}; {@link #evaluate} runs whole episodes with the deterministic policy and hands
 * nothing to a sink. A loop does one or the other: evaluating resets its environments.
 *
 * <p>The stored observation is the array the environment returned (environments return a fresh array
 * per step and never mutate it), so no observation is copied here. Not thread-safe: one stepping thread;
 * the counters it publishes ({@link #envSteps}, {@link #episodes}) may be read from others.
 */
public final class EnvironmentLoop implements AutoCloseable {

    /** Builds the environment {@code envInTask} of {@code task}, which starts at episode index {@code firstEpisode}. */
    @FunctionalInterface
    public interface EnvFactory {
        MetaWorldEnv make(String task, int envInTask, long firstEpisode);
    }

    /** Sees each evaluation step's routing path (the evaluator's routing report). */
    @FunctionalInterface
    public interface PathListener {
        void step(int task, RoutingPaths paths, int row);
    }

    private final int tasks;
    private final int perTask;
    private final int rows;
    private final MetaWorldEnv[] envs;
    private final double[][] obs;
    private final double[][] actions;
    private final int[] rowTask;
    private final long[] episode;
    private final boolean[] succeeded;
    private final TransitionSink sink;
    private final RecentEpisodes recent;
    private final AtomicLong episodesFinished = new AtomicLong();
    private volatile long stepsPerTask;

    /**
     * @param start where a continued run's loop starts ({@link LoopProgress#start} for a new run)
     * @param sink  receives every exploring step ({@link TransitionSink#NONE} for an evaluation loop)
     */
    public EnvironmentLoop(List<String> taskNames, int envsPerTask, EnvFactory factory, LoopProgress start,
                           TransitionSink sink, RecentEpisodes recent) {
        this.tasks = taskNames.size();
        this.perTask = envsPerTask;
        this.rows = tasks * envsPerTask;
        long[] next = start.nextEpisode();
        if (next.length != rows) {
            throw new IllegalArgumentException("progress has " + next.length + " environments, the loop " + rows);
        }
        this.envs = new MetaWorldEnv[rows];
        this.obs = new double[rows][];
        this.actions = new double[rows][MetaWorldEnv.ACTION_DIM];
        this.rowTask = new int[rows];
        this.episode = next;
        this.succeeded = new boolean[rows];
        this.sink = sink;
        this.recent = recent;
        this.stepsPerTask = start.stepsPerTask();
        try {
            for (int row = 0; row < rows; row++) {
                rowTask[row] = row / perTask;
                envs[row] = factory.make(taskNames.get(row / perTask), row % perTask, episode[row]);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static EnvironmentLoop forEvaluation(List<String> taskNames, EnvFactory factory) {
        return new EnvironmentLoop(taskNames, 1, factory, LoopProgress.start(taskNames.size()),
                TransitionSink.NONE, new RecentEpisodes(taskNames.size()));
    }

    /**
     * One round of exploring: every environment steps once. Rows whose task has taken fewer than
     * {@code warmupPerTask} transitions act uniformly in [-1, 1], drawn from {@code warmRng} in row order
     * after the acting pass; their transitions carry policy version -1.
     */
    public void explore(ActingPass pass, long warmupPerTask, Rng warmRng) {
        long steps = stepsPerTask;
        for (int row = 0; row < rows; row++) {
            // the first round of a loop, and every round after an episode's end, starts from a reset
            if (obs[row] == null) obs[row] = envs[row].reset();
        }
        pass.act(obs, rowTask, rows, true, steps + perTask - 1 >= warmupPerTask, actions);
        RoutingPaths paths = pass.paths();
        long version = pass.version();
        boolean ended = false;
        for (int row = 0; row < rows; row++) {
            int t = rowTask[row];
            int e = row - t * perTask;
            boolean warm = steps + e < warmupPerTask;
            double[] a = actions[row];
            if (warm) {
                for (int k = 0; k < a.length; k++) a[k] = warmRng.nextDouble() * 2 - 1;
            }
            double[] o = obs[row];
            int stepIndex = envs[row].episodeStep();
            StepResult r = envs[row].step(a);
            boolean success = r.info().isSuccess();
            succeeded[row] |= success;
            sink.add(t, row, episode[row], stepIndex, steps + e + 1, o, a, r.reward(), r.obs(), r.truncated(), success,
                    paths, row, warm ? -1 : version);
            if (r.truncated()) {
                ended = true;
                recent.add(t, succeeded[row]);
                succeeded[row] = false;
                episode[row]++;
                episodesFinished.incrementAndGet();
                obs[row] = envs[row].reset();
            } else {
                obs[row] = r.obs();
            }
        }
        stepsPerTask = steps + perTask;
        sink.endRound(ended);
    }

    /**
     * Evaluates {@code pass} deterministically (TopK, tanh(mean)) for {@code episodes} episodes of every
     * environment, all tasks in lockstep; null when {@code keepGoing} turned false meanwhile.
     *
     * @param paths sees every step's routing path; may be null
     */
    public Evaluation evaluate(ActingPass pass, int episodes, BooleanSupplier keepGoing, PathListener paths) {
        double[] successes = new double[tasks];
        double[] returns = new double[tasks];
        boolean[] done = new boolean[rows];
        for (int ep = 0; ep < episodes; ep++) {
            for (int row = 0; row < rows; row++) {
                obs[row] = envs[row].reset();
                succeeded[row] = false;
                done[row] = false;
            }
            int running = rows;
            while (running > 0) {
                if (!keepGoing.getAsBoolean()) return null;
                pass.act(obs, rowTask, rows, false, true, actions);
                RoutingPaths p = pass.paths();
                for (int row = 0; row < rows; row++) {
                    if (done[row]) continue;
                    StepResult r = envs[row].step(actions[row]);
                    returns[rowTask[row]] += r.reward();
                    succeeded[row] |= r.info().isSuccess();
                    if (paths != null && p != null) paths.step(rowTask[row], p, row);
                    if (r.truncated()) {
                        done[row] = true;
                        running--;
                    } else {
                        obs[row] = r.obs();
                    }
                }
            }
            for (int row = 0; row < rows; row++) successes[rowTask[row]] += succeeded[row] ? 1 : 0;
        }
        for (int t = 0; t < tasks; t++) {
            successes[t] /= (double) episodes * perTask;
            returns[t] /= (double) episodes * perTask;
        }
        // an evaluation leaves no episode running: an exploring round after it would start from a reset
        Arrays.fill(obs, null);
        return new Evaluation(successes, returns, episodes);
    }

    /** Transitions per task taken so far (all of the task's environments; a continued run counts its earlier ones). */
    public long stepsPerTask() {
        return stepsPerTask;
    }

    public long envSteps() {
        return stepsPerTask * tasks;
    }

    /** Exploring episodes finished by this loop. */
    public long episodes() {
        return episodesFinished.get();
    }

    /**
     * Where a continued run would start after the last full round: running episodes are skipped (a
     * MuJoCo state cannot be restored mid-episode). Call it on the stepping thread.
     */
    public LoopProgress progress() {
        long[] next = new long[rows];
        for (int row = 0; row < rows; row++) next[row] = episode[row] + 1;
        return new LoopProgress(stepsPerTask, next);
    }

    @Override
    public void close() {
        for (MetaWorldEnv e : envs) {
            if (e == null) continue;
            try {
                e.close();
            } catch (RuntimeException ignored) {
                // closing is best effort: a failed close must not hide the error that got us here
            }
        }
    }
}
