package org.d2r.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The run monitor: the Kafka Streams application of {@link MonitorTopology} and the HTTP server that answers from its
 * stores (interactive queries) and serves the page that draws them. One more role of a run: {@code train} starts it
 * beside the others, {@code bin/d2r monitor} runs it on its own against any Kafka. A failure here never stops the
 * run: a stream thread that fails is replaced, and the page says what state the application is in.
 */
public final class RunMonitor implements AutoCloseable {

    /** Exactly-once commits are transactions: every 5 s keeps their cost and the changelogs' traffic small. The stores are
     * queried live, so the page is not held back by it. */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);
    /** A last commit takes a moment on a live broker; a run stopping because its broker died must not wait for one. */
    static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);

    private final MonitorConfig config;
    private final KafkaStreams streams;
    private final Map<String, AtomicLong> unreadable = new ConcurrentHashMap<>();
    private final MonitorServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunMonitor(MonitorConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.stateDir());
        // the address first: a port that is taken fails here, before any Kafka client exists
        this.server = new MonitorServer(this, config.bind(), config.port());
        try {
            this.streams = new KafkaStreams(MonitorTopology.build(config.topics(), config.runId(), unreadable), properties(config));
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        streams.setUncaughtExceptionHandler(e -> {
            System.err.println("monitor: a stream thread failed (" + e + "); replacing it");
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /** Starts the application and the HTTP server; the stores fill (or are restored from their changelogs) from here on. */
    public static RunMonitor start(MonitorConfig config) {
        RunMonitor m;
        try {
            m = new RunMonitor(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the run monitor (state folder " + config.stateDir() + ", address "
                    + config.bind() + ":" + config.port() + "): " + e.getMessage(), e);
        }
        m.streams.start();
        m.server.start();
        return m;
    }

    static Properties properties(MonitorConfig c) {
        Properties p = c.kafka().base();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.applicationId());
        // thread names start with it: pipeline-bench attributes the monitor's CPU by them
        p.put(StreamsConfig.CLIENT_ID_CONFIG, c.applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, c.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) COMMIT_INTERVAL.toMillis());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // batches and snapshots may be megabytes (MT50 inline batches, snapshot weights)
        p.put(StreamsConfig.consumerPrefix("max.partition.fetch.bytes"), 64 * 1024 * 1024);
        p.put(StreamsConfig.consumerPrefix("fetch.max.bytes"), 64 * 1024 * 1024);
        return p;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8090/}. */
    public String url() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return "http://" + host + ":" + server.port() + "/";
    }

    public MonitorConfig config() {
        return config;
    }

    public String state() {
        return streams.state().name();
    }

    /**
     * One store's entries, by key, read through interactive queries.
     *
     * @throws InvalidStateStoreException while the stores are being restored or rebalanced (the caller says "not yet")
     */
    Map<String, Object> entries(String store) {
        ReadOnlyKeyValueStore<String, Object> s = streams.store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Object>keyValueStore()));
        Map<String, Object> out = new TreeMap<>();
        try (KeyValueIterator<String, Object> it = s.all()) {
            it.forEachRemaining(kv -> out.put(kv.key, kv.value));
        }
        return out;
    }

    Overview overview() {
        Map<String, Long> bad = new TreeMap<>();
        unreadable.forEach((topic, n) -> {
            if (n.get() > 0) bad.put(topic, n.get());
        });
        return Overview.of(config.runId(), state(), System.currentTimeMillis(), store -> entries(store).values(), bad);
    }

    /** Stops the server and the application (committing its input and stores); a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        server.stop();
        streams.close(CLOSE_WITHIN);
    }
}
