package org.d2r.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.d2r.schemas.Topics;

/**
 * The replay job: transitions topic -> per-task replay windows and statistics -> training
 * batches, task statistics and dead letters.
 *
 * <pre>
 * Kafka[transitions] -> DecodeTransitions --(dead letters)--------------------------> Kafka[dead-letters]
 *                              | keyBy task id
 *                              v
 *                         TaskReplay --(task stats at episode ends)-----------------> Kafka[task-stats]
 *                              | TaskSamples keyBy sequence
 *                              v
 *                         BatchAssembler (parallelism 1: batches leave in sequence) -> Kafka[replay-batches]
 * </pre>
 *
 * Determinism and delivery follow the {@linkplain org.d2r.replay batch contract}: at-least-once
 * sinks flushed at checkpoints, whose re-sent batches the learner skips by sequence number.
 */
public final class ReplayJob {
    private ReplayJob() {}

    public static void build(StreamExecutionEnvironment env, ReplayConfig config) {
        Topics topics = config.topics();
        KafkaSourceBuilder<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(topics.transitions())
                .setGroupId(config.groupId())
                // A fresh job rebuilds its windows from the topic's start (the same batches again, by the
                // determinism contract); a restored one continues from its checkpointed offsets.
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new TransitionsDeserializer())
                .setProperties(sourceProperties(config));
        if (config.bounded()) {
            source.setBounded(OffsetsInitializer.latest());
        }
        SingleOutputStreamOperator<AcceptedTransition> accepted = env
                .fromSource(source.build(), WatermarkStrategy.noWatermarks(), "transitions").uid("transitions-source")
                .process(new DecodeTransitions(config.tasks())).name("decode").uid("decode");
        SingleOutputStreamOperator<TaskSamples> samples = accepted
                .keyBy(AcceptedTransition::taskId)
                .process(new TaskReplay(config)).name("task-replay-window").uid("task-replay-window");
        SingleOutputStreamOperator<KeyedBytes> batches = samples
                .keyBy(TaskSamples::sequence)
                .process(new BatchAssembler(config)).name("batch-assembler").uid("batch-assembler")
                .setParallelism(1);

        batches.sinkTo(sink(config, topics.replayBatches())).name("replay-batches").uid("replay-batches-sink")
                .setParallelism(1);
        samples.getSideOutput(TaskReplay.STATS)
                .sinkTo(sink(config, topics.taskStats())).name("task-stats").uid("task-stats-sink");
        accepted.getSideOutput(DecodeTransitions.DEAD_LETTERS)
                .union(samples.getSideOutput(DecodeTransitions.DEAD_LETTERS))
                .sinkTo(sink(config, topics.deadLetters())).name("dead-letters").uid("dead-letters-sink");
    }

    /** The pass-through client properties (security settings) for the transitions source, then the job's own. */
    static Properties sourceProperties(ReplayConfig config) {
        Properties consumer = new Properties();
        consumer.putAll(config.clientProperties());
        // a killed producer's unfinished transaction is not part of the run: its steps are taken again
        consumer.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return consumer;
    }

    /** Producer settings of the sinks: the pass-through client properties plus the job's own (which win). */
    static Properties sinkProperties(ReplayConfig config) {
        Properties producer = new Properties();
        producer.putAll(config.clientProperties());
        producer.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(64 * 1024 * 1024));
        producer.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producer.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        return producer;
    }

    private static KafkaSink<KeyedBytes> sink(ReplayConfig config, String topic) {
        return KafkaSink.<KeyedBytes>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(sinkProperties(config))
                .setRecordSerializer((KafkaRecordSerializationSchema<KeyedBytes>) (r, context, timestamp) ->
                        new ProducerRecord<>(topic, r.key(), r.value()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    public static Configuration flinkConfiguration(ReplayConfig config) {
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", config.checkpointInterval().toMillis() + " ms");
        // Replay windows are hundreds of megabytes: checkpoints go to files, never to the JobManager's memory.
        String dir = config.checkpointDir();
        boolean temporary = dir == null;
        if (temporary) {
            try {
                dir = Files.createTempDirectory("d2r-replay-checkpoints-").toUri().toString();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary checkpoint folder; pass --checkpoint-dir", e);
            }
        } else if (!dir.contains("://")) {
            dir = Path.of(dir).toAbsolutePath().toUri().toString();
        }
        conf.setString("execution.checkpointing.storage", "filesystem");
        conf.setString("execution.checkpointing.dir", dir);
        // A temporary folder is nobody's to resume from: its checkpoints go with the job.
        conf.setString("execution.checkpointing.externalized-checkpoint-retention",
                temporary ? "DELETE_ON_CANCELLATION" : "RETAIN_ON_CANCELLATION");
        if (config.restoreFrom() != null) {
            conf.setString("execution.state-recovery.path", config.restoreFrom());
        }
        // Every record and state type has a Flink serializer of its own; a Kryo fallback is a bug, not a slowdown.
        conf.setString("pipeline.generic-types", "false");
        // A failing sink or a broker outage restarts the job from its last checkpoint a bounded number of
        // times, then fails it visibly (Flink's default with checkpointing is to retry forever).
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "5");
        conf.setString("restart-strategy.fixed-delay.delay", "2 s");
        // Batches of N x 128 rows cross the network between operators.
        conf.setString("taskmanager.memory.network.min", "64 mb");
        return conf;
    }

    /** Starts the job on an in-process MiniCluster and returns once it is submitted: see {@link LocalReplayJob}. */
    public static LocalReplayJob startLocal(ReplayConfig config, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism,
                flinkConfiguration(config));
        build(env, config);
        return new LocalReplayJob(env.executeAsync("d2r-replay " + config.runId()));
    }

    /** Entry point for {@code flink run}: {@code --bootstrap host:port --run-id ID --tasks N|mt10|a,b,c [options]}. */
    public static void main(String[] args) {
        int code = org.d2r.cli.Cli.execute(new ReplayArgs(), args);
        if (code != 0) System.exit(code);
    }

    /** Runs the job on the environment {@code flink run} (or the launcher's MiniCluster) provides, until it ends. */
    static void run(ReplayConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        build(env, config);
        env.execute("d2r-replay " + config.runId());
    }
}
