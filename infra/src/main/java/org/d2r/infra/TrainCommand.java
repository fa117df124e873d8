package org.d2r.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.d2r.cli.Cli;
import org.d2r.cli.KafkaOptions;
import org.d2r.cli.PrintingCommand;
import org.d2r.cli.RunOptions;
import org.d2r.core.config.LearnerConfig;
import org.d2r.evaluator.EvaluatorApp;
import org.d2r.evaluator.EvaluatorConfig;
import org.d2r.infra.kafka.EmbeddedKafka;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.kafka.BrokerCheck;
import org.d2r.learner.LearnerApp;
import org.d2r.learner.LearnerSettings;
import org.d2r.learner.TaskFigures;
import org.d2r.learner.local.LocalTrainCommand;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.monitor.MonitorConfig;
import org.d2r.monitor.RunMonitor;
import org.d2r.producers.ProducerApp;
import org.d2r.producers.ProducerConfig;
import org.d2r.replay.LocalReplayJob;
import org.d2r.replay.ReplayConfig;
import org.d2r.replay.ReplayJob;
import org.d2r.roles.Roles;
import org.d2r.roles.RunConfig;
import org.d2r.roles.RunFiles;
import org.d2r.roles.options.RoleOptions;
import org.d2r.roles.learner.LearnerNetworks;
import org.d2r.schemas.Topics;
import org.d2r.schemas.kafka.KafkaSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r train}: the whole pipeline in one process around a broker in a child JVM (or an
 * external Kafka). {@code --local} hands over to the in-process trainer. The option names are the ones the
 * compose file passes to the separate roles, so one vocabulary configures both modes.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"train D2R: embedded Kafka + Flink pipeline by default, --local for one process", "",
                "Default: a Kafka broker (KRaft, 127.0.0.1) in a child JVM, topics, the Flink replay job on a MiniCluster,",
                "the environment producers, the learner and the evaluator in this process. Ctrl-C stops cleanly (exit 130).",
                "Defaults: --preset mt10-rand, --method d2r, --tasks the preset's benchmark (task ids follow this order),",
                "--seed 1. With --resume DIR the run's typed config.json gives the settings: --preset, --method, --tasks,",
                "--seed, --ablation and --batch-rows cannot change (given again they must agree); --steps, --snapshot-every,",
                "--checkpoint-every, --eval-every, --final-episodes and --max-lead may (default: the newest start's).",
                "--bootstrap-servers, --kafka-property and --kafka-properties-file point every role at an existing Kafka",
                "instead of starting one (Kafka client properties are not kept in the run folder: pass them again).", ""})
public final class TrainCommand implements Callable<Integer> {

    private static final Duration PROGRESS = Duration.ofSeconds(10);
    /** How long the learner may make no progress once every transition is in: far longer than any update or catch-up step. */
    private static final Duration STALLED = Duration.ofMinutes(3);
    /** Generous (MT50 at 100 episodes a task is a million steps); Ctrl-C cuts a final evaluation short anyway. */
    private static final Duration FINAL_EVALUATION_LIMIT = Duration.ofHours(1);

    @Spec
    CommandSpec spec;
    @Mixin
    RoleOptions.Preset preset;
    @Mixin
    RoleOptions.MethodOption method;
    @Mixin
    RoleOptions.Tasks tasks;
    @Mixin
    RunOptions.Seed seed;
    @Mixin
    KafkaOptions kafka;
    @Mixin
    RoleOptions.Ablations ablations;

