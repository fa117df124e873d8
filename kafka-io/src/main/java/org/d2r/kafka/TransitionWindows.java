package org.d2r.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.SourcePosition;
import org.d2r.schemas.TrainingBatch;
import org.d2r.schemas.Transition;
import org.d2r.schemas.TransitionRef;

/**
 * The reader's copy of the replay windows, which resolves a batch's references: the transitions
 * topic's records by partition and offset, from each task's window start on.
 *
 * <p>It reads a partition only as far as the batch in hand needs (the others are paused, so a fast
 * producer cannot fill its memory) and forgets what lies before the window starts the batch
 * reports: window starts never move back, so nothing a later batch names is forgotten, and the
 * copy holds about what the replay job's windows cover. After a learner restart the first batch's
 * window starts say where to seek. Not thread-safe: the learner's reading thread only.
 */
final class TransitionWindows {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TransitionWindows.class);
    /** How long a partition may stay short of a record that a batch names before a warning (it keeps waiting). */
    static final Duration STALL_WARNING = Duration.ofMinutes(1);

    private final String topic;
    /** Woken and closed by the {@link ReplayBatchReader} that opened these windows. */
    final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
    private final Map<Integer, PartitionLog> logs = new HashMap<>();
    /** When the batch being resolved began to wait for its records (-1: it is not waiting), for the stall warning. */
    private long stalledSince = -1;
    private long lastWarning;
    private long recordsSeen;
    private long bytesSeen;
    private boolean warnedAboutMemory;

    TransitionWindows(String bootstrapServers, String topic, Map<String, String> clientProperties) {
        this.topic = topic;
        // the pass-through properties first, then this reader's own settings, which win
        Properties c = new Properties();
        c.putAll(clientProperties);
        c.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // Positions come from the batches' window starts, never from a consumer group.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // A window start the topic no longer holds is an error to report, not a reason to jump.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                // The replay job reads committed transitions only; a batch never names an aborted one.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * The batch's rows, in batch order, read from the transitions topic as far as needed, or null when
     * they have not all arrived by {@code deadlineNanos} (call again with the same batch: a broker
     * outage only delays training). They are decoded when first read: a caller that only counts or
     * forwards them pays no decoding.
     */
    List<Transition> resolve(TrainingBatch batch, long deadlineNanos) {
        Map<Integer, long[]> spans = spans(batch); // partition -> {window start, newest offset needed}
        for (Map.Entry<Integer, long[]> e : spans.entrySet()) {
            PartitionLog log = logs.get(e.getKey());
            long start = e.getValue()[0];
            if (log != null && start < log.first) {
                // never in one replay job's stream; a new one (or a reset) starts windows afresh: read again
                LOG.warn("replay batch {}: partition {}'s window starts at {}, before the {} held; reading from there",
                        batch.getSequence(), e.getKey(), start, log.first);
                log = null;
            }
            // new to the copy, or a window that moved past records not read yet: seek over them, not read and drop them
            boolean seek = log == null || log.next() < start;
            if (log == null) {
                log = new PartitionLog(start);
                logs.put(e.getKey(), log);
                consumer.assign(logs.keySet().stream().map(p -> new TopicPartition(topic, p)).toList());
            }
            log.dropBefore(start);
            if (seek) {
                consumer.seek(new TopicPartition(topic, e.getKey()), start);
            }
        }
        if (!readUntilCovered(batch.getSequence(), spans, deadlineNanos)) {
            return null;
        }

        List<TransitionRef> refs = batch.getRefs();
        byte[][] rows = new byte[refs.size()][];
        for (int r = 0; r < refs.size(); r++) {
            TransitionRef ref = refs.get(r);
            PartitionLog log = logs.get(ref.getPartition());
            byte[] bytes = log == null ? null : log.get(ref.getOffset());
            if (bytes == null) {
                throw new IllegalStateException("replay batch " + batch.getSequence() + " row " + r + " names " + topic + "/"
                        + ref.getPartition() + "@" + ref.getOffset() + ", which is not in the topic (or lies before its"
                        + " task's window start " + (log == null ? "?" : log.first) + "): the batch and the"
                        + " transitions topic disagree; was the topic recreated or compacted?");
            }
            rows[r] = bytes;
        }
        return new EncodedRows(rows, codec);
    }

    static final class EncodedRows extends java.util.AbstractList<Transition> implements java.util.RandomAccess {
        private final byte[][] encoded;
        private final Transition[] decoded;
        private final AvroCodec<Transition> codec;

        EncodedRows(byte[][] encoded, AvroCodec<Transition> codec) {
            this.encoded = encoded;
            this.decoded = new Transition[encoded.length];
            this.codec = codec;
        }

        @Override
        public Transition get(int i) {
            Transition t = decoded[i];
            if (t == null) {
                t = codec.decode(encoded[i]);
                decoded[i] = t;
            }
            return t;
        }

        @Override
        public int size() {
            return encoded.length;
        }
    }

    /** Per partition, the lowest window start of its tasks and the newest offset a row or source names. */
    private static Map<Integer, long[]> spans(TrainingBatch batch) {
        Map<Integer, long[]> spans = new HashMap<>();
        for (SourcePosition s : batch.getSources()) {
            if (s.getWindowStart() < 0) {
                throw new IllegalStateException("replay batch " + batch.getSequence() + " carries references but task "
                        + s.getTaskId() + " has no window start: it was written by a replay job of another version;"
                        + " run the replay job and the learner from the same release");
            }
            long[] span = spans.computeIfAbsent(s.getPartition(), p -> new long[] {Long.MAX_VALUE, -1});
            span[0] = Math.min(span[0], s.getWindowStart());
            span[1] = Math.max(span[1], s.getOffset());
        }
        for (TransitionRef ref : batch.getRefs()) {
            long[] span = spans.get(ref.getPartition());
            if (span == null) {
                throw new IllegalStateException("replay batch " + batch.getSequence() + " names partition "
                        + ref.getPartition() + ", on which none of its tasks' streams lies");
            }
            span[1] = Math.max(span[1], ref.getOffset());
        }
        return spans;
    }

    /** Reads until every partition holds what the batch names; false if {@code deadlineNanos} comes first. */
    private boolean readUntilCovered(long sequence, Map<Integer, long[]> spans, long deadlineNanos) {
        while (true) {
            List<TopicPartition> behind = new ArrayList<>();
            List<TopicPartition> done = new ArrayList<>();
            for (Map.Entry<Integer, PartitionLog> e : logs.entrySet()) {
                long[] span = spans.get(e.getKey());
                TopicPartition tp = new TopicPartition(topic, e.getKey());
                (span != null && e.getValue().next() <= span[1] ? behind : done).add(tp);
            }
            if (behind.isEmpty()) {
                stalledSince = -1;
                return true;
            }
            long now = System.nanoTime();
            if (stalledSince < 0) {
                stalledSince = now;
                lastWarning = now;
            } else if (now - lastWarning > STALL_WARNING.toNanos()) {
                lastWarning = now;
                LOG.warn("replay batch {} names transitions up to {} but {} has delivered only up to {} for {} s: is the"
                        + " broker reachable, and does the learner read the replay job's cluster and topic prefix?", sequence,
                        describe(spans, s -> s[1]), topic, describe(logs, l -> l.next() - 1), (now - stalledSince) / 1_000_000_000L);
            }
            if (now > deadlineNanos) {
                return false;
            }
            consumer.pause(done);
            consumer.resume(behind);
            long before = held();
            try {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(Math.max(1,
                        Math.min(200, (deadlineNanos - now) / 1_000_000))))) {
                    logs.get(r.partition()).put(r.offset(), r.value());
                    recordsSeen++;
                    bytesSeen += r.value() == null ? 0 : r.value().length;
                }
            } catch (OffsetOutOfRangeException e) {
                throw new IllegalStateException("the transitions topic no longer holds " + e.offsetOutOfRangePartitions()
                        + ", where replay batch " + sequence + "'s windows start: its retention is shorter than a"
                        + " transition's stay in the replay window; raise retention.ms/retention.bytes of " + topic, e);
            }
            // Past control records and gaps the consumer skips without handing out a record.
            for (TopicPartition tp : behind) {
                logs.get(tp.partition()).skipTo(consumer.position(tp));
            }
            if (!warnedAboutMemory && recordsSeen > 0) {
                String warning = memoryWarning(held() * (bytesSeen / recordsSeen + ARRAY_OVERHEAD), Runtime.getRuntime().maxMemory());
                if (warning != null) {
                    warnedAboutMemory = true;
                    LOG.warn(warning);
                }
            }
            if (held() > before) {
                // reading a whole window after a restart takes a while: the warning clock counts stalls only
                stalledSince = System.nanoTime();
                lastWarning = stalledSince;
            }
        }
    }

    /** Bytes a held record costs beyond its own: the array's header and the ring's reference to it. */
    static final long ARRAY_OVERHEAD = 24;

    /**
     * A warning once the copy of the windows takes half the heap: it grows to the replay capacity,
     * and an out-of-memory error hours into a run is worse than a line at its start. Null below that.
     */
    static String memoryWarning(long bytesHeld, long maxHeap) {
        if (maxHeap <= 0 || maxHeap == Long.MAX_VALUE || bytesHeld < maxHeap / 2) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "the learner's copy of the replay windows holds about %d MB of a %d MB"
                + " heap and grows to the replay capacity (about 420 bytes a transition): give the learner more heap"
                + " (D2R_OPTS=-Xmx..., JAVA_TOOL_OPTIONS in docker-compose.yml)", bytesHeld >> 20, maxHeap >> 20);
    }

    /** "partition P@O, ..." with each partition's offset. */
    private static <T> String describe(Map<Integer, T> byPartition, java.util.function.ToLongFunction<T> offset) {
        return byPartition.entrySet().stream().map(e -> "partition " + e.getKey() + "@" + offset.applyAsLong(e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Records held, over all partitions (including gaps up to the newest read). */
    long held() {
        return logs.values().stream().mapToLong(l -> l.size).sum();
    }

    /** One partition's records from {@code first} to {@code next - 1}, in a ring that grows as needed. */
    static final class PartitionLog {
        private byte[][] ring = new byte[1024][];
        private int head;
        int size;
        long first;

        PartitionLog(long first) {
            this.first = first;
        }

        long next() {
            return first + size;
        }

        void put(long offset, byte[] value) {
            if (offset < next()) {
                return; // read again after a seek: already held
            }
            while (next() < offset) {
                append(null); // an offset the topic does not deliver (a transaction marker)
            }
            append(value);
        }

        byte[] get(long offset) {
            if (offset < first || offset >= next()) {
                return null;
            }
            return ring[(int) ((head + (offset - first)) % ring.length)];
        }

        void dropBefore(long offset) {
            while (size > 0 && first < offset) {
                ring[head] = null;
                head = (head + 1) % ring.length;
                size--;
                first++;
            }
            if (size == 0 && first < offset) {
                first = offset;
            }
        }

        void skipTo(long offset) {
            if (size == 0 && offset > first) {
                first = offset;
            }
            while (next() < offset) {
                append(null);
            }
        }

        private void append(byte[] value) {
            if (size == ring.length) {
                byte[][] bigger = new byte[ring.length * 2][];
                for (int i = 0; i < size; i++) {
                    bigger[i] = ring[(head + i) % ring.length];
                }
                ring = bigger;
                head = 0;
            }
            ring[(head + size) % ring.length] = value;
            size++;
        }
    }
}
