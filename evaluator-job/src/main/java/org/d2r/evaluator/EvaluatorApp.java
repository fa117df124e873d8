package org.d2r.evaluator;

import org.d2r.roles.report.EvalCsv;
import org.d2r.roles.report.SuccessCurve;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.roles.EnvironmentLoop;
import org.d2r.roles.Evaluation;
import org.d2r.roles.PolicySource.Policy;
import org.d2r.roles.SnapshotActing;
import org.d2r.kafka.SnapshotFeed;
import org.d2r.roles.Role;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.EvalResult;

/**
 * Evaluates a run's policy snapshots on its own environments, with the roles' {@link EnvironmentLoop}
 * and {@link SnapshotActing}: the first snapshot whose update count
 * is at or past each multiple of E (update 0 included) is run for M episodes per task with TopK
 * routing and tanh(mean) actions. Snapshots that arrive while an evaluation runs are skipped unless
 * they are the newest when it ends (evaluating stale policies would only fall further behind).
 * Results go to eval-results (keyed by run id), to evaluations.csv and to success.png in the run folder.
 * Started again on a run folder (a continued run), it keeps the evaluations already there and goes on
 * from the next multiple of E after the last one. At the end of a run, {@link #evaluateFinal} evaluates
 * the learner's last snapshot, which seldom falls on a multiple of E, over as many episodes as asked.
 */
public final class EvaluatorApp extends Role {

    private final EvaluatorConfig cfg;
    private final SnapshotFeed feed;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong evaluations = new AtomicLong();
    /** The newest evaluation (a restart reads it from evaluations.csv), null before any: one object, read whole. */
    private volatile Last last;
    private volatile FinalRequest finalRequest;

    private record Last(long update, double[] success, int episodes) {}

    /** Asked for by {@link #evaluateFinal}; the evaluator's thread completes it. */
    private record FinalRequest(long update, int episodes, CompletableFuture<FinalEvaluation> result) {
    }

    private EvaluatorApp(EvaluatorConfig cfg) {
        super("evaluator", cfg.runId(), true);
        this.cfg = cfg;
        Properties p = cfg.kafka().base();
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.feed = new SnapshotFeed(cfg.kafka(), cfg.topics().policySnapshots(), cfg.runId());
    }

    public static EvaluatorApp start(EvaluatorConfig cfg) {
        return started(new EvaluatorApp(cfg));
    }

    @Override
    protected void ended(boolean completed) {
        FinalRequest f = finalRequest;
        if (f != null) {
            Throwable t = failure();
            f.result.completeExceptionally(t != null ? t
                    : new IllegalStateException("the evaluator was stopped before the final evaluation finished"));
        }
    }

    @Override
    protected void work() throws Exception {
        int n = cfg.tasks().size();
        AvroCodec<EvalResult> codec = AvroCodec.forType(EvalResult.class);
        EvalCsv csv = new EvalCsv(cfg.runDir().resolve(EvalCsv.FILE));
        RoutingReport routingReport = new RoutingReport(cfg.runDir());
        SuccessCurve curve = new SuccessCurve("evaluation, run " + cfg.runId(), cfg.tasks());
        try (EnvironmentLoop envs = EnvironmentLoop.forEvaluation(cfg.tasks(),
                (task, e, first) -> MetaWorld.make(task, EnvConfig.paper(cfg.goalMode(), cfg.seed(), cfg.envIndex())
                        .withMaxPathLength(cfg.episodeSteps())))) {
            // deterministic acting draws nothing: the stream is never used
            SnapshotActing actor = new SnapshotActing(MetaWorldEnv.OBS_DIM, MetaWorldEnv.ACTION_DIM, n, n, false, new Rng(0));
            List<SuccessCurve.Point> earlier = csv.completed(cfg.tasks());
            earlier.forEach(curve::add);
            long next = 0;
            if (!earlier.isEmpty()) {
                // a restarted evaluator knows what it did last: a final evaluation asked for again is not repeated
                SuccessCurve.Point p = earlier.get(earlier.size() - 1);
                last = new Last(p.update(), p.success(), csv.episodesOf(p.update()));
                next = (p.update() / cfg.evalEvery() + 1) * cfg.evalEvery();
            }
            Policy newest = null;
            while (running) {
                Policy s = feed.awaitNewerThan(newest == null ? Long.MIN_VALUE : newest.version(),
                        Duration.ofMillis(200));
                if (s != null) newest = s;
                FinalRequest f = finalRequest;
                if (f != null && !f.result.isDone() && newest != null && newest.updateCount() >= f.update) {
                    Last l = last;
                    double[] success = l == null ? null : l.success();
                    // one already evaluated just so is not run again: that would only add a second sample of the same policy
                    if (l == null || l.update() != newest.updateCount() || l.episodes() != f.episodes) {
                        success = evaluate(newest, f.episodes, codec, csv, routingReport, curve, envs, actor);
                        if (success == null) break;
                    }
                    f.result.complete(new FinalEvaluation(newest.updateCount(), newest.envStepsPerTask(), f.episodes,
                            cfg.tasks(), success));
                    continue;
                }
                if (s == null || s.updateCount() < next) continue;
                if (evaluate(s, cfg.episodes(), codec, csv, routingReport, curve, envs, actor) == null) break;
                next = (s.updateCount() / cfg.evalEvery() + 1) * cfg.evalEvery();
            }
        }
    }

