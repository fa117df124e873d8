package org.d2r.monitor;

import java.nio.file.Path;
import java.util.Objects;
import org.d2r.schemas.Topics;
import org.d2r.schemas.kafka.KafkaSettings;

/**
 * What a run monitor watches and where it answers.
 *
 * @param stateDir Kafka Streams' state folder (the run folder's {@code monitor/} under {@code train})
 * @param bind     the address the HTTP server listens on (127.0.0.1 unless asked otherwise: the page shows the run to
 *                 whoever reaches it)
 * @param port     its port; 0 picks a free one
 */
public record MonitorConfig(KafkaSettings kafka, Topics topics, String runId, Path stateDir, String bind, int port) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8090;

    public MonitorConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(stateDir, "stateDir");
        if (runId == null || runId.isBlank()) throw new IllegalArgumentException("--run-id is required: the run to watch");
        if (bind == null || bind.isBlank()) throw new IllegalArgumentException("--bind needs an address, e.g. 127.0.0.1 or 0.0.0.0");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port " + port + " is not a TCP port: use 1-65535, or 0 for a free one");
        }
    }

    /** The Kafka Streams application id: one per run, so a restarted monitor finds its changelogs and offsets. */
    String applicationId() {
        return "d2r-monitor-" + runId.replaceAll("[^a-zA-Z0-9._-]", "_");
    }
}
