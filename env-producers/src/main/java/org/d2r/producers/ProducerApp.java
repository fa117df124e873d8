package org.d2r.producers;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.d2r.core.nn.Rng;
import org.d2r.kafka.BrokerCheck;
import org.d2r.kafka.KafkaTransitionSink;
import org.d2r.kafka.SnapshotFeed;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.roles.EnvironmentLoop;
import org.d2r.roles.LoopProgress;
import org.d2r.roles.PolicySource;
import org.d2r.roles.RecentEpisodes;
import org.d2r.roles.Role;
import org.d2r.roles.SnapshotActing;
import org.d2r.roles.TransitionSink;

/**
 * The environment producers of one run: the roles' {@link EnvironmentLoop} on one thread stepping every
 * environment of every task in turn (the machine has 2 cores; the learner needs the other), acting with
 * the newest policy snapshot of the {@link SnapshotFeed}, and handing each step to the Kafka
 * {@link KafkaTransitionSink}, which publishes it as a {@code Transition} keyed by task id.
 *
 * <p>Acting: the producers wait for the run's first snapshot (the learner publishes its initial
 * policy as version 0), because even warm-up transitions carry the behaviour routing path d_old
 * that D2R's stored-path update needs (a baseline's snapshot has no routing: its transitions carry an
 * empty path). During the warm-up (the first w transitions of a task) the
 * action is uniform in [-1, 1] and snapshotVersion is -1; afterwards SampleK at tau_T with a sampled
 * action (TopK if the preset switches SampleK off), snapshotVersion = the acting snapshot's version.
 *
 * <p>Delivery: exactly once, by Kafka transactions (see {@link KafkaTransitionSink}): a transaction ends
 * at an episode end, after {@link KafkaTransitionSink#COMMIT_EVERY}, before a pause for the learner, or
 * at the stop. Any send or commit that fails stops the producers; {@link #close()} and
 * {@link #awaitFinished(Duration)} then throw it, it is never swallowed.
 *
 * <p>Flow control: see {@link Lead}.
 *
 * <p>Continuing a run: every start reads the run's progress back from the transitions topic's committed
 * records, so step counts, the warm-up, the budget and the lead are the run's, not this start's; every
 * environment starts a fresh episode with a new index.
 */
public final class ProducerApp extends Role {

    private final ProducerConfig cfg;
    private final SnapshotFeed feed;
    private final KafkaTransitionSink sink;
    private final AtomicLong actingVersion = new AtomicLong(Long.MIN_VALUE);
    private final RecentEpisodes recent;
    private volatile LoopProgress reached;
    private volatile EnvironmentLoop loop;
    /** The final commit's wait when the broker is gone: the open transaction is aborted on resume anyway. */
    private static final Duration GONE_BROKER_WAIT = Duration.ofSeconds(5);
    private volatile boolean paused;

    private ProducerApp(ProducerConfig cfg) {
        super("env-producers", cfg.runId(), true);
        this.cfg = cfg;
        this.recent = new RecentEpisodes(cfg.tasks().size());
        this.sink = new KafkaTransitionSink(cfg.transitionTopic());
        this.reached = sink.resumed();
        this.feed = new SnapshotFeed(cfg.kafka(), cfg.topics().policySnapshots(), cfg.runId());
    }

    public static ProducerApp start(ProducerConfig cfg) {
        return started(new ProducerApp(cfg));
    }

    /** A clean stop keeps what was stepped: a continued run starts fresh episodes after it. */
    @Override
    protected void ended(boolean completed) throws InterruptedException {
        sink.end(completed);
    }

    @Override
    protected void work() throws InterruptedException {
        long warmup = cfg.effectiveWarmup();
        Lead lead = new Lead(warmup, cfg.learner().sac().updatesPerEnvStep(), cfg.maxLeadUpdates());
        Rng master = new Rng(cfg.seed() * 7919 + 17);
        Rng actRng = master.split();
        Rng warmRng = master.split();
        SnapshotActing actor = actor(cfg, actRng);
        try (EnvironmentLoop envs = loop(cfg, sink.resumed(), sink, recent)) {
            loop = envs;
            while (feed.latest() == null) {
                if (!running) return;
                Thread.sleep(20);
            }
            while (running && (cfg.maxStepsPerTask() == 0 || envs.stepsPerTask() < cfg.maxStepsPerTask())) {
                sink.rethrowFailure();
                PolicySource.Policy snap = feed.latest();
                if (actor.use(snap)) actingVersion.set(snap.version());
                if (lead.mustPause(envs.stepsPerTask(), snap.updateCount())) {
                    // nothing waits in an open transaction: the learner may take longer than the transaction timeout
                    sink.commit();
                    paused = true;
                    feed.awaitNewerThan(snap.version(), Duration.ofMillis(200));
                    continue;
                }
                paused = false;
                envs.explore(actor, warmup, warmRng);
                reached = envs.progress();
            }
        }
    }