    /**
     * Runs one snapshot for {@code episodes} episodes per task, publishing and appending a result per task and
     * adding the evaluation to success.png; the success rates in task order, or null when stopped half-way.
     */
    private double[] evaluate(Policy s, int episodes, AvroCodec<EvalResult> codec, EvalCsv csv,
            RoutingReport routingReport, SuccessCurve curve, EnvironmentLoop envs, SnapshotActing actor) throws Exception {
        int n = cfg.tasks().size();
        actor.use(s);
        RoutingPaths paths = actor.paths();
        RoutingReport.Counts[] routing = paths != null ? new RoutingReport.Counts[n] : null;
        for (int t = 0; routing != null && t < n; t++) routing[t] = new RoutingReport.Counts(paths.modules());
        Evaluation result = envs.evaluate(actor, episodes, () -> running,
                routing == null ? null : (task, p, row) -> routing[task].add(p, row));
        if (result == null) return null;
        double[] success = result.successRate();
        double[] meanReturn = result.meanReturn();
        for (int t = 0; t < n; t++) {
            EvalResult res = EvalResult.newBuilder().setRunId(cfg.runId()).setSnapshotVersion(s.version())
                    .setUpdateCount(s.updateCount()).setEnvStepsPerTask(s.envStepsPerTask()).setTaskId(t)
                    .setTaskName(cfg.tasks().get(t)).setEpisodes(episodes).setSuccessRate((float) success[t])
                    .setMeanReturn((float) meanReturn[t]).setMetrics(routing != null ? Map.of("meanModulesUsed", routing[t].meanModulesUsed()) : Map.of())
                    .setRoutingShares(routing != null ? routing[t].shares() : List.of()).build();
            // a lost result is a gap in the run's record: wait for the broker's answer
            producer.send(new ProducerRecord<>(cfg.topics().evalResults(), cfg.runId(), codec.encode(res))).get();
            csv.append(s.updateCount(), s.version(), s.envStepsPerTask(), cfg.tasks().get(t), success[t], meanReturn[t], episodes);
        }
        if (routing != null) {
            routingReport.append(s.updateCount(), s.version(), episodes, cfg.tasks(), s.policy().tau(), success, routing);
        }
        curve.title(s.policy().method().title() + " evaluation, run " + cfg.runId());
        curve.add(new SuccessCurve.Point(s.updateCount(), s.envStepsPerTask(), success));
        curve.write(cfg.runDir().resolve("success.png"));
        last = new Last(s.updateCount(), success, episodes);
        evaluations.incrementAndGet();
        return success;
    }

    /**
     * Evaluates the snapshot of update {@code update} (the learner's last; or a newer one) on every task for
     * {@code episodes} episodes, whether or not it falls on a multiple of E, and waits for the result. The
     * learner must have published that snapshot (it does when it stops).
     *
     * @throws TimeoutException      no such snapshot arrived, or the evaluation took longer than {@code timeout}
     * @throws IllegalStateException the evaluator failed or was stopped meanwhile
     */
    public FinalEvaluation evaluateFinal(long update, int episodes, Duration timeout)
            throws InterruptedException, TimeoutException {
        if (episodes < 1) throw new IllegalArgumentException("final evaluation episodes must be >= 1, got " + episodes);
        FinalRequest f = new FinalRequest(update, episodes, new CompletableFuture<>());
        finalRequest = f;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return f.result.get(Math.min(1_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                        TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("final evaluation failed: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                // the thread may have ended before it could see the request
                if (!thread.isAlive() && !f.result.isDone()) {
                    throw new IllegalStateException("the evaluator is not running"
                            + (failure() != null ? ": " + failure() : ""), failure());
                }
                if (System.nanoTime() >= deadline) {
                    throw new TimeoutException("no final evaluation of update " + update + " within " + timeout
                            + " (newest snapshot evaluated: update " + lastEvaluatedUpdate() + ")");
                }
            }
        }
    }

    public long evaluations() {
        return evaluations.get();
    }

    /** Update count of the last evaluated snapshot; -1 before the first. */
    public long lastEvaluatedUpdate() {
        Last l = last;
        return l == null ? -1 : l.update();
    }

    /** Per task success of the last evaluation, or null. */
    public double[] lastSuccess() {
        Last l = last;
        return l == null ? null : l.success().clone();
    }

    @Override
    public void close() {
        close(120_000, () -> {
            try {
                producer.close(Duration.ofSeconds(30));
            } finally {
                feed.close();
            }
        });
    }
}
