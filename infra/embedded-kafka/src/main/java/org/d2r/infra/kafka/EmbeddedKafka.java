package org.d2r.infra.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process) on
 * 127.0.0.1, run in a child JVM from Kafka's own Maven artifacts: no Docker, no tarball.
 * The child's classpath comes from the resource {@code broker.classpath} that this module's
 * build writes, so the broker's Scala jars never enter the caller's classpath.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults())) {
 *     TopicLayout.create(kafka.admin(), Topics.defaults(), TopicLayout.Settings.defaults());
 *     ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    /**
     * @param dataDir      where the broker keeps its logs and configuration; null for a fresh
     *                     temporary folder deleted on close
     * @param startTimeout how long to wait for the broker to answer an AdminClient
     * @param ownerStopsOnExit the owner closes the broker itself as the last step of its own ordered
     *     shutdown (the main job: producers, replay job, learner's final snapshot, then the broker). The
     *     broker then runs in its own session, so a terminal's Ctrl-C does not reach it directly, and this
     *     class's JVM exit hook waits for the owner's close before it stops the broker as a last resort.
     */
    public record Options(Path dataDir, Duration startTimeout, boolean ownerStopsOnExit) {
        public static Options defaults() {
            return new Options(null, Duration.ofSeconds(60), false);
        }

        public Options withDataDir(Path dir) {
            return new Options(dir, startTimeout, ownerStopsOnExit);
        }

        public Options withOwnerStopsOnExit() {
            return new Options(dataDir, startTimeout, true);
        }
    }

    /** How long the exit hook waits for an owner that promised to stop the broker itself. */
    private static final Duration OWNER_STOP_GRACE = Duration.ofSeconds(90);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    static final String CLASSPATH_RESOURCE = "broker.classpath";
    /** Overrides the resource where an installation's broker jars lie elsewhere (the container image sets it). */
    static final String CLASSPATH_ENV = "D2R_BROKER_CLASSPATH";
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final Path logFile;
    private final String bootstrapServers;
    private final Thread shutdownHook;
    private final boolean ownerStopsOnExit;
    private final java.util.concurrent.CountDownLatch closedSignal = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean closed;

    private EmbeddedKafka(Process process, Path dataDir, boolean deleteOnClose, Path logFile, String bootstrapServers,
                          boolean ownerStopsOnExit) {
        this.process = process;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.logFile = logFile;
        this.bootstrapServers = bootstrapServers;
        this.ownerStopsOnExit = ownerStopsOnExit;
        this.shutdownHook = new Thread(this::stopOnJvmExit, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void stopOnJvmExit() {
        if (ownerStopsOnExit) {
            try {
                closedSignal.await(OWNER_STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopProcess();
    }

    /** A classpath resource of this module (see the file for why it is not called logback.xml). */
    static final String BROKER_LOGGING = "org/d2r/infra/kafka/broker-logback.xml";

    /** The broker's command line; in its own session when the owner stops it (see Options). */
    private static List<String> brokerCommand(String classpath, Path config, boolean ownSession) {
        List<String> cmd = new ArrayList<>();
        if (ownSession && Files.isExecutable(SETSID)) {
            cmd.add(SETSID.toString());
        }
        // the throughput collector: a broker beside the training on two cores cares for CPU, not pause times
        // (pipeline-bench: broker CPU per 1,000 steps 0.41 -> 0.35 s against G1)
        cmd.addAll(List.of(JAVA, "-Xmx512m", "-XX:+UseParallelGC",
                "-D" + BrokerMain.OWNER_PROPERTY + "=" + ProcessHandle.current().pid(),
                // without it Logback would log DEBUG to the console, i.e. all of the broker into broker.log
                "-Dlogback.configurationFile=" + BROKER_LOGGING,
                "-cp", classpath + java.io.File.pathSeparator + ownClasses(), BrokerMain.class.getName(), config.toAbsolutePath().normalize().toString()));
        return cmd;
    }

    /** Where this module's classes lie (a jar or a classes folder): the child needs {@link BrokerMain}. */
    private static String ownClasses() {
        try {
            return Path.of(EmbeddedKafka.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the embedded-kafka classes: " + e.getMessage(), e);
        }
    }

    /** In a kept data folder: the running broker's pid and its owner's (pid and start time), for the next start. */
    static final String PID_FILE = "broker.pid";

    /**
     * Makes a kept data folder free for a new broker: a broker a dead owner left running (a {@code kill -9} of
     * an older version's owner, or one whose watch could not act) is stopped; one whose owner still runs is
     * refused with one line naming both processes. Returns what was done, for the caller's log (empty: it was free).
     */
    public static Optional<String> claimDataDir(Path dataDir) {
        Path file = dataDir.resolve(PID_FILE);
        if (!Files.exists(file)) return Optional.empty();
        String[] f;
        try {
            f = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (f.length < 3 || !f[0].matches("\\d+") || !f[1].matches("\\d+")) return Optional.empty(); // cut short by a crash
        long broker = Long.parseLong(f[0]);
        long owner = Long.parseLong(f[1]);
        String ownerStart = f[2];
        String config = dataDir.resolve("server.properties").toAbsolutePath().normalize().toString();
        Optional<ProcessHandle> b = ProcessHandle.of(broker).filter(ProcessHandle::isAlive)
                .filter(h -> commandLine(h).contains(config));
        if (b.isEmpty()) {
            deleteQuietly(file);
            return Optional.empty();
        }
        boolean ownerAlive = ProcessHandle.of(owner).filter(ProcessHandle::isAlive)
                .map(h -> h.info().startInstant().map(Object::toString).orElse("?").equals(ownerStart)).orElse(false);
        if (ownerAlive) {
            throw new IllegalStateException(dataDir + " is in use: process " + owner + " runs it with its broker (process " + broker
                    + "); stop that process first, or give another folder");
        }
        ProcessHandle stale = b.get();
        stale.destroy(); // Kafka's controlled shutdown first, as close() does
        try {
            stale.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            stale.destroyForcibly();
        }
        deleteQuietly(file);
        return Optional.of("stopped the broker (process " + broker + ") that the ended process " + owner + " left running on " + dataDir);
    }

    /** The process's whole command line: ProcessHandle.Info drops one as long as the broker's classpath makes it. */
    private static String commandLine(ProcessHandle h) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return h.info().commandLine().orElse("");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale pid file names a dead process: the next claim finds nothing to stop
        }
    }

    public static EmbeddedKafka start() {
        return start(Options.defaults());
    }

    /** Formats storage, starts the broker and returns once an AdminClient gets an answer from it. */
    public static EmbeddedKafka start(Options options) {
        String classpath = brokerClasspath(System.getenv(CLASSPATH_ENV));
        boolean temporary = options.dataDir() == null;
        try {
            Path dir = temporary ? Files.createTempDirectory("d2r-kafka-") : Files.createDirectories(options.dataDir());
            claimDataDir(dir);
            int brokerPort = freePort();
            int controllerPort = freePort();
            Path config = dir.resolve("server.properties");
            Path logDirs = dir.resolve("kraft-logs");
            writeConfig(config, logDirs, brokerPort, controllerPort);
            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                // Formatting is a short one-off; it gets its own generous limit, not the start timeout.
                format(classpath, config, dir.resolve("format.log"), Duration.ofMinutes(2));
            }
            return launch(dir, temporary, "127.0.0.1:" + brokerPort, classpath, options.ownerStopsOnExit(),
                    options.startTimeout());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded Kafka broker's folder: " + e.getMessage(), e);
        }
    }

    /** Starts the broker of {@code dir}'s server.properties and returns once it answers (closed if it does not). */
    private static EmbeddedKafka launch(Path dir, boolean deleteOnClose, String bootstrap, String classpath,
                                        boolean ownerStopsOnExit, Duration startTimeout) throws IOException {
        Path logFile = dir.resolve("broker.log");
        Process process = new ProcessBuilder(brokerCommand(classpath, dir.resolve("server.properties"), ownerStopsOnExit))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        ProcessHandle me = ProcessHandle.current();
        Files.writeString(dir.resolve(PID_FILE), process.pid() + " " + me.pid() + " "
                + me.info().startInstant().map(Object::toString).orElse("?") + "\n", StandardCharsets.UTF_8);
        EmbeddedKafka kafka = new EmbeddedKafka(process, dir, deleteOnClose, logFile, bootstrap, ownerStopsOnExit);
        try {
            kafka.awaitReachable(startTimeout);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The broker's process id (for operators and tests; the process is owned by this handle). */
    public long pid() {
        return process.pid();
    }

    /**
     * Stops the broker process and starts a new one with the same server.properties (same ports,
     * same data folder, the default start timeout), as after a crash; returns the new handle,
     * this one is spent. For tests that clients ride out a broker restart.
     */
    public EmbeddedKafka restart() {
        stopProcess();
        closed = true;
        removeShutdownHook();
        try {
            return launch(dataDir, deleteOnClose, bootstrapServers, brokerClasspath(System.getenv(CLASSPATH_ENV)),
                    ownerStopsOnExit, Options.defaults().startTimeout());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /** A new AdminClient on this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private void awaitReachable(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker for " + bootstrapServers + " exited with code "
                            + process.exitValue() + " while starting. Check that the ports were free and the data folder "
                            + dataDir + " is writable. Broker log tail (" + logFile + "):\n" + logTail());
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = e;
                    sleep(200);
                }
            }
        }
        throw new IllegalStateException("Kafka broker unreachable at " + bootstrapServers + " after "
                + timeout.toSeconds() + " s (last error: " + last + "). Check: the child JVM is running (alive="
                + process.isAlive() + "), nothing else holds the port, the machine is not starved of CPU"
                + " (raise the start timeout), and the broker log below (" + logFile + "):\n" + logTail());
    }

    /** Stops the broker (controlled shutdown, then kill after 20 s) and deletes a temporary data folder. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        deleteQuietly(dataDir.resolve(PID_FILE));
        closedSignal.countDown();
        removeShutdownHook();
        if (deleteOnClose) {
            try {
                Utils.delete(dataDir.toFile());
            } catch (IOException e) {
                // Best effort: a leftover temporary folder is harmless.
            }
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or ran: nothing to remove.
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no broker log: " + e.getMessage() + ")";
        }
    }

    /** The child JVM's classpath: {@code override} ({@value #CLASSPATH_ENV}) where set, else the build's resource. */
    static String brokerClasspath(String override) {
        boolean fromEnv = override != null && !override.isBlank();
        String cp;
        if (fromEnv) {
            cp = override.trim();
        } else {
            try (InputStream in = EmbeddedKafka.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource org/d2r/infra/kafka/" + CLASSPATH_RESOURCE + " is missing:"
                            + " build the module that writes it with 'mvn -pl infra/embedded-kafka -am install'");
                }
                cp = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> missing = Stream.of(cp.split(java.io.File.pathSeparator)).filter(e -> !present(e)).toList();
        if (!missing.isEmpty() && fromEnv) {
            throw new IllegalStateException(CLASSPATH_ENV + " lists " + missing.size() + " entr" + (missing.size() == 1 ? "y" : "ies")
                    + " that are not on this machine, first: " + missing.get(0) + ". Point it at the broker's jars (a folder"
                    + " as 'dir/*', e.g. what 'mvn -f infra/embedded-kafka/pom.xml dependency:copy-dependencies"
                    + " -DincludeScope=compile' copies) or unset it to use the build's own classpath.");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the Kafka broker classpath lists " + missing.size() + " jar(s) that are not"
                    + " on this machine, first: " + missing.get(0) + ". It was written by a build elsewhere or the local"
                    + " Maven repository was cleaned: rebuild with 'mvn -pl infra/embedded-kafka -am install'"
                    + " (an installation whose jars lie elsewhere sets " + CLASSPATH_ENV + ").");
        }
        return cp;
    }

    /** A jar or folder that exists; a folder wildcard ('dir/*', as java -cp reads it) that holds at least one jar. */
    private static boolean present(String entry) {
        if (!entry.endsWith("*")) {
            return Files.exists(Path.of(entry));
        }
        Path dir = Path.of(entry.substring(0, entry.length() - 1));
        try (var jars = Files.list(dir)) {
            return jars.anyMatch(j -> j.getFileName().toString().endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeConfig(Path config, Path logDirs, int brokerPort, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDirs.toString());
        // One node: every internal topic must live with replication factor 1.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose (TopicLayout), so a misspelt name fails instead of creating a stray topic.
        p.setProperty("auto.create.topics.enable", "false");
        // Training batches (N x 128 rows) and policy snapshots (model weights) are megabytes.
        p.setProperty("message.max.bytes", String.valueOf(TopicLayout.MAX_MESSAGE_BYTES));
        p.setProperty("replica.fetch.max.bytes", String.valueOf(TopicLayout.MAX_MESSAGE_BYTES));
        p.setProperty("log.retention.hours", "-1");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "d2r embedded Kafka broker (KRaft)");
        }
    }

    private static void format(String classpath, Path config, Path log, Duration timeout) throws IOException {
        Process f = new ProcessBuilder(JAVA, "-Xmx256m", "-Dlogback.configurationFile=" + BROKER_LOGGING,
                "-cp", classpath + java.io.File.pathSeparator + ownClasses(), "kafka.tools.StorageTool",
                "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!f.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                f.destroyForcibly();
                throw new IllegalStateException("formatting the Kafka storage took longer than " + timeout.toSeconds()
                        + " s; see " + log);
            }
        } catch (InterruptedException e) {
            f.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting the Kafka storage", e);
        }
        if (f.exitValue() != 0) {
            throw new IllegalStateException("kafka.tools.StorageTool format failed with code " + f.exitValue()
                    + ": " + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }
}
