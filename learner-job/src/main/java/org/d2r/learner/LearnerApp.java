package org.d2r.learner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.nn.Rng;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.kafka.BrokerCheck;
import org.d2r.kafka.KafkaBatchSource;
import org.d2r.kafka.KafkaMetricsSink;
import org.d2r.kafka.KafkaPolicyPublisher;
import org.d2r.roles.Role;
import org.d2r.roles.learner.LearnerLoop;
import org.d2r.roles.learner.LearnerNetworks;

/**
 * The pipeline's learner: the learner loop on one background thread, over the replay-batches topic
 * ({@link KafkaBatchSource}) and publishing to the policy-snapshots topic ({@link KafkaPolicyPublisher}), each update's
 * figures to the learner-metrics topic too ({@link KafkaMetricsSink}, for the run monitor).
 * It publishes the actor at the start too, so the producers can act; on start it resumes from the newest
 * checkpoint, so that no batch is trained on twice or skipped.
 */
public final class LearnerApp extends Role {

    private static final Duration POLL = Duration.ofMillis(500);

    private final LearnerSettings settings;
    private final LearnerLoop loop;
    private volatile boolean finalCheckpoint = true;
    /** The loop's update count once the step that made it is done (its metrics row and checkpoint written). */
    private volatile long updates;

    private LearnerApp(LearnerSettings settings) throws IOException {
        super("learner", settings.runId(), false);
        this.settings = settings;
        LearnerConfig cfg = settings.learner();
        int n = cfg.tasks();
        Method method = settings.method();
        MultiTaskSac sac = LearnerNetworks.sac(method, cfg.net(), cfg.obsDims(), cfg.actionDims(), settings.tasks(), cfg.sac(),
                new Rng(settings.seed()));
        // a method without routing neither reads nor trains on the behaviour's routing paths
        TransitionBatch batch = TransitionBatch.allocate(cfg.sac().batchSize(), cfg.obsDims(), cfg.actionDims(),
                method.routed() ? cfg.net().modules() : 0);
        String fingerprint = method.cliName() + "-" + Integer.toHexString(cfg.net().toString().hashCode()) + "-" + n;
        // a checkpoint of another method or preset fails here, and the loop closes what it was given
        this.loop = new LearnerLoop(sac, method, cfg.net(), batch,
                new KafkaBatchSource(settings.bootstrapServers(), settings.topics(), settings.groupId(),
                        settings.clientProperties(), n),
                new KafkaPolicyPublisher(settings.bootstrapServers(), settings.topics().policySnapshots(), settings.runId(),
                        fingerprint, settings.clientProperties()),
                new KafkaMetricsSink(settings.bootstrapServers(), settings.topics().learnerMetrics(), settings.runId(),
                        settings.clientProperties()),
                new LearnerLoop.Settings(settings.runDir(), "learner-", settings.tasks(), settings.checkpointEvery(),
                        settings.snapshotEvery()));
        this.updates = loop.updates();
    }

    public static LearnerApp start(LearnerSettings settings) {
        try {
            return started(new LearnerApp(settings));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the learner's run folder " + settings.runDir() + ": " + e, e);
        }
    }

    @Override
    protected void work() throws IOException {
        try (loop) {
            try {
                loop.publish();
            } catch (RuntimeException e) {
                if (running) throw e; // stopped while the first snapshot waited for a broker that is gone
            }
            while (running && (settings.maxUpdates() == 0 || loop.updates() < settings.maxUpdates())) {
                if (loop.step(POLL)) updates = loop.updates();
            }
            // A kill (close without checkpoint) must leave only what was checkpointed: that is the fault drill.
            if (finalCheckpoint) loop.finish();
        }
    }

    /** LearnerCommand and train say why the learner stopped. */
    @Override
    protected void stopped(Throwable t) {
    }

    /** Updates applied so far (restored count included). */
    public long updates() {
        return updates;
    }

    public long lastAppliedSequence() {
        return loop.lastSequence();
    }

    /** The batch sequence the newest checkpoint ended at when this learner started (-1: fresh start). */
    public long resumedFromSequence() {
        return loop.resumed().map(LearnerLoop.Resumed::lastSequence).orElse(-1L);
    }

    /** Update count of the newest checkpoint on disk: what a restart resumes from (equals updates() after a clean close). */
    public long checkpointedUpdate() {
        return loop.checkpointedUpdate();
    }

    public String restoreNote() {
        return loop.resumed().map(LearnerLoop.Resumed::note).orElse(null);
    }

    public int metricsRowsDropped() {
        return loop.metricsRowsDropped();
    }

    public long snapshotVersion() {
        return loop.snapshotVersion();
    }

    /**
     * Stops after the current update, writes a final checkpoint and snapshot. When the broker does not answer within
     * {@link BrokerCheck#AT_STOP} (a compose stop after the broker's, a broker lost for good), it stops as
     * {@link #closeWithoutBroker()} does instead of waiting minutes for the clients' timeouts.
     */
    @Override
    public void close() {
        Optional<String> gone = BrokerCheck.problem(settings.clientProperties(), settings.bootstrapServers(),
                BrokerCheck.AT_STOP);
        if (gone.isPresent()) {
            System.err.println("learner: stopping without a last snapshot: " + gone.get());
            closeWithoutBroker();
        } else {
            stop(true);
        }
    }

    /**
     * Stops without a final checkpoint, as a crash would: a restart goes back to the newest periodic
     * checkpoint. For fault drills and tests.
     */
    public void kill() {
        stop(false);
    }

    /**
     * Stops with a final checkpoint when the broker is known to be gone: nothing waits for Kafka (no last snapshot,
     * no offset commit, clients closed at once), so the stop takes seconds, not the clients' timeouts. The checkpoint
     * alone makes the resume exact.
     */
    public void closeWithoutBroker() {
        loop.abandonTransport();
        stop(true);
    }

    private void stop(boolean checkpoint) {
        finalCheckpoint = checkpoint;
        running = false;
        loop.stopSoon();
        try {
            if (!awaitFinished(Duration.ofMinutes(2))) {
                thread.interrupt();
                awaitFinished(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
