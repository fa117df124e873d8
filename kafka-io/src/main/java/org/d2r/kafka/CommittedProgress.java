package org.d2r.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.d2r.roles.LoopProgress;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.MalformedRecordException;
import org.d2r.schemas.Transition;

/**
 * A run's {@link LoopProgress} read back from the transitions topic's committed records: what a
 * restarted producer continues from. The topic is the truth (a side file written beside it lags it
 * after a kill); the producers' transactions make "committed" mean "part of the run".
 *
 * <p>Each transition carries its number within its task's stream of the run in the header
 * {@value #TASK_STEP} (8 bytes, big-endian, from 1), so the task's newest committed record gives its
 * count without counting the partition (markers and aborted transactions take offsets too); the newest
 * record of each environment gives its episode index. Partitions are read backwards in growing chunks until both are
 * known. Records written before the header existed are counted one by one (from the partition's start).
 */
public final class CommittedProgress {
    private CommittedProgress() {}

    public static final String TASK_STEP = "d2r.task-step";
    private static final long FIRST_CHUNK = 4096;

    public static byte[] taskStep(long n) {
        return ByteBuffer.allocate(Long.BYTES).putLong(n).array();
    }

    /**
     * The progress of {@code cfg}'s run as committed on its transitions topic (task t on partition t).
     *
     * @throws IllegalArgumentException when the run's records there name other tasks or more environments
     *     per task than {@code cfg} (continuing would mislabel transitions)
     */
    public static LoopProgress read(TransitionTopic cfg) {
        int n = cfg.tasks().size();
        int perTask = cfg.envsPerTask();
        long[] next = new long[n * perTask];
        long steps = 0;
        Properties p = cfg.kafka().base();
        // only what the producers committed is part of the run: an aborted (killed) transaction's records are not
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        Properties all = cfg.kafka().base();
        all.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaConsumer<byte[], byte[]> uncommitted = new KafkaConsumer<>(all, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
            Timeout timeout = new Timeout(cfg.deliveryTimeout());
            int partitions = consumer.partitionsFor(cfg.topic(), timeout.left()).size();
            // the producers key by task id: a task's partition is the one the default partitioner gives its key
            Map<Integer, Map<Integer, TaskTail>> byPartition = new TreeMap<>();
            try (IntegerSerializer keys = new IntegerSerializer()) {
                for (int t = 0; t < n; t++) {
                    int partition = BuiltInPartitioner.partitionForKey(keys.serialize(cfg.topic(), t), partitions);
                    byPartition.computeIfAbsent(partition, k -> new TreeMap<>()).put(t, new TaskTail(cfg, t));
                }
            }
            for (Map.Entry<Integer, Map<Integer, TaskTail>> e : byPartition.entrySet()) {
                TopicPartition tp = new TopicPartition(cfg.topic(), e.getKey());
                Map<Integer, TaskTail> tails = e.getValue();
                consumer.assign(List.of(tp));
                long begin = consumer.beginningOffsets(List.of(tp), timeout.left()).get(tp);
                long end = settledEnd(consumer, uncommitted, tp, timeout);
                long hi = end;
                for (long chunk = FIRST_CHUNK; hi > begin && !tails.values().stream().allMatch(TaskTail::complete); chunk *= 2) {
                    long lo = Math.max(begin, hi - chunk);
                    List<Row> rows = read(consumer, tp, lo, hi, codec, cfg.runId(), timeout);
                    for (int i = rows.size() - 1; i >= 0; i--) {
                        Row r = rows.get(i);
                        TaskTail tail = tails.get(r.t.getTaskId());
                        if (tail == null) throw mismatch(cfg, r.t, e.getKey());
                        tail.addOlder(r);
                    }
                    hi = lo;
                }
                for (TaskTail tail : tails.values()) {
                    steps = Math.max(steps, Math.max(0, tail.numbered) + tail.newerThanNumbered);
                    // a fresh episode: a running one cannot be continued (its MuJoCo state is gone)
                    for (int env = 0; env < perTask; env++) next[tail.task * perTask + env] = tail.newestEpisode[env] + 1;
                }
            }
        }
        return new LoopProgress(steps, next);
    }

