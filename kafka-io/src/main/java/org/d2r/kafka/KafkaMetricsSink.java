package org.d2r.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.d2r.roles.learner.MetricsSink;
import org.d2r.roles.learner.UpdateMetrics;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.LearnerMetrics;
import org.d2r.schemas.kafka.KafkaClientProperties;

/**
 * The learner's figures to the learner-metrics topic, keyed by run id, for the run monitor. Sends are asynchronous
 * and never stop training: metrics.csv has every row, and a broker that cannot take one leaves a gap in a live chart
 * (counted, and said once on stderr). A send waits at most {@link #MAX_BLOCK} for buffer space or metadata, so a
 * broker that went away does not hold the learner's thread for Kafka's default minute; after such a wait the sink
 * pauses for {@link #PAUSE} (a missing topic would otherwise cost every update the whole wait).
 */
public final class KafkaMetricsSink implements MetricsSink {

    static final Duration MAX_BLOCK = Duration.ofSeconds(2);
    static final Duration PAUSE = Duration.ofMinutes(1);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String runId;
    private final AvroCodec<LearnerMetrics> codec = AvroCodec.forType(LearnerMetrics.class);
    private final AtomicLong lost = new AtomicLong();
    private final AtomicReference<String> firstLoss = new AtomicReference<>();
    /** System.nanoTime() before which nothing is sent (a wait for the broker just timed out); 0: not paused. */
    private volatile long pausedUntil;
    private volatile boolean abandoned;

    public KafkaMetricsSink(String bootstrapServers, String topic, String runId, Map<String, String> clientProperties) {
        this.topic = topic;
        this.runId = runId;
        Properties p = KafkaClientProperties.withBootstrap(bootstrapServers, clientProperties);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
        // a row per update: a short linger sends them a few at a time
        p.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void write(UpdateMetrics m) {
        if (abandoned || paused()) {
            lost.incrementAndGet();
            return;
        }
        try {
            LearnerMetrics record = LearnerMetrics.newBuilder().setRunId(runId).setUpdate(m.update())
                    .setBatchSequence(m.batchSequence()).setEnvStepsPerTask(m.envStepsPerTask()).setFigures(m.figures())
                    .setAlpha(m.alpha().stream().map(Double::floatValue).toList())
                    .setTau(m.tau().stream().map(Double::floatValue).toList()).setCreatedAtMs(m.createdAtMs()).build();
            producer.send(new ProducerRecord<>(topic, runId, codec.encode(record)), (meta, e) -> {
                if (e != null) lost(e);
            });
        } catch (RuntimeException e) {
            lost(e);
        }
    }

    private void lost(Exception e) {
        lost.incrementAndGet();
        if (e instanceof org.apache.kafka.common.errors.TimeoutException) pausedUntil = System.nanoTime() + PAUSE.toNanos();
        // abandoned: sends in flight fail by design, and the learner has said why it stopped without the broker
        if (!abandoned && firstLoss.compareAndSet(null, e.toString())) {
            System.err.println("learner: figures not published to '" + topic + "' (" + e + "; is the topic there? TopicLayout"
                    + " and compose's topics service create it); metrics.csv keeps them, the run monitor's charts will have a gap");
        }
    }

    boolean paused() {
        long until = pausedUntil;
        return until != 0 && System.nanoTime() - until < 0;
    }

    public long lost() {
        return lost.get();
    }

    @Override
    public void abandon() {
        abandoned = true;
        producer.close(Duration.ZERO);
    }

    @Override
    public void close() {
        if (abandoned) return; // closed already, without waiting
        // paused: the broker did not answer lately, and figures are not worth a stopping learner's wait
        producer.close(paused() ? Duration.ZERO : Duration.ofSeconds(5));
    }
}
