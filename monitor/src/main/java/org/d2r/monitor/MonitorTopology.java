package org.d2r.monitor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.avro.specific.SpecificRecord;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.DeadLetter;
import org.d2r.schemas.EvalResult;
import org.d2r.schemas.LearnerMetrics;
import org.d2r.schemas.PolicySnapshot;
import org.d2r.schemas.TaskStats;
import org.d2r.schemas.Topics;
import org.d2r.schemas.TrainingBatch;

/**
 * The monitor's Kafka Streams topology: each of the run's topics folded into one state store by a small pure step
 * ({@code after(previous, record)} of the stored record type). One source and store per topic, so no two topics need
 * the same partitioning. Stores are in memory with a changelog topic each: a restarted monitor reads its tables back
 * from the changelogs, and under exactly-once the tables and the input offsets move together.
 *
 * <p>The transitions topic is not read: the replay job's task statistics already count every task's transitions at
 * each episode end, and reading the run's largest topic a second time would cost the pipeline more than the monitor
 * may. Records of other runs (topics shared by several runs) are skipped; records that do not decode are counted
 * per topic and skipped: the monitor watches, it never stops a run or rewrites its topics.
 */
final class MonitorTopology {

    static final String TASKS = "tasks";
    static final String EVALUATIONS = "evaluations";
    static final String LEARNER = "learner";
    static final String SNAPSHOTS = "snapshots";
    static final String BATCHES = "batches";
    static final String DEAD_LETTERS = "dead-letters";
    /** The stores, as the HTTP API names them. */
    static final List<String> STORES = List.of(TASKS, EVALUATIONS, LEARNER, SNAPSHOTS, BATCHES, DEAD_LETTERS);

    /** How one topic's record of type {@code R} updates the stored value of type {@code V} under its key. */
    private interface Step<R, V> {
        V after(V previous, R record, long timestampMs);
    }

    /**
     * The monitor's own tables are JSON (Jackson, records as they are): what the stores hold, their changelogs carry and the
     * HTTP API serves are one form. Not the pipeline's wire format (that is Avro): these values never leave the monitor. One
     * mapper for the stores and the HTTP API; an unknown field (a newer monitor's changelog) is skipped, not fatal.
     */
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private MonitorTopology() {}

    static <T> Serde<T> jsonSerde(Class<T> type) {
        Serializer<T> ser = (topic, value) -> {
            if (value == null) return null;
            try {
                return JSON.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + type.getSimpleName() + " as JSON", e);
            }
        };
        Deserializer<T> de = (topic, bytes) -> {
            if (bytes == null) return null;
            try {
                return JSON.readValue(bytes, type);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a " + type.getSimpleName() + " from the monitor's store " + topic, e);
            }
        };
        return Serdes.serdeFrom(ser, de);
    }

    /**
     * @param unreadable counts, per topic, the records that did not decode (filled while the topology runs)
     */
    static Topology build(Topics topics, String runId, Map<String, AtomicLong> unreadable) {
        Topology t = new Topology();
        add(t, topics.taskStats(), TASKS, TaskStats.class, TaskTraining.class, s -> runId.equals(s.getRunId()),
                s -> Integer.toString(s.getTaskId()), TaskTraining::after, unreadable);
        add(t, topics.evalResults(), EVALUATIONS, EvalResult.class, TaskEvaluations.class, r -> runId.equals(r.getRunId()),
                r -> Integer.toString(r.getTaskId()), (prev, r, ts) -> TaskEvaluations.after(prev, r), unreadable);
        add(t, topics.learnerMetrics(), LEARNER, LearnerMetrics.class, LearnerProgress.class, m -> runId.equals(m.getRunId()),
                m -> LEARNER, (prev, m, ts) -> LearnerProgress.after(prev, m), unreadable);
        add(t, topics.policySnapshots(), SNAPSHOTS, PolicySnapshot.class, PipelineState.Snapshots.class,
                s -> runId.equals(s.getRunId()), s -> SNAPSHOTS, (prev, s, ts) -> PipelineState.Snapshots.after(prev, s), unreadable);
        add(t, topics.replayBatches(), BATCHES, TrainingBatch.class, PipelineState.Batches.class, b -> runId.equals(b.getRunId()),
                b -> BATCHES, PipelineState.Batches::after, unreadable);
        // dead letters carry no run id: a topic's dead letters are every job's on it
        add(t, topics.deadLetters(), DEAD_LETTERS, DeadLetter.class, PipelineState.DeadLetters.class, d -> true,
                DeadLetter::getStage, (prev, d, ts) -> PipelineState.DeadLetters.after(prev, d), unreadable);
        return t;
    }

    private static <R extends SpecificRecord, V> void add(Topology t, String topic, String store, Class<R> recordType,
            Class<V> valueType, Predicate<R> ours, Function<R, String> key, Step<R, V> step, Map<String, AtomicLong> unreadable) {
        String source = "read-" + store;
        String fold = "fold-" + store;
        t.addSource(source, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), topic);
        // decodes the topic's records and folds each into its key's stored value
        t.addProcessor(fold, () -> new Processor<byte[], byte[], Void, Void>() {
            private final AtomicLong bad = unreadable.computeIfAbsent(topic, x -> new AtomicLong());
            private AvroCodec<R> codec;
            private KeyValueStore<String, V> values;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                // a codec per processor instance: codecs reuse buffers and are for one thread
                codec = AvroCodec.forType(recordType);
                values = context.getStateStore(store);
            }

            @Override
            public void process(Record<byte[], byte[]> in) {
                R r;
                try {
                    r = codec.decode(in.value());
                } catch (RuntimeException e) {
                    if (bad.getAndIncrement() == 0) {
                        System.err.println("monitor: a record on '" + topic + "' does not decode (" + e.getMessage()
                                + "); such records are counted and skipped");
                    }
                    return;
                }
                if (!ours.test(r)) return;
                String k = key.apply(r);
                values.put(k, step.after(values.get(k), r, in.timestamp()));
            }
        }, source);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), Serdes.String(), jsonSerde(valueType))
                .withCachingEnabled(), fold);
    }
}