    static SnapshotActing actor(ProducerConfig cfg, Rng actRng) {
        return new SnapshotActing(MetaWorldEnv.OBS_DIM, MetaWorldEnv.ACTION_DIM, cfg.tasks().size(),
                cfg.tasks().size() * cfg.envsPerTask(), cfg.learner().sac().sampleKWhenActing(), actRng);
    }

    /** The producers' environment loop: env e of a task on (seed, e), a continued Rand run on a fresh goal stream. */
    static EnvironmentLoop loop(ProducerConfig cfg, LoopProgress from, TransitionSink sink, RecentEpisodes recent) {
        return new EnvironmentLoop(cfg.tasks(), cfg.envsPerTask(),
                (task, e, firstEpisode) -> MetaWorld.make(task, EnvConfig.paper(cfg.goalMode(), envSeed(cfg, firstEpisode), e)
                        .withMaxPathLength(cfg.effectiveEpisodeSteps())),
                from, sink, recent);
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

    /** Waits until a bounded run (maxStepsPerTask) has published and flushed everything; true if it has. */
    @Override
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        boolean finished = super.awaitFinished(timeout);
        throwIfFailed();
        return finished;
    }

    /** Environment steps taken since the run's start (all tasks and envs; includes the steps a continued run started from). */
    public long envSteps() {
        EnvironmentLoop l = loop;
        return l != null ? l.envSteps() : sink.resumed().stepsPerTask() * cfg.tasks().size();
    }

    /** Transitions committed since the run's start (a continued run counts its earlier ones). */
    public long published() {
        return sink.published();
    }

    /** Episodes finished by this start. */
    public long episodes() {
        EnvironmentLoop l = loop;
        return l != null ? l.episodes() : 0;
    }

    /** Version of the snapshot acting now; Long.MIN_VALUE before the first arrived. */
    public long actingVersion() {
        return actingVersion.get();
    }

    /** Per task (config order): success rate of the last 10 finished episodes, NaN before any. */
    public double[] recentSuccess() {
        return recent.successRates();
    }

    public boolean paused() {
        return paused;
    }

    /** What a continued run started from ({@link LoopProgress#start} for a new one). */
    public LoopProgress resumedFrom() {
        return sink.resumed();
    }

    /** The progress after the last full round of steps (committed at the next episode end or stop). */
    public LoopProgress progress() {
        return reached;
    }

    /** The first failure (a failed send, an environment error), or null. */
    @Override
    public Throwable failure() {
        Throwable t = super.failure();
        return t != null ? t : sink.failure();
    }

    /**
     * Stops stepping, commits what was stepped (waiting for the broker as a send would), and releases everything.
     * When the broker does not answer within {@link BrokerCheck#AT_STOP} (a compose stop after the broker's, a broker
     * lost for good), it stops as {@code close(5 s)} does instead of waiting minutes for the delivery timeout.
     */
    @Override
    public synchronized void close() {
        Optional<String> gone = closed ? Optional.empty()
                : BrokerCheck.problem(cfg.kafka().base(), cfg.kafka().bootstrapServers(), BrokerCheck.AT_STOP);
        gone.ifPresent(why -> System.err.println("env-producers: stopping without the last transaction (its steps are"
                + " taken again on resume): " + why));
        close(gone.isPresent() ? GONE_BROKER_WAIT : null);
    }

    /** The same, giving the final commit at most {@code wait}: for a broker known to be gone. */
    public void close(Duration wait) {
        close(wait == null ? 60_000 : Math.max(1, wait.toMillis()), () -> {
            try {
                // a commit still waiting for the broker fails when its producer is closed: the publisher then ends
                sink.close(wait != null ? wait
                        : cfg.deliveryTimeout().compareTo(Duration.ofMinutes(5)) < 0 ? cfg.deliveryTimeout() : Duration.ofMinutes(5));
            } finally {
                feed.close();
            }
        });
    }
}