    @Option(names = "--local", description = "train in one process without Kafka/Flink (bin/d2r train-local --help for its options)")
    boolean local;
    @Option(names = "--run-dir", paramLabel = "DIR", description = "run folder (default runs/<preset>-<seed>-<time>); one that "
            + "holds a run is refused: continue that with --resume")
    Path runDir;
    @Option(names = "--resume", paramLabel = "DIR", description = "continue the run in DIR (broker log, Flink and learner "
            + "checkpoints and the producers' progress live there: updates and env steps go on, not from 0)")
    Path resume;
    @Option(names = "--steps", paramLabel = "N", description = "environment steps per task, then stop (default: the preset's budget)")
    Long steps;
    @Option(names = "--snapshot-every", paramLabel = "K", description = "learner publishes a snapshot every K updates (default: "
            + "50 smoke, 100 otherwise)")
    Long snapshotEvery;
    @Option(names = "--checkpoint-every", paramLabel = "C", description = "learner checkpoint every C updates (default: 200 "
            + "smoke, 1000 otherwise)")
    Long checkpointEvery;
    @Option(names = "--eval-every", paramLabel = "E", description = "evaluate every E updates (default: 200 smoke, 10000 otherwise)")
    Long evalEvery;
    @Option(names = "--final-episodes", paramLabel = "M", description = "at the step budget, evaluate the last policy over M "
            + "episodes per task (default: 100 as in the paper; smoke: its 2)")
    Long finalEpisodes;
    @Option(names = "--max-lead", paramLabel = "U", description = "producers pause while more than U updates ahead of the newest "
            + "snapshot (default 1000; 0 = never pause)")
    Long maxLead;
    @Option(names = "--monitor-port", paramLabel = "P", description = "the run monitor's page and JSON on 127.0.0.1:P (default "
            + MonitorConfig.DEFAULT_PORT + "; a free port when P is taken; 0: any free port)")
    Integer monitorPort;
    @Option(names = "--no-monitor", description = "run without the run monitor (bin/d2r monitor can watch the run from elsewhere)")
    boolean noMonitor;
    @Option(names = "--batch-rows", paramLabel = "references|inline", description = "training batches name their rows in the "
            + "transitions topic (default; the learner reads that topic too) or carry them (about 100x the bytes)")
    String batchRows;

    TrainOptions options() {
        return Cli.checked(spec, () -> TrainOptions.of(this));
    }

    @Override
    public Integer call() throws Exception {
        if (local) {
            // reached when this command runs on its own: bin/d2r hands 'train --local' to train-local (which drops --local)
            NativeLibraries.loadAll();
            return PrintingCommand.run(new LocalTrainCommand(), Cli.ownArgs(spec).toArray(String[]::new), System.out, System.err);
        }
        TrainOptions o = options();
        boolean existed = Files.exists(o.runDir());
        useRunTmp(o.runDir());
        int code = run(o, session -> { });
        if (!existed && code == 1 && !Files.exists(o.runDir().resolve("config.json"))) {
            Utils.delete(o.runDir().toFile()); // refused before it started: only the empty tmp/ was made
        }
        return code;
    }

    /**
     * The JVM's temporary files (Flink's MiniCluster folders and RPC jar, native libraries copied out of jars) go to
     * RUN/tmp, emptied here first: a killed run leaves them in its own folder, and its next start clears them. Set
     * before anything reads java.io.tmpdir (the JDK and Flink keep the first value they see).
     */
    private static void useRunTmp(Path runDir) throws IOException {
        Path tmp = runDir.resolve("tmp").toAbsolutePath();
        Utils.delete(tmp.toFile());
        Files.createDirectories(tmp);
        System.setProperty("java.io.tmpdir", tmp.toString());
    }

