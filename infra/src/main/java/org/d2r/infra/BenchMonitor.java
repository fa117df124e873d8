package org.d2r.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;
import org.d2r.monitor.MonitorConfig;
import org.d2r.monitor.RunMonitor;
import org.d2r.schemas.kafka.KafkaSettings;

/**
 * {@code pipeline-bench --envs ... --monitor}: the run monitor watching the benchmark's pipeline as it watches a run,
 * with its page open (a reader fetching what the page fetches, as often), so that its cost per environment step
 * shows in the CPU account. Its threads' names all contain {@link #THREADS}, which {@link CpuAccount} groups by.
 */
final class BenchMonitor implements AutoCloseable {

    /** In every thread name of the monitor (Kafka Streams takes its client id for them): its CPU account group. */
    static final String THREADS = "d2r-monitor-";
    /** The page's refresh period (monitor.js). */
    private static final long PAGE_MS = 2_000;

    private final RunMonitor monitor;
    private final Path state;
    private final Thread page;
    private volatile boolean open = true;
    private volatile long reads;

    private BenchMonitor(RunMonitor monitor, Path state) {
        this.monitor = monitor;
        this.state = state;
        this.page = monitor == null ? null : new Thread(this::readPage, THREADS + "bench-page");
        if (page != null) {
            page.setDaemon(true);
            page.start();
        }
    }

    /** The monitor of the pipeline's run {@code runId}, or nothing when not {@code wanted}. */
    static BenchMonitor start(boolean wanted, EmbeddedPipeline pipeline, String runId) throws IOException {
        if (!wanted) return new BenchMonitor(null, null);
        Path state = Files.createTempDirectory("bench-monitor");
        return new BenchMonitor(RunMonitor.start(new MonitorConfig(KafkaSettings.of(pipeline.bootstrapServers()), pipeline.topics(),
                runId, state, MonitorConfig.DEFAULT_BIND, 0)), state);
    }

    private void readPage() {
        while (open) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(monitor.url() + "api/overview").toURL().openConnection();
                try (InputStream in = c.getResponseCode() == 200 ? c.getInputStream() : c.getErrorStream()) {
                    if (in != null) in.readAllBytes();
                }
                reads++;
                Thread.sleep(PAGE_MS);
            } catch (IOException e) {
                // the monitor is starting or stopping: the page retries as well
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    String summary() {
        return monitor == null ? "no run monitor" : "run monitor attached (Kafka Streams " + monitor.state() + "), page read " + reads
                + " times";
    }

    @Override
    public void close() throws IOException {
        if (monitor == null) return;
        open = false;
        page.interrupt();
        monitor.close();
        Utils.delete(state.toFile());
    }
}
