package org.d2r.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.DeadLetter;
import org.d2r.schemas.MalformedRecordException;
import org.d2r.schemas.Topics;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.UnknownSchemaException;
import org.d2r.schemas.kafka.KafkaClientProperties;

/**
 * The learner's side of the batch contract: reads the replay-batches topic and hands out each
 * sequence number once, in order. Batches at or below the last applied sequence (re-sent after
 * a replay-job restart, or already trained on before a learner restart) are skipped, which
 * turns the at-least-once topic into exactly-once training. A gap in the sequence is a pipeline
 * fault and is reported, never skipped over. Malformed records go to the dead-letter topic.
 * A batch of references comes out with its rows resolved from the transitions topic (see {@link
 * TransitionWindows}), so a caller sees the same batch whichever way the replay job wrote it.
 * Not thread-safe: one learner thread.
 */
public final class ReplayBatchReader implements AutoCloseable {

    static final String STAGE = "learner/batch-reader";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final Topics topics;
    private final AvroCodec<TrainingBatch> codec = AvroCodec.forType(TrainingBatch.class);
    private final AvroCodec<DeadLetter> deadLetterCodec = AvroCodec.forType(DeadLetter.class);
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> pending = new ArrayDeque<>();
    private long lastSequence;
    private long skipped;
    private long bytesRead;
    /** The record of the last batch handed out, skipped or dead-lettered: where a commit puts the position. */
    private ConsumerRecord<byte[], byte[]> last;
    private final String bootstrapServers;
    private final Map<String, String> clientProperties;
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** Opened on the first batch of references; read by a thread that wakes this reader. */
    private volatile TransitionWindows windows;
    private TrainingBatch resolving;
    private ConsumerRecord<byte[], byte[]> resolvingAt;

    /** lastAppliedSequence: the last batch the learner trained on (from its checkpoint), or -1. */
    public ReplayBatchReader(String bootstrapServers, Topics topics, String groupId, long lastAppliedSequence) {
        this(bootstrapServers, topics, groupId, lastAppliedSequence, Map.of(), false);
    }