    /**
     * Runs the pipeline to the step budget or Ctrl-C, handing the running session to {@code started} first (tests stop
     * it the way Ctrl-C does): returns 0 at the step budget, 130 when stopped, 1 when a role failed.
     */
    static int run(TrainOptions o, Consumer<Session> started) throws Exception {
        Optional<String> claimed;
        try {
            claimed = preflight(o);
        } catch (IllegalStateException e) {
            // before the run folder is touched: nothing started, and the same command works once the cause is fixed
            System.err.println("train: " + e.getMessage());
            return 1;
        }
        NativeLibraries.loadAll(); // before any role thread: see there
        Path runDir = Files.createDirectories(o.runDir());
        writeConfig(o, runDir);
        String runId = o.runId();
        Topics topics = Topics.defaults();
        LearnerConfig cfg = LearnerConfig.preset(o.preset());
        for (String a : o.ablations()) cfg = cfg.withAblation(a);
        int n = o.tasks().size();
        RunLog log = new RunLog(runDir);
        claimed.ifPresent(note -> log.say("train: " + note));
        // Ctrl-C: the roles' shutdown hook stops them in order (producers first, broker last)
        Session p = new Session(log);
        Roles roles = p.roles;
        started.accept(p);
        try {
            String bootstrap = o.bootstrapServers();
            if (bootstrap == null) {
                p.broker = roles.add("broker", EmbeddedKafka.start(EmbeddedKafka.Options.defaults()
                        .withDataDir(runDir.resolve("kafka")).withOwnerStopsOnExit()), p::stopBroker);
                bootstrap = p.broker.bootstrapServers();
                log.say("train: Kafka (KRaft) at " + bootstrap + ", log " + p.broker.logFile());
            }
            KafkaSettings kafka = new KafkaSettings(bootstrap, o.kafkaProperties());
            try (Admin admin = Admin.create(kafka.base())) {
                TopicLayout.create(admin, topics, TopicLayout.Settings.defaults());
            }
            if (o.monitorPort() != TrainOptions.NO_MONITOR) {
                RunMonitor m = startMonitor(kafka, topics, o, log);
                if (m != null) p.runMonitor = roles.add("monitor", m); // stopped before the broker, which it would wait for
            }
            Path flinkDir = Files.createDirectories(runDir.resolve("flink-checkpoints"));
            String restore = o.resume() ? newestFlinkCheckpoint(flinkDir).map(Path::toString).orElse(null) : null;
            // no batch before the producers' random warm-up is over (the release's pretrain epochs; the
            // producers' lead and train --local count from there too): the preset's windows, as the
            // replay-job command and a Flink cluster derive them
            ReplayConfig replay = ReplayConfig.forRun(bootstrap, runId, n, o.seed(), cfg.sac().warmupStepsPerTask(),
                            cfg.sac().minTransitions(), cfg.sac().batchPerTask())
                    .withCheckpoints(Duration.ofSeconds(30), flinkDir.toUri().toString(), restore)
                    .withClientProperties(o.kafkaProperties())
                    .withBatchRows(o.batchRows());
            p.replay = roles.add("replay job", ReplayJob.startLocal(replay, 1));
            log.say("train: replay job " + p.replay.jobId() + (restore != null ? " restored from " + restore : ""));
            p.learner = roles.add("learner", LearnerApp.start(new LearnerSettings(bootstrap, topics, runId, o.preset(), o.tasks(),
                    runDir, o.seed(), o.snapshotEvery(), o.checkpointEvery(), 0, o.kafkaProperties(), o.method(), o.ablations())),
                    p::stopLearner);
            log.say("train: learner trains " + o.method().title() + " (" + o.preset() + ", " + n + " tasks"
                    + (o.ablations().isEmpty() ? "" : ", ablations " + String.join(", ", o.ablations())) + ")");
            if (p.learner.restoreNote() != null) log.warn("train: learner " + p.learner.restoreNote());
            if (o.resume()) cutToCheckpoint(runDir, p.learner, log);
            GoalMode goals = cfg.fixedGoals() ? GoalMode.FIXED : GoalMode.RAND;
            p.evaluator = roles.add("evaluator", EvaluatorApp.start(new EvaluatorConfig(kafka, topics, runId, o.tasks(), goals,
                    o.seed(), o.evalEvery(), cfg.evalEpisodes(), cfg.episodeSteps(), runDir)));
            // stopped between the learner and the evaluator: at the step budget it evaluates the learner's last policy
            roles.add("final evaluation", p, session -> session.finalEvaluation(roles.interrupted()));
            roles.onHurry(p.evaluator::close); // Ctrl-C during the final evaluation cuts it short (the run stays resumable)
            // Producers last: everything that consumes their output is up.
            p.producers = roles.add("producers", ProducerApp.start(ProducerConfig.of(kafka, topics, runId, o.tasks(), o.preset())
                    .withGoals(goals, o.seed()).withMaxStepsPerTask(o.stepsPerTask()).withMaxLead(o.maxLead())), p::stopProducers);
            if (p.producers.resumedFrom().stepsPerTask() > 0) {
                log.say("train: producers continue at " + p.producers.resumedFrom().stepsPerTask() + " env steps per task of "
                        + o.stepsPerTask());
            }
            monitor(p, o, replay.warmup(), log);
            if (!roles.interrupted()) {
                // a broker that died as the budget was reached took the producers' last transaction with it: not a finished run
                checkBroker(p);
                p.finalEpisodes = o.finalEpisodes();
                roles.close();
            }
            if (roles.interrupted()) return 130;
            // the broker died while the roles were stopping: the producers' last transaction went with it
            return p.brokerLost ? 1 : 0;
        } catch (Exception e) {
            if (roles.interrupted()) return 130;
            log.warn("train: " + e.getMessage() + " (logs: " + log.dir() + ")");
            return 1;
        } finally {
            roles.close(); // or waits for the Ctrl-C stop running on the hook's thread
            log.close();
        }
    }

