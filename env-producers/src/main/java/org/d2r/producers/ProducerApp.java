package org.d2r.producers;

import org.d2r.kafka.SnapshotFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.d2r.core.config.SacConfig;
import org.d2r.core.model.SnapshotActor;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepResult;
import org.d2r.schemas.TransitionWriter;

/**
 * The environment producers of one run: one thread steps every environment of every task in turn
 * (the machine has 2 cores; the learner needs the other), acting with the newest policy snapshot, and
 * publishes each step as a {@link Transition} keyed by task id.
 *
 * <p>Acting: the producers wait for the run's first snapshot (the learner publishes its initial
 * policy as version 0), because even warm-up transitions carry the behaviour routing path d_old
 * that D2R's stored-path update needs (a baseline's snapshot has no routing: its transitions carry an
 * empty path). During the warm-up (the first w transitions of a task) the
 * action is uniform in [-1, 1] and snapshotVersion is -1; afterwards SampleK at tau_T with a sampled
 * action (TopK if the preset switches SampleK off), snapshotVersion = the acting snapshot's version.
 *
 * <p>Delivery: exactly once, by Kafka transactions. A transaction holds the rounds of steps up to an
 * episode end (or {@link #COMMIT_EVERY}, or a pause for the learner, or the stop), so a killed
 * producer's last, unfinished transaction is aborted and never read by the run's consumers (all read
 * read_committed). Its transactional.id is the run's, the same at every start: a restart's
 * initTransactions fences a producer of an earlier start that still lives and aborts its open
 * transaction before the restart reads back where the run stands ({@link CommittedProgress}). Within a
 * transaction the producer is idempotent (acks=all, unbounded retries, a long delivery timeout, send()
 * blocking instead of failing while the broker is away), so a broker restart loses or repeats nothing.
 * Any send or commit that still fails stops the producers; {@link #close()} and
 * {@link #awaitFinished(Duration)} then throw it, it is never swallowed.
 *
 * <p>Flow control: see {@link Lead}.
 *
 * <p>Continuing a run: every start reads the run's progress back from the transitions topic's committed
 * records, so step counts, the warm-up, the budget and the lead are the run's, not this start's; every
 * environment starts a fresh episode with a new index.
 */
public final class ProducerApp implements AutoCloseable {

    private static final byte[] NO_PATH = new byte[0];
    /**
     * The longest a transaction stays open while stepping: well inside the broker's transaction timeout
     * (60 s by default, after which it aborts the transaction and fences the producer), also when one
     * episode of every environment takes minutes.
     */
    static final Duration COMMIT_EVERY = Duration.ofSeconds(10);
    private final ProducerConfig cfg;
    private final SnapshotFeed feed;
    private final KafkaProducer<Integer, byte[]> producer;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong envSteps = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong episodes = new AtomicLong();
    private final AtomicLong actingVersion = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong pauses = new AtomicLong();
    private final RecentEpisodes recent;
    private final ProducerProgress resumed;
    private volatile ProducerProgress reached;
    /**
     * The stepping thread's transitions and commit points, in order, for the publishing thread, which owns
     * the Kafka producer: a commit waits for every transition of its transaction to be acknowledged and for
     * the coordinator (tens to hundreds of milliseconds on a busy machine), and stepping goes on meanwhile.
     * Handed over a round of steps at a time (one wake-up of the publisher per round, not per transition),
     * at most about {@link #OUTBOX} transitions ahead of the publisher.
     */
    private final BlockingQueue<Object> outbox;
    private static final int OUTBOX = 16_384;
    /** Stepping thread only: the round's transitions, not handed over yet. */
    private List<ProducerRecord<Integer, byte[]>> round = new ArrayList<>();
    private static final Object COMMIT = new Object();
    private static final Object END = new Object();
    private static final Object ABORT_AND_END = new Object();
    private final Thread publisher;
    /** Stepping thread only: transitions handed over since the last commit point, and when the first was. */
    private long uncommitted;
    private long transactionStarted;
    private volatile boolean running = true;
    private boolean closed;
    private volatile boolean paused;
    private volatile boolean finished;

