package org.d2r.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.d2r.roles.PolicySource;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.PolicySnapshot;
import org.d2r.schemas.kafka.KafkaSettings;

/**
 * Follows one run's policy snapshots on the compacted policy-snapshots topic and keeps the newest
 * (highest version). It reads from the beginning without a consumer group: every producer and
 * evaluator needs the newest snapshot, not a share of them, and nothing needs committing.
 * Decoding happens on the feed's thread so the acting thread only swaps a reference.
 */
public final class SnapshotFeed implements PolicySource, AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final String runId;
    private final AtomicReference<Policy> latest = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    public SnapshotFeed(KafkaSettings kafka, String topic, String runId) {
        this.topic = topic;
        this.runId = runId;
        Properties p = kafka.base();
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.partition.fetch.bytes", Integer.toString(64 * 1024 * 1024));
        p.put("fetch.max.bytes", Integer.toString(64 * 1024 * 1024));
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "snapshot-feed-" + runId);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Policy latest() {
        Throwable t = failure.get();
        if (t != null) throw new IllegalStateException("policy snapshot feed of run '" + runId + "' failed: " + t, t);
        return latest.get();
    }

    private void run() {
        AvroCodec<PolicySnapshot> codec = AvroCodec.forType(PolicySnapshot.class);
        try {
            List<TopicPartition> parts = null;
            while (running && parts == null) {
                List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (info != null && !info.isEmpty()) {
                    parts = info.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                }
            }
            if (parts == null) return;
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!runId.equals(r.key()) || r.value() == null) continue;
                    PolicySnapshot s = codec.decode(r.value());
                    Policy cur = latest.get();
                    if (cur != null && cur.version() >= s.getVersion()) continue;
                    byte[] w = new byte[s.getWeights().remaining()];
                    s.getWeights().duplicate().get(w);
                    org.d2r.core.io.PolicySnapshot policy = org.d2r.core.io.PolicySnapshot.fromBytes(w);
                    latest.set(new Policy(s.getVersion(), s.getUpdateCount(), s.getEnvStepsPerTask(), policy));
                }
            }
        } catch (WakeupException e) {
            if (running) failure.set(e);
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