    /** What one partition's records of the run say, gathered from the newest chunk to older ones. */
    private static final class TaskTail {
        private final TransitionTopic cfg;
        final int task;
        private final long[] newestEpisode;
        /** Records of the run newer than the newest record with a {@value #TASK_STEP} header. */
        private long newerThanNumbered;
        private long numbered = -1;

        TaskTail(TransitionTopic cfg, int task) {
            this.cfg = cfg;
            this.task = task;
            this.newestEpisode = new long[cfg.envsPerTask()];
            java.util.Arrays.fill(newestEpisode, -1);
        }

        /** The task's records newest first: each one older than every record added before it. */
        void addOlder(Row r) {
            int e = r.t.getEnvId() - task * cfg.envsPerTask();
            if (!cfg.tasks().get(task).contentEquals(r.t.getTaskName()) || e < 0 || e >= cfg.envsPerTask()) {
                throw mismatch(cfg, r.t, -1);
            }
            if (newestEpisode[e] < 0) newestEpisode[e] = r.t.getEpisode();
            if (numbered >= 0) return;
            if (r.taskStep > 0) numbered = r.taskStep;
            else newerThanNumbered++;
        }

        boolean complete() {
            return numbered >= 0 && java.util.Arrays.stream(newestEpisode).allMatch(e -> e >= 0);
        }
    }

    private static IllegalArgumentException mismatch(TransitionTopic cfg, Transition t, int partition) {
        return new IllegalArgumentException("the transitions topic " + cfg.topic() + " holds run '" + cfg.runId()
                + "' with task " + t.getTaskId() + " (" + t.getTaskName() + ") env " + t.getEnvId()
                + (partition >= 0 ? " on partition " + partition : "") + ", but this start has the tasks " + cfg.tasks()
                + " with " + cfg.envsPerTask() + " environments per task; continue the run with its own settings, or use"
                + " another run id or topic prefix");
    }

    private record Row(Transition t, long taskStep) {}

    /**
     * The partition's last stable offset once it has passed everything written before now. Another run's
     * open transaction on a shared topic holds the last stable offset back, and this run's committed records
     * after its start would be missed; such a transaction ends within its producer's commit interval or the
     * broker's transaction timeout. (This run's own earlier producer was fenced: its transaction is aborted.)
     */
    private static long settledEnd(KafkaConsumer<byte[], byte[]> committed, KafkaConsumer<byte[], byte[]> uncommitted,
                                   TopicPartition tp, Timeout timeout) {
        long written = uncommitted.endOffsets(List.of(tp), timeout.left()).get(tp);
        while (true) {
            long stable = committed.endOffsets(List.of(tp), timeout.left()).get(tp);
            if (stable >= written) return stable;
            timeout.check(tp);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for open transactions on " + tp + " to end");
            }
        }
    }

    /** The run's records in [lo, hi) of {@code tp}, oldest first; records that do not decode are not the run's. */
    private static List<Row> read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long lo, long hi,
                                  AvroCodec<Transition> codec, String runId, Timeout timeout) {
        List<Row> rows = new ArrayList<>();
        consumer.seek(tp, lo);
        // by position, not by the offsets returned: markers and aborted records take offsets no record has
        while (consumer.position(tp, timeout.left()) < hi) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() >= hi) break;
                Transition t;
                try {
                    t = codec.decode(r.value());
                } catch (MalformedRecordException e) {
                    continue;
                }
                if (!runId.contentEquals(t.getRunId())) continue;
                Header h = r.headers().lastHeader(TASK_STEP);
                rows.add(new Row(t, h == null || h.value().length != Long.BYTES ? 0 : ByteBuffer.wrap(h.value()).getLong()));
            }
            timeout.check(tp);
        }
        return rows;
    }

    /** The whole read gets the producers' delivery timeout: a broker that is away is waited for as a send would. */
    private record Timeout(Duration limit, long deadline) {
        Timeout(Duration limit) {
            this(limit, System.nanoTime() + Math.min(limit.toNanos(), Long.MAX_VALUE / 4));
        }

        Duration left() {
            return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
        }

        void check(TopicPartition tp) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read the run's progress back from " + tp + " within " + limit.toSeconds() + " s");
            }
        }
    }
}
