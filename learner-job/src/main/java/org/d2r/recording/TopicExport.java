package org.d2r.recording;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.d2r.kafka.ReplayBatchReader;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.DeadLetter;
import org.d2r.schemas.MalformedRecordException;
import org.d2r.schemas.Transition;
import org.d2r.schemas.TransitionCheck;

/**
 * Copies a transitions topic, from the beginning of every partition up to the end offsets it had
 * when the export started, into an Avro container file ({@link TransitionFileWriter}).
 *
 * <p>Order: each partition's records keep their offset order (one task's steps are in one
 * partition, in the order they were produced); partitions are merged by record timestamp (ties by
 * partition, then offset), which approximates the order in which the producers stepped their
 * environments, the order an offline learner replays them in. The merge only emits a record once
 * every unfinished partition has a fetched head, so the file depends on the topic alone, never on
 * fetch timing.
 *
 * <p>Records that do not decode or fail {@link TransitionCheck} are not dropped silently: they are
 * counted by reason and written, with their original bytes, as {@link DeadLetter} records to a
 * second container file beside the output ({@code FILE.dead-letters.avro}). Reading never commits
 * offsets or joins a consumer group: the export leaves the cluster as it found it.
 */
public final class TopicExport {

    static final String STAGE = "export-transitions";
    /** Records fetched ahead per partition before it is paused (bounds memory on huge topics). */
    private static final int AHEAD = 20_000;
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    /**
     * @param records     transitions written to the file
     * @param perTask     of them, per task ("id name")
     * @param skippedRuns records of other runs left out by the run-id filter
     * @param malformed   records refused, per reason
     * @param deadLetters the file the refused records went to, or null when there were none
     * @param partitions  partitions read and their end offsets at the start
     */
    public record Result(long records, Map<String, Long> perTask, long skippedRuns, Map<String, Long> malformed,
                         Path deadLetters, Map<Integer, Long> partitions) {
        public long malformedCount() {
            return malformed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param runId            keep only this run's transitions, or null for all
     * @param clientProperties pass-through Kafka client properties (security settings), checked by KafkaOptions
     * @throws IllegalArgumentException for a missing topic or an existing output file
     */
    public static Result run(String bootstrapServers, String topic, String runId, Map<String, String> clientProperties,
                             Path out, PrintStream progress) throws IOException {
        Path deadLetterFile = deadLetterFile(out);
        for (Path f : List.of(out, deadLetterFile)) {
            if (Files.exists(f)) {
                throw new IllegalArgumentException(f + " already exists: choose another --out or remove the old export");
            }
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("no Kafka to read from: pass --bootstrap-servers HOST:PORT");
        }
        Properties c = new Properties();
        c.putAll(clientProperties);
        // Assigned partitions, no group: nothing is committed, no other consumer is rebalanced.
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = partitions(consumer, topic, bootstrapServers);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            String source = "kafka topic " + topic + " at " + bootstrapServers + (runId == null ? "" : ", run " + runId);
            boolean complete = false;
            try (TransitionFileWriter file = new TransitionFileWriter(out, source);
                 DeadLetterFile dead = new DeadLetterFile(deadLetterFile)) {
                Merge merge = new Merge(consumer, parts, end);
                AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
                long skipped = 0;
                long total = end.values().stream().mapToLong(Long::longValue).sum();
                long lastProgress = System.nanoTime();
                ConsumerRecord<byte[], byte[]> r;
                while ((r = merge.next()) != null) {
                    Transition t;
                    String problem;
                    try {
                        t = codec.decode(r.value());
                        problem = TransitionCheck.problem(t);
                    } catch (MalformedRecordException e) {
                        t = null;
                        problem = e.getMessage();
                    }
                    if (problem != null) {
                        dead.add(r, problem);
                    } else if (runId != null && !runId.equals(t.getRunId())) {
                        skipped++;
                    } else {
                        file.append(t);
                    }
                    if (System.nanoTime() - lastProgress > PROGRESS_NANOS) {
                        progress.printf(Locale.ROOT, "export-transitions: %d records read (of at most %d), %d written%n",
                                merge.returned, total, file.count());
                        lastProgress = System.nanoTime();
                    }
                }
                Map<Integer, Long> ends = new TreeMap<>();
                end.forEach((tp, o) -> ends.put(tp.partition(), o));
                complete = true;
                return new Result(file.count(), new TreeMap<>(file.perTask()), skipped, Map.copyOf(dead.reasons),
                        dead.writer == null ? null : deadLetterFile, ends);
            } finally {
                // A cut-off export must not pass for a recording of the topic (a rerun would also refuse the file).
                if (!complete) {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(deadLetterFile);
                }
            }
        }
    }

    /** The dead-letter file of an export to {@code out}: {@code out} without .avro, plus .dead-letters.avro. */
    public static Path deadLetterFile(Path out) {
        String name = out.getFileName().toString();
        String stem = name.endsWith(".avro") ? name.substring(0, name.length() - 5) : name;
        return out.resolveSibling(stem + ".dead-letters.avro");
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic, String bootstrap) {
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(30));
        List<PartitionInfo> infos = topics.get(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic '" + topic + "' does not exist on " + bootstrap + "; topics there: "
                    + new TreeSet<>(topics.keySet()) + ". Pass --topic NAME (a run with a topic prefix writes PREFIXtransitions)");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private static final class Merge {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> queues = new LinkedHashMap<>();
        private final Map<TopicPartition, Long> end;
        private final Map<TopicPartition, Long> nextOffset = new HashMap<>();
        private long returned;

        Merge(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> parts, Map<TopicPartition, Long> end) {
            this.consumer = consumer;
            this.end = end;
            for (TopicPartition tp : parts) queues.put(tp, new ArrayDeque<>());
        }

        /** The next record in merge order, or null when every partition reached its end offset. */
        ConsumerRecord<byte[], byte[]> next() {
            while (true) {
                TopicPartition best = null;
                boolean waiting = false;
                for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> e : queues.entrySet()) {
                    ArrayDeque<ConsumerRecord<byte[], byte[]>> q = e.getValue();
                    if (q.isEmpty()) {
                        if (!finished(e.getKey())) waiting = true;
                        continue;
                    }
                    if (best == null || before(q.peekFirst(), queues.get(best).peekFirst())) best = e.getKey();
                }
                if (!waiting) {
                    if (best == null) return null;
                    returned++;
                    return queues.get(best).pollFirst();
                }
                fetch();
            }
        }

        private boolean finished(TopicPartition tp) {
            long pos = nextOffset.getOrDefault(tp, -1L);
            // Compaction or transaction markers can leave the last offsets without a record: ask the consumer.
            if (pos < 0) pos = consumer.position(tp);
            return pos >= end.get(tp);
        }

        private void fetch() {
            List<TopicPartition> pause = new ArrayList<>();
            List<TopicPartition> resume = new ArrayList<>();
            for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> e : queues.entrySet()) {
                (e.getValue().size() >= AHEAD || finished(e.getKey()) ? pause : resume).add(e.getKey());
            }
            consumer.pause(pause);
            consumer.resume(resume);
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(tp)) queues.get(tp).addLast(r);
            }
            for (TopicPartition tp : resume) nextOffset.put(tp, consumer.position(tp));
        }

        private static boolean before(ConsumerRecord<byte[], byte[]> a, ConsumerRecord<byte[], byte[]> b) {
            if (a.timestamp() != b.timestamp()) return a.timestamp() < b.timestamp();
            if (a.partition() != b.partition()) return a.partition() < b.partition();
            return a.offset() < b.offset();
        }
    }

    private static final class DeadLetterFile implements Closeable {
        private final Path file;
        private final Map<String, Long> reasons = new TreeMap<>();
        private DataFileWriter<DeadLetter> writer;

        DeadLetterFile(Path file) {
            this.file = file;
        }

        void add(ConsumerRecord<byte[], byte[]> r, String reason) throws IOException {
            if (writer == null) {
                writer = new DataFileWriter<>(new SpecificDatumWriter<>(DeadLetter.class));
                writer.setCodec(CodecFactory.deflateCodec(1));
                writer.create(DeadLetter.getClassSchema(), file.toFile());
            }
            writer.append(ReplayBatchReader.deadLetter(r, reason, STAGE));
            // Reasons name offsets and sizes; group by their first clause so the report stays short.
            String kind = reason.length() > 80 ? reason.substring(0, 80) + "..." : reason;
            reasons.merge(kind, 1L, Long::sum);
        }

        @Override
        public void close() throws IOException {
            if (writer != null) writer.close();
        }
    }
}