    private static void cutToCheckpoint(Path runDir, LearnerApp learner, RunLog log) throws IOException {
        java.util.List<String> cut = new java.util.ArrayList<>();
        if (learner.metricsRowsDropped() > 0) cut.add(learner.metricsRowsDropped() + " of metrics.csv");
        // the evaluator's files as well as metrics.csv (the learner's own): no row of an update the restore undid
        for (String f : java.util.List.of("evaluations.csv", "routing.csv", "routing-paths.csv")) {
            int dropped = RunFiles.cutAfter(runDir.resolve(f), 0, learner.updates());
            if (dropped > 0) cut.add(dropped + " of " + f);
        }
        log.say("train: resuming at update " + learner.updates() + " (the newest checkpoint)"
                + (cut.isEmpty() ? "" : "; rows written after it removed: " + String.join(", ", cut)));
    }

    /**
     * What would otherwise fail once every role has started (and once per role): CARE's task embeddings, the tasks'
     * environments (MuJoCo, Meta-World's scene files), the external broker's address, and a run folder another train
     * is running.
     */
    static Optional<String> preflight(TrainOptions o) {
        // the cheapest refusal first: a heap the full replay outgrows
        if (o.bootstrapServers() == null) {
            LearnerConfig cfg = LearnerConfig.preset(o.preset());
            // the capacity the replay job will get (the address and run id do not change it)
            long capacity = ReplayConfig.forRun("127.0.0.1:9092", o.runId(), o.tasks().size(), 0, cfg.sac().warmupStepsPerTask(),
                    (int) cfg.sac().minTransitions(), cfg.sac().batchPerTask()).capacity();
            String refusal = HeapBudget.of(capacity, o.tasks().size(), o.stepsPerTask())
                    .refusal(HeapBudget.maxHeap(), HeapBudget.physicalMemory());
            if (refusal != null) throw new IllegalStateException(refusal);
        }
        // CARE's task embeddings: a missing file stops the run here, before a broker and the replay job start
        LearnerNetworks.embeddings(o.method(), o.tasks());
        for (String task : o.tasks()) {
            try (MetaWorldEnv env = MetaWorld.make(task, EnvConfig.defaults())) {
                env.reset();
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("cannot build the environment of " + task + ": " + e.getMessage());
            }
        }
        checkHostName(java.net.InetAddress::getLocalHost);
        if (o.bootstrapServers() != null) {
            BrokerCheck.problem(new KafkaSettings(o.bootstrapServers(), o.kafkaProperties()).base(),
                    o.bootstrapServers(), Duration.ofSeconds(5)).ifPresent(why -> {
                throw new IllegalStateException(why + " (--bootstrap-servers): check the address, that the broker"
                        + " runs and this machine reaches it, and the --kafka-property security settings; or leave"
                        + " --bootstrap-servers out to run the embedded broker");
            });
            return Optional.empty();
        }
        return EmbeddedKafka.claimDataDir(o.runDir().resolve("kafka"));
    }

    /** How the JDK finds this machine's own address (a seam for the test: a host name that resolves cannot be unmade). */
    interface LocalHost {
        java.net.InetAddress lookup() throws java.net.UnknownHostException;
    }

    /**
     * Where the host name does not resolve (a fresh container or chroot without an /etc/hosts entry), the broker and
     * Flink's MiniCluster stop deep inside at "Name or service not known": said here, before anything starts.
     */
    static void checkHostName(LocalHost localHost) {
        try {
            localHost.lookup();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("this machine's own host name does not resolve (" + e.getMessage() + "), and the"
                    + " embedded Kafka and the replay job's Flink name the machine by it: add it to /etc/hosts, e.g."
                    + " echo \"127.0.1.1 $(hostname)\" | sudo tee -a /etc/hosts");
        }
    }

