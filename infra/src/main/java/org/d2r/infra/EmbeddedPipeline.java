package org.d2r.infra;

import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.replay.LocalReplayJob;
import org.d2r.replay.ReplayConfig;
import org.d2r.replay.ReplayJob;
import org.d2r.schemas.Topics;

/**
 * The pipeline's infrastructure in one process, for the benchmarks: a KRaft broker in a child JVM (its data in a
 * temporary folder), the topic layout, and the replay job on a Flink MiniCluster. Closing stops the job, then the broker.
 */
public record EmbeddedPipeline(EmbeddedKafka kafka, ReplayConfig replay, LocalReplayJob replayJob) implements AutoCloseable {

    /**
     * @param replay      the replay job's settings for the broker's bootstrap servers
     * @param partitions  partitions of the transitions topic
     */
    public static EmbeddedPipeline start(Function<String, ReplayConfig> replay, int partitions, int parallelism)
            throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
        try {
            ReplayConfig config = replay.apply(kafka.bootstrapServers());
            try (Admin admin = kafka.admin()) {
                TopicLayout.create(admin, config.topics(), new TopicLayout.Settings(partitions, (short) 1));
            }
            return new EmbeddedPipeline(kafka, config, ReplayJob.startLocal(config, parallelism));
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Topics topics() {
        return replay.topics();
    }

    @Override
    public void close() throws Exception {
        try {
            replayJob.close();
        } finally {
            kafka.close();
        }
    }
}