    /**
     * @param clientProperties Kafka client properties (security settings) for the consumer and the
     *                         dead-letter producer; protected keys are refused ({@link KafkaClientProperties})
     * @param rewind read the batches from the topic's start instead of the group's committed position (skipping
     *               those up to {@code lastAppliedSequence}): a learner that resumes from an older checkpoint than
     *               the one its last commit went with, because the newer one was unreadable
     */
    public ReplayBatchReader(String bootstrapServers, Topics topics, String groupId, long lastAppliedSequence,
                             Map<String, String> clientProperties, boolean rewind) {
        this.topics = topics;
        this.lastSequence = lastAppliedSequence;
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = KafkaClientProperties.checked(clientProperties);
        this.consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers, groupId, this.clientProperties), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.consumer.subscribe(List.of(topics.replayBatches()), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
            private boolean first = rewind; // rewinding: the first assignment starts at the topic's beginning

            @Override
            public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                if (first) consumer.seekToBeginning(partitions);
                first = false;
            }
        });
        this.deadLetters = new KafkaProducer<>(deadLetterProducerConfig(bootstrapServers, this.clientProperties), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    public static Properties consumerConfig(String bootstrapServers, String groupId, Map<String, String> clientProperties) {
        Properties c = KafkaClientProperties.withBootstrap(bootstrapServers, clientProperties);
        c.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // A batch is N x 128 rows; a few are enough per poll for a learner that takes seconds per update.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 8,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                // Updates can take seconds each on a CPU; leave room before the group evicts the learner.
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30 * 60 * 1000));
        return c;
    }

    public static Properties deadLetterProducerConfig(String bootstrapServers, Map<String, String> clientProperties) {
        Properties p = KafkaClientProperties.withBootstrap(bootstrapServers, clientProperties);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024 * 1024);
        return p;
    }

    /** The next batch in sequence, or null if none arrived within {@code timeout}. */
    public TrainingBatch next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (resolving != null) {
            return handOut(deadline);
        }
        while (true) {
            while (!pending.isEmpty()) {
                ConsumerRecord<byte[], byte[]> r = pending.poll();
                bytesRead += r.value() == null ? 0 : r.value().length;
                TrainingBatch b;
                try {
                    b = codec.decode(r.value());
                } catch (UnknownSchemaException e) {
                    // not a damaged record: a replay job of a newer release; every batch would go the same way
                    throw new IllegalStateException("replay batch at " + r.topic() + "/" + r.partition() + "@" + r.offset()
                            + " is written with a schema this learner does not know (" + e.getMessage() + "): upgrade the"
                            + " learner to the replay job's release (readers first)", e);
                } catch (MalformedRecordException e) {
                    last = r;
                    deadLetters.send(new ProducerRecord<>(topics.deadLetters(), r.key(),
                            deadLetterCodec.encode(deadLetter(r, e.getMessage(), STAGE))));
                    continue;
                }
                if (b.getSequence() <= lastSequence) {
                    last = r;
                    skipped++;
                    continue;
                }
                if (b.getSequence() != lastSequence + 1 && lastSequence >= 0) {
                    throw new IllegalStateException("replay batch " + (lastSequence + 1) + " is missing: got " + b.getSequence()
                            + " at " + r.topic() + "/" + r.partition() + "@" + r.offset() + ". The topic lost records"
                            + " (retention shorter than the learner's lag?) or two replay jobs write to it.");
                }
                if (!b.getRefs().isEmpty()) {
                    if (!b.getRows().isEmpty()) {
                        throw new IllegalStateException("replay batch " + b.getSequence() + " carries both rows and"
                                + " references; a replay job writes one or the other");
                    }
                    if (windows == null) {
                        windows = new TransitionWindows(bootstrapServers, topics.transitions(), clientProperties);
                    }
                    // its position is committed only once it is handed out: a commit in between must not pass it
                    resolving = b;
                    resolvingAt = r;
                    return handOut(deadline);
                }
                last = r;
                lastSequence = b.getSequence();
                return b;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            consumer.poll(Duration.ofNanos(Math.min(left, 500_000_000L))).forEach(pending::add);
        }
    }

    /** The batch of references in hand once its rows are read, or null if they are still on their way. */
    private TrainingBatch handOut(long deadline) {
        List<org.d2r.schemas.Transition> rows = windows.resolve(resolving, deadline);
        if (rows == null) {
            return null;
        }
        TrainingBatch b = resolving;
        resolving = null;
        b.setRows(rows);
        last = resolvingAt;
        lastSequence = b.getSequence();
        return b;
    }

    /** The dead-letter record of a refused record (a batch that does not decode, an exported transition): where and why. */
    public static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> r, String reason, String stage) {
        return DeadLetter.newBuilder()
                .setSourceTopic(r.topic()).setPartition(r.partition()).setOffset(r.offset())
                .setKey(r.key() == null ? null : java.nio.ByteBuffer.wrap(r.key()))
                .setValue(r.value() == null ? null : java.nio.ByteBuffer.wrap(r.value()))
                .setReason(reason).setStage(stage).setFailedAtMs(System.currentTimeMillis())
                .build();
    }

    /** Sequence number of the last batch handed out (or the one given at construction). */
    public long lastSequence() {
        return lastSequence;
    }

    public long skipped() {
        return skipped;
    }

    /**
     * Commits the position after the last batch handed out (not after batches fetched but not yet
     * handed out); call after the learner has checkpointed what it trained on.
     */
    public void commit() {
        if (last != null) {
            consumer.commitSync(Map.of(new TopicPartition(last.topic(), last.partition()), new OffsetAndMetadata(last.offset() + 1)));
        }
    }

    /** Bytes of batch records read so far (handed out, skipped or dead-lettered). */
    public long bytesRead() {
        return bytesRead;
    }

    /** Transitions held to resolve batches of references (0 for inline batches). */
    public long transitionsHeld() {
        return windows == null ? 0 : windows.held();
    }

    /** Wakes a poll or commit in progress on another thread (the learner stopping without its broker). */
    void wakeup() {
        consumer.wakeup();
        TransitionWindows w = windows;
        if (w != null) w.consumer.wakeup();
    }

    @Override
    public void close() {
        close(CLOSE_WAIT);
    }

    void close(Duration wait) {
        try {
            deadLetters.close(wait);
        } finally {
            try {
                consumer.close(wait);
            } finally {
                if (windows != null) {
                    windows.consumer.close(wait);
                }
            }
        }
    }
}