    private ProducerApp(ProducerConfig cfg) {
        this.cfg = cfg;
        this.recent = new RecentEpisodes(cfg.tasks().size());
        this.producer = new KafkaProducer<>(producerProperties(cfg));
        try {
            // first: fences an earlier start's producer and aborts its open transaction, so what is read next is final
            producer.initTransactions();
            this.resumed = CommittedProgress.read(cfg);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        this.reached = resumed;
        this.envSteps.set(resumed.stepsPerTask() * cfg.tasks().size());
        this.published.set(resumed.stepsPerTask() * cfg.tasks().size());
        this.feed = new SnapshotFeed(cfg.kafka(), cfg.topics().policySnapshots(), cfg.runId());
        this.thread = new Thread(this::runSafely, "env-producers-" + cfg.runId());
        this.thread.setDaemon(true);
        this.outbox = new ArrayBlockingQueue<>(Math.max(4, OUTBOX / (cfg.tasks().size() * cfg.envsPerTask())));
        this.publisher = new Thread(this::publish, "transitions-publisher-" + cfg.runId());
        this.publisher.setDaemon(true);
    }

    /** Starts the producers on their own thread; close the handle to stop them. */
    public static ProducerApp start(ProducerConfig cfg) {
        ProducerApp app = new ProducerApp(cfg);
        app.publisher.start();
        app.thread.start();
        return app;
    }

    static Properties producerProperties(ProducerConfig cfg) {
        Properties p = cfg.kafka().base();
        long timeout = cfg.deliveryTimeout().toMillis();
        p.put("key.serializer", IntegerSerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        // correctness settings come last so a pass-through property cannot weaken them
        p.put("enable.idempotence", "true");
        p.put("transactional.id", transactionalId(cfg));
        p.put("acks", "all");
        p.put("retries", Integer.toString(Integer.MAX_VALUE));
        p.put("max.in.flight.requests.per.connection", "5");
        p.put("delivery.timeout.ms", Long.toString(timeout));
        p.put("request.timeout.ms", Long.toString(Math.min(30_000, timeout)));
        // while the broker is away, send() waits for metadata or buffer space instead of throwing
        p.put("max.block.ms", Long.toString(timeout));
        // fuller, fewer produce requests: nobody waits on a single transition (the learner paces training),
        // and the broker and the replay job's source spend less per transition (pipeline-bench, CPU per
        // 1,000 steps: broker 0.48 -> 0.41 s, Flink source 0.08 -> 0.03 s against 5 ms)
        p.put("linger.ms", "50");
        p.putIfAbsent("client.id", "d2r-producers-" + cfg.runId());
        return p;
    }

    /**
     * One per run and topic, the same at every start: what lets a restart fence the producer of a killed
     * start and abort its unfinished transaction.
     */
    static String transactionalId(ProducerConfig cfg) {
        return "d2r-producers-" + cfg.topics().transitions() + "-" + cfg.runId();
    }

    private void runSafely() {
        Object last = ABORT_AND_END;
        try {
            run();
            // a clean stop keeps what was stepped: a continued run starts fresh episodes after it
            endRound();
            last = END;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            System.err.println("env-producers of run '" + cfg.runId() + "' stopped: " + t);
        } finally {
            try {
                hand(last);
                publisher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished = true;
        }
    }

    /** Hands {@code o} to the publisher, waiting while the outbox is full; stops waiting once publishing failed. */
    private void hand(Object o) throws InterruptedException {
        while (!outbox.offer(o, 100, TimeUnit.MILLISECONDS)) {
            if (!publisher.isAlive()) return;
        }
    }

    private void send(int task, long taskStep, byte[] record) throws InterruptedException {
        if (uncommitted == 0) transactionStarted = System.nanoTime();
        ProducerRecord<Integer, byte[]> r = new ProducerRecord<>(cfg.topics().transitions(), task, record);
        r.headers().add(CommittedProgress.TASK_STEP, CommittedProgress.taskStep(taskStep));
        round.add(r);
        uncommitted++;
    }

    private void endRound() throws InterruptedException {
        if (round.isEmpty()) return;
        hand(round);
        round = new ArrayList<>(round.size());
    }

    /** A commit point after the last transition handed over, if any: from its commit on they are part of the run. */
    private void commit() throws InterruptedException {
        endRound();
        if (uncommitted == 0) return;
        hand(COMMIT);
        uncommitted = 0;
    }

    /** The publishing thread: one transaction per commit point; an unfinished one is aborted. */
    private void publish() {
        long inTransaction = 0;
        try {
            while (true) {
                Object o = outbox.take();
                if (o == ABORT_AND_END) break;
                if (o == COMMIT || o == END) {
                    if (inTransaction > 0) {
                        producer.commitTransaction();
                        published.addAndGet(inTransaction);
                        inTransaction = 0;
                    }
                    if (o == END) return;
                    continue;
                }
                if (inTransaction == 0) producer.beginTransaction();
                @SuppressWarnings("unchecked")
                List<ProducerRecord<Integer, byte[]>> records = (List<ProducerRecord<Integer, byte[]>>) o;
                for (ProducerRecord<Integer, byte[]> r : records) {
                    producer.send(r, (md, ex) -> {
                        if (ex != null) failure.compareAndSet(null, ex);
                    });
                }
                inTransaction += records.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        // an open transaction's steps are not the run's: read_committed consumers need not wait for its timeout
        try {
            if (inTransaction > 0) producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // a fenced or failed producer cannot abort: the broker's timeout or the next start's initTransactions does
        }
    }

    private void run() throws InterruptedException {
        int n = cfg.tasks().size();
        int perTask = cfg.envsPerTask();
        int obsDims = MetaWorldEnv.OBS_DIM;
        int actDims = MetaWorldEnv.ACTION_DIM;
        SacConfig sac = cfg.learner().sac();
        long warmup = cfg.effectiveWarmup();
        Lead lead = new Lead(warmup, sac.updatesPerEnvStep(), cfg.maxLeadUpdates());
        Rng master = new Rng(cfg.seed() * 7919 + 17);
        Rng actRng = master.split();
        Rng warmRng = master.split();
        // straight from the arrays: the same bytes as the codec's, without boxing every observation (hot path)
        TransitionWriter transitions = new TransitionWriter();
        List<MetaWorldEnv> opened = new ArrayList<>();
        try {
            MetaWorldEnv[][] envs = new MetaWorldEnv[n][perTask];
            double[][][] obs = new double[n][perTask][];
            long[][] episode = new long[n][perTask];
            long[] nextEpisode = resumed.nextEpisode();
            for (int t = 0; t < n; t++) {
                for (int e = 0; e < perTask; e++) episode[t][e] = nextEpisode[t * perTask + e];
            }
            boolean[][] succeeded = new boolean[n][perTask];
            for (int t = 0; t < n; t++) {
                for (int e = 0; e < perTask; e++) {
                    EnvConfig ec = EnvConfig.paper(cfg.goalMode(), envSeed(cfg, episode[t][e]), e)
                            .withMaxPathLength(cfg.effectiveEpisodeSteps());
                    envs[t][e] = MetaWorld.make(cfg.tasks().get(t), ec);
                    opened.add(envs[t][e]);
                    obs[t][e] = envs[t][e].reset();
                }
            }
            SnapshotFeed.Latest snap;
            while ((snap = feed.latest()) == null) {
                if (!running) return;
                Thread.sleep(20);
            }
            SnapshotActor actor = null;
            RoutingPaths paths = null;
            int rows = n * perTask;
            float[][] fo = new float[rows][obsDims];
            float[][] fa = new float[rows][actDims];
            int[] rowTask = new int[rows];
            for (int row = 0; row < rows; row++) rowTask[row] = row / perTask;
            double[] action = new double[actDims];
            long stepsPerTask = resumed.stepsPerTask();
            while (running && (cfg.maxStepsPerTask() == 0 || stepsPerTask < cfg.maxStepsPerTask())) {
                rethrowSendFailure();
                snap = feed.latest();
                if (actor == null || actor.version() != snap.version()) {
                    snap.policy().requireCompatible(obsDims, actDims, n);
                    actor = SnapshotActor.of(snap.policy());
                    // a baseline does not route: its transitions carry an empty path
                    paths = actor.routingModules() > 0 ? new RoutingPaths(actor.routingModules(), rows) : null;
                    actingVersion.set(snap.version());
                }
                if (lead.mustPause(stepsPerTask, snap.updateCount())) {
                    // nothing waits in an open transaction: the learner may take longer than the transaction timeout
                    commit();
                    if (!paused) pauses.incrementAndGet();
                    paused = true;
                    feed.awaitNewerThan(snap.version(), Duration.ofMillis(200));
                    continue;
                }
                paused = false;
                boolean episodeEnded = false;
                // one forward pass for every environment's observation (the weights are read once,
                // not once per environment); the same actions and draws as acting env by env
                for (int t = 0; t < n; t++) {
                    for (int e = 0; e < perTask; e++) toFloats(obs[t][e], fo[t * perTask + e]);
                }
                actor.actAll(fo, rowTask, rows, true, sac.sampleKWhenActing(), actRng, fa, paths, 0);
                for (int t = 0; t < n; t++) {
                    for (int e = 0; e < perTask; e++) {
                        int row = t * perTask + e;
                        boolean warm = stepsPerTask + e < warmup;
                        double[] o = obs[t][e];
                        for (int k = 0; k < actDims; k++) {
                            action[k] = warm ? warmRng.nextDouble() * 2 - 1 : fa[row][k];
                        }
                        int stepIndex = envs[t][e].episodeStep();
                        StepResult r = envs[t][e].step(action);
                        boolean success = r.info().isSuccess();
                        succeeded[t][e] |= success;
                        byte[] record = transitions.encode(cfg.runId(), t, cfg.tasks().get(t), t * perTask + e,
                                episode[t][e], stepIndex, o, action, (float) r.reward(), r.obs(), r.truncated(), success,
                                paths != null ? paths.rowBytes(row) : NO_PATH, warm ? -1 : snap.version());
                        send(t, stepsPerTask + e + 1, record);
                        envSteps.incrementAndGet();
                        if (r.truncated()) {
                            episodeEnded = true;
                            recent.add(t, succeeded[t][e]);
                            succeeded[t][e] = false;
                            episode[t][e]++;
                            episodes.incrementAndGet();
                            obs[t][e] = envs[t][e].reset();
                        } else {
                            obs[t][e] = r.obs();
                        }
                    }
                }
                stepsPerTask += perTask;
                reached = progress(stepsPerTask, episode);
                if (episodeEnded || (uncommitted > 0 && System.nanoTime() - transactionStarted > COMMIT_EVERY.toNanos())) commit();
                else endRound();
            }
        } finally {
            for (MetaWorldEnv env : opened) {
                try {
                    env.close();
                } catch (Exception ignored) {
                    // native memory is freed; nothing else to do on close
                }
            }
        }
    }

    /**
     * The environments' seed. A continued Rand run draws its goals from a stream of its own, keyed by
     * the episode index it continues at, so it does not repeat the run's first goals (replaying the
     * resets instead would cost minutes on MT10: some tasks take milliseconds per reset). Fixed goals
     * keep the run's seed: they are the task's one configuration for the whole run.
     */
    static long envSeed(ProducerConfig cfg, long firstEpisode) {
        if (cfg.goalMode() == GoalMode.FIXED || firstEpisode == 0) return cfg.seed();
        return cfg.seed() ^ (firstEpisode * 0x9E3779B97F4A7C15L);
    }

    /** The running episodes are skipped: a continued run starts fresh ones. */
    private static ProducerProgress progress(long stepsPerTask, long[][] episode) {
        int perTask = episode[0].length;
        long[] next = new long[episode.length * perTask];
        for (int t = 0; t < episode.length; t++) {
            for (int e = 0; e < perTask; e++) next[t * perTask + e] = episode[t][e] + 1;
        }
        return new ProducerProgress(stepsPerTask, next);
    }

    private static void toFloats(double[] d, float[] f) {
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
    }

    private void rethrowSendFailure() {
        Throwable t = failure.get();
        if (t != null) throw new IllegalStateException("publishing a transition failed: " + t, t);
    }

    /** Waits until a bounded run (maxStepsPerTask) has published and flushed everything; true if it has. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        if (failure.get() != null) {
            throw new IllegalStateException("env-producers of run '" + cfg.runId() + "' failed: " + failure.get(), failure.get());
        }
        return finished;
    }

    /** Environment steps taken since the run's start (all tasks and envs; includes the steps a continued run started from). */
    public long envSteps() {
        return envSteps.get();
    }

    /** Transitions committed since the run's start (a continued run counts its earlier ones). */
    public long published() {
        return published.get();
    }

    public long episodes() {
        return episodes.get();
    }

    /** Version of the snapshot acting now; Long.MIN_VALUE before the first arrived. */
    public long actingVersion() {
        return actingVersion.get();
    }

    /** Per task (config order): success rate of the last 10 finished episodes, NaN before any. */
    public double[] recentSuccess() {
        return recent.successRates();
    }

    /** Whether the producers are waiting for the learner now. */
    public boolean paused() {
        return paused;
    }

    /** How many times the producers started waiting for the learner. */
    public long pauses() {
        return pauses.get();
    }

    /** What a continued run started from ({@link ProducerProgress#start} for a new one). */
    public ProducerProgress resumedFrom() {
        return resumed;
    }

    /** The progress after the last full round of steps (committed at the next episode end or stop). */
    public ProducerProgress progress() {
        return reached;
    }

    /** The first failure (a failed send, an environment error), or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops stepping, commits what was stepped (waiting for the broker as a send would), and releases everything. */
    @Override
    public void close() {
        close(null);
    }

    /**
     * The same, giving the final commit at most {@code wait}: for a broker known to be gone, whose open
     * transaction a resume's producers abort anyway.
     */
    public synchronized void close(Duration wait) {
        // a shutdown hook and try-with-resources may both close; the second call only reports
        if (closed) {
            Throwable t = failure.get();
            if (t != null) throw new IllegalStateException("env-producers of run '" + cfg.runId() + "' failed: " + t, t);
            return;
        }
        closed = true;
        running = false;
        try {
            thread.join(wait == null ? 60_000 : Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // a commit still waiting for the broker fails when its producer is closed: the publisher then ends
            producer.close(wait != null ? wait
                    : cfg.deliveryTimeout().compareTo(Duration.ofMinutes(5)) < 0 ? cfg.deliveryTimeout() : Duration.ofMinutes(5));
        } finally {
            feed.close();
        }
        Throwable t = failure.get();
        if (t != null) throw new IllegalStateException("env-producers of run '" + cfg.runId() + "' failed: " + t, t);
    }
}
