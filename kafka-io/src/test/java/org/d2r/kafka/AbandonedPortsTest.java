package org.d2r.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.nn.Rng;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The learner's Kafka ports when their broker has died: {@code abandon} from another thread ends a call that waits for
 * the broker, later calls fail at once, and closing does not wait. Without it a stopping learner sat out the clients'
 * timeouts (a minute for the snapshot's metadata, again for the final one) after its broker was gone.
 */
class AbandonedPortsTest {

    /** The clients' own waits here are a minute: anything near that is the bug, seconds are the fix. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    private static String nobodyListens() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    private static PolicySnapshot snapshot() {
        D2rNetConfig net = D2rNetConfig.small(4, 8, 16);
        return PolicySnapshot.of(Method.D2R, Method.D2R.actor(net, 39, 4, 2, 1, DataType.FLOAT, new Rng(1)), net,
                new double[] {1, 1}, 7);
    }

    @Test
    void anAbandonedPublisherEndsThePublishWaitingForTheBrokerAndRefusesTheNext() throws Exception {
        KafkaPolicyPublisher publisher = new KafkaPolicyPublisher(nobodyListens(), "policy-snapshots", "r1", "f", Map.of());
        PolicySnapshot policy = snapshot();
        CompletableFuture<Void> publish = CompletableFuture.runAsync(() -> publisher.publish(policy, 7, 100, new double[] {1, 1}));
        Thread.sleep(1_000);
        assertFalse(publish.isDone(), "the send waits for the broker's metadata (its own limit is a minute)");
        assertTimeoutPreemptively(BOUND, () -> {
            publisher.abandon();
            ExecutionException e = assertThrows(ExecutionException.class, publish::get);
            assertInstanceOf(RuntimeException.class, e.getCause());
            IllegalStateException next = assertThrows(IllegalStateException.class,
                    () -> publisher.publish(policy, 8, 100, new double[] {1, 1}));
            assertTrue(next.getMessage().contains("broker is gone"), next.getMessage());
            publisher.close();
        });
    }

    @Test
    void anAbandonedBatchSourceEndsThePollWaitingForBatchesSkipsTheCommitAndClosesAtOnce() throws Exception {
        KafkaBatchSource source = new KafkaBatchSource(nobodyListens(), Topics.defaults(), "g1", Map.of(), 2);
        TransitionBatch into = TransitionBatch.allocate(16, 39, 4, 0);
        CompletableFuture<Object> next = CompletableFuture.supplyAsync(() -> source.next(into, Duration.ofMinutes(2)));
        Thread.sleep(1_500);
        assertFalse(next.isDone(), "the poll waits for a batch");
        assertTimeoutPreemptively(BOUND, () -> {
            source.abandon();
            ExecutionException e = assertThrows(ExecutionException.class, next::get);
            assertInstanceOf(RuntimeException.class, e.getCause());
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> source.next(into, Duration.ofMinutes(2)));
            assertTrue(again.getMessage().contains("broker is gone"), again.getMessage());
            source.commit(); // the checkpoint holds the position: no wait for a group coordinator that is gone
            source.close();
        });
    }

    @Test
    void aBatchSourceAbandonedWhileItsReaderOpensDoesNotPoll() throws Exception {
        // abandon() lands between next()'s first check and the reader being there to wake (a slow start on a busy
        // machine): without the second check the poll waits its whole two minutes
        String nobody = nobodyListens();
        KafkaBatchSource[] source = new KafkaBatchSource[1];
        source[0] = new KafkaBatchSource((last, rewind) -> {
            ReplayBatchReader r = new ReplayBatchReader(nobody, Topics.defaults(), "g2", last, Map.of(), rewind);
            source[0].abandon();
            return r;
        }, 2);
        TransitionBatch into = TransitionBatch.allocate(16, 39, 4, 0);
        assertTimeoutPreemptively(BOUND, () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> source[0].next(into, Duration.ofMinutes(2)));
            assertTrue(e.getMessage().contains("broker is gone"), e.getMessage());
            source[0].close();
        });
    }

    @Test
    void anAbandonedMetricsSinkCountsWhatItCannotSendAndClosesAtOnce() throws Exception {
        KafkaMetricsSink sink = new KafkaMetricsSink(nobodyListens(), "learner-metrics", "r1", Map.of());
        assertTimeoutPreemptively(BOUND, () -> {
            sink.abandon();
            sink.write(new org.d2r.roles.learner.UpdateMetrics(1, 0, 400, Map.of(), java.util.List.of(1.0), java.util.List.of(1.0), 1));
            assertEquals(1, sink.lost());
            sink.close();
        });
    }
}
