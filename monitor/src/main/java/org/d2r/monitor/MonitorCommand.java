package org.d2r.monitor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.d2r.cli.Cli;
import org.d2r.cli.KafkaOptions;
import org.d2r.cli.RunOptions;
import org.d2r.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/d2r monitor}: the run monitor of one run against any Kafka, until Ctrl-C. */
@Command(name = "monitor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "watch a run live: its topics in Kafka Streams state stores, served as JSON and a page that draws them",
        footer = {"Defaults: --port " + MonitorConfig.DEFAULT_PORT + ", --bind " + MonitorConfig.DEFAULT_BIND
                + " (only this machine; --bind 0.0.0.0 shows the run to the network), --state-dir monitor-state/RUN_ID.",
                "Reads task-stats, eval-results, learner-metrics, policy-snapshots, replay-batches and dead-letters; a restart",
                "with the same --run-id recovers its tables from their changelog topics. bin/d2r train starts one by itself."})
public final class MonitorCommand implements java.util.concurrent.Callable<Integer> {

    private static final Duration TOPICS_WITHIN = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;
    @Mixin
    KafkaOptions.ForRun kafka;

    @Option(names = "--port", paramLabel = "P", description = "HTTP port of the page and the JSON (0: a free one)")
    int port = MonitorConfig.DEFAULT_PORT;
    @Option(names = "--bind", paramLabel = "ADDR", description = "address to listen on")
    String bind = MonitorConfig.DEFAULT_BIND;
    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams' state folder")
    Path stateDir;
    @Mixin
    RunOptions.TopicPrefix topicPrefix;

    @Override
    public Integer call() throws Exception {
        MonitorConfig c = config();
        requireTopics(c);
        CountDownLatch stopped = new CountDownLatch(1);
        try (RunMonitor m = RunMonitor.start(c)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                m.close();
                stopped.countDown();
            }, "monitor-shutdown"));
            System.out.println("monitor: run " + c.runId() + " at " + m.url() + " (Ctrl-C stops)");
            while (!stopped.await(60, TimeUnit.SECONDS)) {
                System.out.println("monitor: " + m.state());
            }
        }
        return 0;
    }

    /** The parsed options; a value the configuration refuses is a usage error. */
    public MonitorConfig config() {
        if (kafka.runId() == null) throw Cli.usage(spec, "--run-id NAME is required: the run to watch");
        Path dir = stateDir != null ? stateDir : Path.of("monitor-state", kafka.runId().replaceAll("[^a-zA-Z0-9._-]", "_"));
        return Cli.checked(spec, () -> new MonitorConfig(kafka.settings(), topicPrefix.topics(), kafka.runId(), dir, bind, port));
    }

    /** Kafka Streams stops on a missing source topic: say which, and how to make them, before starting. */
    static void requireTopics(MonitorConfig c) {
        java.util.Properties p = c.kafka().base();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TOPICS_WITHIN.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TOPICS_WITHIN.toMillis());
        Set<String> present;
        try (Admin admin = Admin.create(p)) {
            present = admin.listTopics().names().get(TOPICS_WITHIN.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka at " + c.kafka().bootstrapServers() + " does not answer within "
                    + TOPICS_WITHIN.toSeconds() + " s (" + e + "): check --bootstrap-servers and the --kafka-property settings");
        }
        Topics t = c.topics();
        Set<String> missing = new TreeSet<>(List.of(t.taskStats(), t.evalResults(), t.learnerMetrics(), t.policySnapshots(),
                t.replayBatches(), t.deadLetters()));
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("topics " + missing + " are missing at " + c.kafka().bootstrapServers()
                    + ": start the run first (bin/d2r train, or compose's topics service creates them), or give its --topic-prefix");
        }
    }
}
