package org.d2r.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.roles.PolicyPublisher;
import org.d2r.schemas.kafka.KafkaClientProperties;
import org.d2r.schemas.AvroCodec;

/**
 * The pipeline's policy publisher: the actor to the compacted policy-snapshots topic, keyed by run id so that compaction
 * keeps the newest. Sends are synchronous: a snapshot is rare and the producers must not act on a
 * version the broker may have lost.
 */
public final class KafkaPolicyPublisher implements PolicyPublisher {

    private static final long SEND_TIMEOUT_S = 30;

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String runId;
    private final String fingerprint;
    private final AvroCodec<org.d2r.schemas.PolicySnapshot> codec = AvroCodec.forType(org.d2r.schemas.PolicySnapshot.class);
    private volatile boolean abandoned;

    /** @param fingerprint the method and network the snapshots hold, so a reader can tell another run's */
    public KafkaPolicyPublisher(String bootstrapServers, String topic, String runId, String fingerprint,
                      Map<String, String> clientProperties) {
        this.topic = topic;
        this.runId = runId;
        this.fingerprint = fingerprint;
        this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, clientProperties), new StringSerializer(),
                new ByteArraySerializer());
    }

    public static Properties producerConfig(String bootstrapServers, Map<String, String> clientProperties) {
        Properties p = KafkaClientProperties.withBootstrap(bootstrapServers, clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024 * 1024);
        return p;
    }

    @Override
    public void publish(PolicySnapshot policy, long updateCount, long envStepsPerTask, double[] alpha) {
        org.d2r.schemas.PolicySnapshot record = org.d2r.schemas.PolicySnapshot.newBuilder()
                .setRunId(runId).setVersion(policy.version()).setUpdateCount(updateCount)
                .setAlpha(Arrays.stream(alpha).mapToObj(d -> (float) d).toList())
                .setTau(Arrays.stream(policy.tau()).mapToObj(d -> (float) d).toList())
                .setWeightsFormat("d2r-core.PolicySnapshot/" + PolicySnapshot.FORMAT).setWeights(ByteBuffer.wrap(policy.toBytes()))
                .setConfigFingerprint(fingerprint).setCreatedAtMs(System.currentTimeMillis()).setEnvStepsPerTask(envStepsPerTask)
                .build();
        if (abandoned) throw new IllegalStateException("policy snapshot " + policy.version() + " not published: the broker is gone");
        try {
            producer.send(new ProducerRecord<>(topic, runId, codec.encode(record))).get(SEND_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing policy snapshot " + policy.version(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("policy snapshot " + policy.version() + " not acknowledged by the broker within "
                    + SEND_TIMEOUT_S + " s (is Kafka at the bootstrap servers up?)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("policy snapshot " + policy.version() + " could not be written to '" + topic
                    + "': " + e.getCause(), e.getCause());
        }
    }

    /** Closing at once wakes a send that waits for the broker's metadata and fails the acknowledgement it waits for. */
    @Override
    public void abandon() {
        abandoned = true;
        producer.close(Duration.ZERO);
    }

    @Override
    public void close() {
        producer.close(abandoned ? Duration.ZERO : Duration.ofSeconds(5));
    }
}