    private static void monitor(Session p, TrainOptions o, long warmup, RunLog log) throws Exception {
        Roles roles = p.roles;
        int n = o.tasks().size();
        long start = System.nanoTime();
        long lastSeq = -1;
        long lastAdvance = System.nanoTime();
        while (!roles.stopping()) {
            boolean producersDone = p.producers.awaitFinished(PROGRESS);
            if (roles.stopping()) return;
            checkBroker(p); // the roles would wait for it (the producers' commit for as long as a send may take): nothing else says so
            // The batches made so far follow from the replay ratio over the committed transitions: one per N
            // after the warm-up (published() counts the run's committed transitions, a continued run's too).
            // Not from the batch topic: its sink is at-least-once (a transactional one would hold every batch
            // back until the replay job's next checkpoint, 30 s), so a restored job sends the batches since
            // its checkpoint again, byte-identical under the same sequence numbers, and the learner skips
            // the sequences it has applied: training is exactly once, the topic's record count is not.
            long batches = Math.max(0, (p.producers.published() - warmup) / n + 1);
            if (producersDone) {
                Thread.sleep(PROGRESS.toMillis() / 2);
                // the run is over when the learner has trained the last batch the replay ratio gives: a resumed
                // learner may first have to catch up on batches a killed run had made (not a quiet spell)
                if (p.learner.lastAppliedSequence() >= batches - 1) {
                    log.say("train: step budget reached and the learner trained all " + batches + " batches; stopping");
                    return;
                }
                if (p.learner.lastAppliedSequence() != lastSeq) {
                    lastSeq = p.learner.lastAppliedSequence();
                    lastAdvance = System.nanoTime();
                } else if (System.nanoTime() - lastAdvance > STALLED.toNanos()) {
                    // never wait for ever: a learner that stopped short is a failure, named with the fix
                    throw new IllegalStateException("the learner has trained batch " + lastSeq + " of the " + batches
                            + " the replay ratio gives and has not advanced for " + STALLED.toMinutes() + " min; see logs/train.log,"
                            + " then continue with --resume");
                }
            }
            for (Throwable t : new Throwable[] {p.producers.failure(), p.learner.failure(), p.evaluator.failure()}) {
                if (t != null) throw new IllegalStateException("a role failed: " + t, t);
            }
            if (p.replay.isDone()) throw new IllegalStateException("the replay job stopped; see logs");
            log.say(String.format(Locale.ROOT, "[%5.0fs] env steps %d | updates %d | batches behind ~%d | snapshot %d | "
                            + "train success %s | eval %s",
                    (System.nanoTime() - start) / 1e9, p.producers.envSteps(), p.learner.updates(),
                    Math.max(0, batches - 1 - p.learner.lastAppliedSequence()), p.learner.snapshotVersion(),
                    TaskFigures.success(o.tasks(), p.producers.recentSuccess()),
                    p.evaluator.evaluations() == 0 ? "-" : "@" + p.evaluator.lastEvaluatedUpdate() + " "
                            + TaskFigures.success(o.tasks(), p.evaluator.lastSuccess())));
        }
    }

    private static void checkBroker(Session p) {
        if (p.broker != null && !p.broker.isRunning()) {
            throw new IllegalStateException("the Kafka broker exited (its log: " + p.broker.logFile() + ")");
        }
    }

    /**
     * The run monitor, one more role: its page's address goes to the terminal first thing. A port that is taken gives
     * way to a free one, and a monitor that cannot start is only reported: watching a run never stops it.
     */
    private static RunMonitor startMonitor(KafkaSettings kafka, Topics topics, TrainOptions o, RunLog log) {
        Path state = o.runDir().resolve("monitor");
        try {
            RunMonitor m;
            try {
                m = RunMonitor.start(new MonitorConfig(kafka, topics, o.runId(), state, MonitorConfig.DEFAULT_BIND, o.monitorPort()));
            } catch (java.io.UncheckedIOException taken) {
                if (!(taken.getCause() instanceof java.net.BindException)) throw taken;
                m = RunMonitor.start(new MonitorConfig(kafka, topics, o.runId(), state, MonitorConfig.DEFAULT_BIND, 0));
                log.say("train: port " + o.monitorPort() + " is taken; the run monitor took another");
            }
            log.say("train: run monitor at " + m.url() + " (live charts; --no-monitor turns it off)");
            return m;
        } catch (RuntimeException e) {
            log.warn("train: no run monitor (" + e.getMessage() + "); the run goes on without it");
            return null;
        }
    }

    private static Optional<Path> newestFlinkCheckpoint(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(f -> f.getFileName().toString().startsWith("chk-") && Files.exists(f.resolve("_metadata")))
                    .max(Comparator.comparingLong(f -> f.toFile().lastModified()));
        }
    }

    static void writeConfig(TrainOptions o, Path runDir) throws IOException {
        RunConfig.builder(RunConfig.EMBEDDED).runId(o.runId()).preset(o.preset()).method(o.method().cliName())
                .tasks(o.tasks()).ablations(o.ablations()).seed(o.seed()).stepsPerTask(o.stepsPerTask()).snapshotEvery(o.snapshotEvery())
                .checkpointEvery(o.checkpointEvery()).evalEvery(o.evalEvery()).finalEpisodes(o.finalEpisodes())
                .maxLead(o.maxLead()).batchRows(o.batchRows().name().toLowerCase(Locale.ROOT))
                .bootstrapServers(o.bootstrapServers()).resumed(o.resume()).build()
                .write(runDir.resolve(o.resume() ? "config.resumed.json" : "config.json"));
    }

    /**
     * A running {@code train}: what the Ctrl-C hook stops. The running roles, for the monitor, and how train stops each
     * (saying what each stop really did).
     */
    static final class Session {
        /** The stop order that loses nothing: producers, replay, learner, its final evaluation, evaluator, monitor, broker. */
        final Roles roles; // tests stop it with roles.interrupt(), the Ctrl-C hook's call
        private final RunLog log;
        volatile EmbeddedKafka broker;
        volatile LocalReplayJob replay;
        volatile LearnerApp learner;
        volatile EvaluatorApp evaluator;
        volatile ProducerApp producers;
        /** Episodes per task of the final evaluation; 0 until the step budget is reached. */
        volatile int finalEpisodes;
        volatile RunMonitor runMonitor;
        /** The broker had exited by itself when the roles were stopped. */
        volatile boolean brokerLost;

        Session(RunLog log) {
            roles = Roles.open("train", log::say, log::warn,
                    "producers", "replay job", "learner", "final evaluation", "evaluator", "monitor", "broker");
            this.log = log;
        }

        String stopProducers(ProducerApp producers) {
            if (broker == null || broker.isRunning()) {
                producers.close();
                return "stopped producers (transitions committed)";
            }
            // nothing can commit: the open transaction's steps are aborted by the resume's producers and taken again
            producers.close(Duration.ofSeconds(5));
            return "stopped producers (without their last transaction: the broker is gone)";
        }

        String stopLearner(LearnerApp l) {
            // a dead broker would hold the learner's last snapshot and offset commit for the clients' timeouts
            boolean brokerGone = broker != null && !broker.isRunning();
            try {
                if (brokerGone) l.closeWithoutBroker();
                else l.close();
            } catch (RuntimeException e) {
                log.warn("train: stopping learner failed: " + e);
            }
            if (l.checkpointedUpdate() == l.updates()) {
                return "stopped learner (final checkpoint at update " + l.updates()
                        + (brokerGone ? "; no last snapshot: the broker is gone" : "") + ")";
            }
            log.warn("train: stopped learner at update " + l.updates() + " without a final checkpoint"
                    + (l.failure() != null ? " (it had failed: " + l.failure().getMessage() + ")" : "")
                    + "; a resume continues from its newest checkpoint, update " + l.checkpointedUpdate());
            return null;
        }

        /** At the step budget (not on Ctrl-C): the learner's last policy, evaluated before the evaluator stops. */
        String finalEvaluation(boolean interrupted) {
            if (interrupted || finalEpisodes == 0 || learner == null || evaluator == null || learner.failure() != null) {
                return null;
            }
            // it acts with the learner's last snapshot, which only a live broker delivers: without it the evaluator
            // would wait for its limit (an hour) instead of the run stopping
            if (learner.snapshotVersion() != learner.updates() || broker != null && !broker.isRunning()) {
                log.warn("train: no final evaluation: the learner's last snapshot (update " + learner.updates() + ") did not reach"
                        + " the broker; evaluations.csv has the periodic ones, and a --resume evaluates the last policy");
                return null;
            }
            long update = learner.updates();
            log.say("train: evaluating the last policy (update " + update + ") over " + finalEpisodes
                    + " episodes per task ...");
            try {
                return evaluator.evaluateFinal(update, finalEpisodes, FINAL_EVALUATION_LIMIT).summary();
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                log.warn("train: no final evaluation (" + e.getMessage() + "); evaluations.csv has the periodic ones");
                return null;
            }
        }

        String stopBroker(EmbeddedKafka broker) {
            boolean running = broker.isRunning();
            broker.close(); // of a broker that had exited too: releases its folder
            if (running) return "stopped broker";
            brokerLost = true;
            log.warn("train: the broker had already exited (see " + broker.logFile() + "); continue the run with --resume");
            return null;
        }
    }
}
