package org.d2r.infra;

import static org.d2r.infra.tools.EnvBenchCommand.fixed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.DoubleStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.d2r.cli.Cli;
import org.d2r.cli.RunOptions;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.kafka.KafkaPolicyPublisher;
import org.d2r.kafka.ReplayBatchReader;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.producers.ProducerApp;
import org.d2r.replay.ReplayConfig;
import org.d2r.roles.ActingPass;
import org.d2r.roles.EnvironmentLoop;
import org.d2r.roles.LoopProgress;
import org.d2r.roles.PolicySource;
import org.d2r.roles.RecentEpisodes;
import org.d2r.roles.SnapshotActing;
import org.d2r.roles.TransitionSink;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.Transition;
import org.d2r.schemas.kafka.KafkaSettings;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r pipeline-bench} (modes as --help says): without --envs, producer threads publish synthetic
 * Meta-World-shaped transitions (encoded with the codec, keyed by task) to the embedded broker, and the time until
 * the replay job's last expected batch arrives gives transitions per second end to end.
 *
 * <p>{@code --envs mt10}: the phases --help names ({@link #measure}); (a) and (a') step on one thread, task-major,
 * env-minor, as the producers step them, and (b) runs {@link ProducerApp} exactly as in training. The goal compares
 * (b) with the mean of (a') and (a''): what Kafka and Flink add to what the producers must do anyway.
 */
@Command(name = "pipeline-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"transitions per second through Kafka and Flink, Avro encode/decode rates", "",
                "Without --envs: synthetic producers at the pipeline's ceiling. One batch per N new transitions (the paper's",
                "ratio); batches are read as the learner reads them (decoded, references resolved from the transitions",
                "topic) and counted, not trained on.",
                "With --envs mt10 (or a task list): measures (a) the environments alone, (a') the same plus the acting",
                "policy's forward pass, and (b) the real producers (transactional, acks=all, warm-up path) publishing",
                "through Kafka and Flink into batches, then (a'') = (a') again, so that a drift of the machine's speed",
                "shows; goal: Kafka + Flink overhead (b) / mean((a'), (a'')) - 1 in time per step <= 20%% (MT10 D2R actor,",
                "200-step episodes). --seed, the goals' (--envs only), defaults to 1.", ""})
public final class PipelineBenchCommand implements Callable<Integer> {

    record Options(int tasks, int perTask, int rowsPerTask, long warmup, int producers, int codecRecords,
                   int parallelism, int partitions, boolean codecOnly, Duration timeout, ReplayConfig.BatchRows batchRows) {}

    record EnvOptions(List<String> tasks, int envsPerTask, int stepsPerTask, int rowsPerTask, long warmup, long seed,
                      boolean json, Duration timeout, ReplayConfig.BatchRows batchRows, int untimedPerTask, int parallelism,
                      boolean monitor) {}

    static final double GOAL_OVERHEAD = 0.20;
    /** The network the producers act with: the paper's MT10 D2R actor. */
    private static final String PRESET = "mt10-rand";
    private static final int EPISODE_STEPS = 200;
    private static final String RUN_ID = "bench";

    /** Options of one mode only: given in the other, they are a usage error rather than silently ignored. */
    private static final List<String> SYNTHETIC_ONLY = List.of("--tasks", "--per-task", "--producers", "--partitions",
            "--codec-records", "--codec-only");
    private static final List<String> ENVS_ONLY = List.of("--envs-per-task", "--steps-per-task", "--seed", "--format",
            "--untimed-steps", "--monitor");

    @Spec
    CommandSpec spec;

    @Option(names = "--envs", paramLabel = "mt10|a,b,c", description = "step these environments (one per task) through the real "
            + "producers")
    String envs;
    // synthetic mode: a number of tasks of synthetic transitions, not Meta-World's (that is --envs)
    @Option(names = "--tasks", paramLabel = "N", description = "synthetic: tasks (default 10)")
    int tasks = 10;
    @Option(names = "--per-task", paramLabel = "T", description = "synthetic: transitions each task publishes (default 2000)")
    int perTask = 2000;
    @Option(names = "--producers", paramLabel = "P", description = "synthetic: producer threads (default 2)")
    int producers = 2;
    @Option(names = "--partitions", paramLabel = "K", description = "synthetic: partitions of the transitions topic (default 4)")
    int partitions = 4;
    @Option(names = "--codec-records", paramLabel = "M", description = "synthetic: records for the codec rates (default 200000)")
    int codecRecords = 200_000;
    @Option(names = "--codec-only", description = "synthetic: only the codec rates, no broker or Flink")
    boolean codecOnly;
    @Option(names = "--envs-per-task", paramLabel = "E", description = "--envs: environments per task (default 1)")
    int envsPerTask = 1;
    @Option(names = "--steps-per-task", paramLabel = "S", description = "--envs: env steps each task takes in each phase "
            + "(default 2000)")
    int stepsPerTask = 2000;
    @Mixin
    RunOptions.Seed seed;
    @Mixin
    RunOptions.Format format;
    @Option(names = "--untimed-steps", paramLabel = "U", description = "--envs: steps per task at the start of each phase that "
            + "warm the JIT and are not timed (default: a fifth of --steps-per-task)")
    Integer untimedSteps;
    @Option(names = "--monitor", description = "--envs: the run monitor watches (b) with its page open, its CPU in (b)'s account "
            + "(compare CPU per step with a run without it)")
    boolean monitor;
    @Option(names = "--rows-per-task", paramLabel = "B", description = "rows per task in a batch (default 128)")
    int rowsPerTask = 128;
    @Option(names = "--warmup", paramLabel = "W", description = "transitions stored before the first batch, all tasks (default 1000)")
    long warmup = 1000;
    @Option(names = "--parallelism", paramLabel = "J", description = "Flink parallelism (default 2; with --envs 1, as bin/d2r "
            + "train runs it)")
    Integer parallelism;
    @Option(names = "--timeout-s", paramLabel = "S", description = "give up waiting for batches after S seconds (default 600)")
    long timeoutS = 600;
    @Option(names = "--batch-rows", paramLabel = "references|inline", description = "references (default) or inline")
    String batchRows = "references";

    @Override
    public Integer call() throws Exception {
        if (envs != null) {
            EnvOptions o = envOptions();
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
            log(o, "pipeline-bench --envs: %d task(s) x %d env(s), %d steps per task, %d cores, load %s", o.tasks().size(),
                    o.envsPerTask(), o.stepsPerTask(), Runtime.getRuntime().availableProcessors(), loadBefore);
            Result res = measure(o);
            report(o, res, loadBefore);
            return res.batches() < res.expectedBatches() ? 1 : 0;
        }
        Options o = options();
        System.out.printf("pipeline-bench: %d cores, tasks=%d, rows/task=%d%n", Runtime.getRuntime().availableProcessors(),
                o.tasks(), o.rowsPerTask());
        System.out.println("Avro single-object codec (one thread):");
        CodecBench.run(o.codecRecords(), o.tasks(), o.rowsPerTask()).forEach(System.out::println);
        if (!o.codecOnly()) runPipeline(o);
        return 0;
    }

    Options options() {
        onlyIn(ENVS_ONLY, "--envs");
        positive("--tasks, --per-task, --producers, --partitions, --codec-records, --rows-per-task, --warmup and --timeout-s "
                + "expect", tasks, perTask, producers, partitions, codecRecords, rowsPerTask, warmup, timeoutS);
        int j = positiveParallelism(2);
        long warmupPerTask = (warmup + tasks - 1) / tasks;
        if (perTask < warmupPerTask) {
            throw Cli.usage(spec, "--per-task " + perTask + " is below each task's warm-up share "
                    + warmupPerTask + " (--warmup " + warmup + " / --tasks " + tasks + "): no batch would be made");
        }
        return new Options(tasks, perTask, rowsPerTask, warmup, producers, codecRecords, j, partitions, codecOnly,
                Duration.ofSeconds(timeoutS), rows());
    }

    EnvOptions envOptions() {
        onlyIn(SYNTHETIC_ONLY, "no --envs");
        List<String> names = Cli.checked(spec, "--envs: ", () -> MetaWorld.parseTaskList(envs));
        positive("--envs-per-task, --steps-per-task, --rows-per-task, --warmup, --seed and --timeout-s expect", envsPerTask,
                stepsPerTask, rowsPerTask, warmup, timeoutS, seed.orElse(1));
        long warmupPerTask = (warmup + names.size() - 1) / names.size();
        if (stepsPerTask < warmupPerTask) {
            throw Cli.usage(spec, "--steps-per-task " + stepsPerTask + " is below each task's warm-up share "
                    + warmupPerTask + ": no batch would be made; raise --steps-per-task or lower --warmup");
        }
        int untimed = untimedSteps == null ? stepsPerTask / 5 : untimedSteps;
        if (untimedSteps != null) positive("--untimed-steps expects", untimed);
        if (untimed >= stepsPerTask) {
            throw Cli.usage(spec, "--untimed-steps " + untimed + " leaves none of the " + stepsPerTask + " steps per task to time");
        }
        return new EnvOptions(List.copyOf(names), envsPerTask, stepsPerTask, rowsPerTask, warmup, seed.orElse(1),
                format.json(), Duration.ofSeconds(timeoutS), rows(), untimed, positiveParallelism(1), monitor);
    }

    private void onlyIn(List<String> options, String mode) {
        for (String name : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                throw Cli.usage(spec, name + " does not apply with " + mode + " (see --help: each mode's options say which)");
            }
        }
    }

    private int positiveParallelism(int fallback) {
        int j = parallelism == null ? fallback : parallelism;
        positive("--parallelism expects", j);
        return j;
    }

    private void positive(String options, long... values) {
        for (long v : values) if (v < 1) throw Cli.usage(spec, options + " a positive integer, got " + v);
    }

    private ReplayConfig.BatchRows rows() {
        return Cli.checked(spec, "--batch-rows: ", () -> ReplayConfig.BatchRows.parse(batchRows));
    }

    /** Batches the replay job makes from {@code perTask} transitions of each task: one per step after the warm-up. */
    static long expectedBatches(long perTask, long warmup, int tasks) {
        return perTask - (warmup + tasks - 1) / tasks + 1;
    }

    /** The embedded broker and the replay job of both modes, so that their figures compare. */
    private static EmbeddedPipeline startPipeline(int tasks, long transitions, long warmup, int rowsPerTask,
                                          ReplayConfig.BatchRows rows, int partitions, int parallelism) throws Exception {
        return EmbeddedPipeline.start(bootstrap -> new ReplayConfig(bootstrap, "bench.", RUN_ID, tasks, transitions, warmup,
                tasks, rowsPerTask, 0, 10, "bench-replay", false, Duration.ofSeconds(5), null, null, Map.of(), rows),
                partitions, parallelism);
    }

    private static void runPipeline(Options o) throws Exception {
        long expectedBatches = expectedBatches(o.perTask(), o.warmup(), o.tasks());
        long total = (long) o.tasks() * o.perTask();
        System.out.printf("Pipeline: %d producer thread(s) -> Kafka (embedded KRaft) -> Flink replay job (MiniCluster, "
                + "parallelism %d, batch rows %s) -> counting consumer%n", o.producers(), o.parallelism(),
                o.batchRows().name().toLowerCase(Locale.ROOT));
        System.out.printf("  %,d transitions (%d per task) -> %,d batches of %d rows expected%n", total, o.perTask(),
                expectedBatches, o.tasks() * o.rowsPerTask());
        long t0 = System.nanoTime();
        try (EmbeddedPipeline pipeline = startPipeline(o.tasks(), total, o.warmup(), o.rowsPerTask(), o.batchRows(),
                o.partitions(), o.parallelism())) {
            pipeline.replayJob().awaitRunning(Duration.ofMinutes(2));
            System.out.printf("  broker + topics + replay job up in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            Counter counter = new Counter(pipeline, expectedBatches, o.batchRows());

            long start = System.nanoTime();
            List<Thread> producers = new ArrayList<>();
            AtomicLong sent = new AtomicLong();
            for (int p = 0; p < o.producers(); p++) {
                int id = p;
                Thread t = new Thread(() -> produce(pipeline.bootstrapServers(), pipeline.topics().transitions(), o, id, sent),
                        "producer-" + p);
                producers.add(t);
                t.start();
            }
            for (Thread t : producers) t.join();
            double produceSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  producers: %,d transitions acknowledged in %.2f s = %,.0f transitions/s%n", sent.get(),
                    produceSeconds, sent.get() / produceSeconds);

            counter.await(o.timeout());
            double seconds = (counter.lastAt - start) / 1e9;
            if (counter.count < expectedBatches) {
                System.out.printf("  INCOMPLETE: %,d of %,d batches within %d s (replay job done=%s)%n", counter.count,
                        expectedBatches, o.timeout().toSeconds(), pipeline.replayJob().isDone());
                System.exit(1);
            }
            System.out.printf("  end to end: %,d transitions in %.2f s = %,.0f transitions/s through Kafka and Flink%n",
                    total, seconds, total / seconds);
            System.out.printf("  batches: %,d in %.2f s = %,.1f batches/s (%,.0f rows/s, %.1f MB/s of batch records)%n",
                    counter.count, seconds, counter.count / seconds, counter.count * (double) o.tasks() * o.rowsPerTask() / seconds,
                    counter.bytes / seconds / 1e6);
            System.out.printf("  first batch after %.2f s (warm-up of %d transitions)%n", (counter.firstAt - start) / 1e9,
                    o.warmup());
        }
    }

    private static void produce(String bootstrap, String topic, Options o, int id, AtomicLong sent) {
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        List<SyntheticTransitions> mine = new ArrayList<>();
        for (int t = id; t < o.tasks(); t += o.producers()) mine.add(new SyntheticTransitions("bench", t, 0));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int step = 0; step < o.perTask(); step++) {
                for (int i = 0; i < mine.size(); i++) {
                    byte[] key = ByteBuffer.allocate(4).putInt(id + i * o.producers()).array();
                    producer.send(new ProducerRecord<>(topic, key, codec.encode(mine.get(i).next())), (m, e) -> {
                        if (e == null) sent.incrementAndGet();
                        else System.err.println("pipeline-bench: send failed: " + e);
                    });
                }
            }
            producer.flush();
        }
    }

    /**
     * The producers' environment loop (the roles' {@link EnvironmentLoop}, as ProducerApp runs it) on its
     * warm-up path, with {@code pass} as the acting pass and nothing kept: the seconds the timed steps took,
     * scaled to all the phase's steps (the first {@code untimedPerTask} per task warm the JIT and are not
     * timed), and the stepping thread's scheduler statistics over the timed ones.
     */
    static Phase step(EnvOptions o, ActingPass pass) {
        int n = o.tasks().size();
        Rng master = new Rng(o.seed() * 7919 + 17);
        master.split(); // the producers' acting stream; the warm-up stream is the second split
        Rng warmRng = master.split();
        try (EnvironmentLoop loop = new EnvironmentLoop(o.tasks(), o.envsPerTask(),
                (task, e, first) -> MetaWorld.make(task, EnvConfig.paper(GoalMode.RAND, o.seed(), e).withMaxPathLength(EPISODE_STEPS)),
                LoopProgress.start(n * o.envsPerTask()), TransitionSink.NONE, new RecentEpisodes(n))) {
            long start = System.nanoTime();
            long timedFrom = -1;
            SchedStat schedStart = SchedStat.self();
            for (long s = 0; s < o.stepsPerTask(); s += o.envsPerTask()) {
                if (timedFrom < 0 && s >= o.untimedPerTask()) {
                    timedFrom = s;
                    start = System.nanoTime();
                    schedStart = SchedStat.self();
                }
                // a warm-up that never ends: uniformly random actions, as the producers' first steps
                loop.explore(pass, Long.MAX_VALUE, warmRng);
            }
            double scale = (double) o.stepsPerTask() / (o.stepsPerTask() - Math.max(0, timedFrom));
            return new Phase((System.nanoTime() - start) / 1e9 * scale, SchedStat.self().since(schedStart));
        }
    }

    record Phase(double seconds, SchedStat sched) {}

    /** Phase (a): no acting pass at all, the environments alone. */
    private static final ActingPass NO_PASS = new ActingPass() {
        @Override
        public long version() {
            return -1;
        }

        @Override
        public void act(double[][] obs, int[] taskIds, int rows, boolean explore, boolean policyActions, double[][] actions) {
        }

        @Override
        public RoutingPaths paths() {
            return null;
        }
    };

    /**
     * The acting forward pass ProducerApp makes for every step (SampleK routing path and an action), as it
     * makes it: the producers' actor, once per lockstep over all the environments' observations.
     */
    private static ActingPass acting(EnvOptions o, PolicySnapshot policy, boolean sampleK) {
        int tasks = o.tasks().size();
        SnapshotActing actor = new SnapshotActing(MetaWorldEnv.OBS_DIM, MetaWorldEnv.ACTION_DIM, tasks, tasks * o.envsPerTask(),
                sampleK, new Rng(o.seed()));
        actor.use(new PolicySource.Policy(0, 0, -1, policy));
        return actor;
    }

    /**
     * One run of the three phases: {@code published} counts the transitions the producers had acknowledged in (b),
     * {@code batchesSeconds} runs from (b)'s first step to the last batch counted.
     */
    record Result(long steps, double envsSeconds, double envsPolicySeconds, double envsPolicyAfterSeconds, double pipelineSeconds,
                  long published,
                  long batches, long expectedBatches, double batchesSeconds, Map<String, Double> cpuSeconds,
                  SchedStat envsPolicySched, long envsPolicyTimedSteps, SchedStat pipelineSched, long pipelineTimedSteps) {

        /** How the stepping thread spent its wall time in (a') and (b): waiting for a core, collector pauses. */
        String steppingLine() {
            return String.format(Locale.ROOT, "stepping thread, (a') -> (b): waiting for a core %s -> %s of its CPU time,"
                            + " %,d -> %,d time slices per 1,000 steps; collector pauses %.1f -> %.1f ms per 1,000 steps",
                    percent(envsPolicySched.waitingNanos(), envsPolicySched.onCpuNanos()),
                    percent(pipelineSched.waitingNanos(), pipelineSched.onCpuNanos()),
                    envsPolicySched.slices() * 1000 / Math.max(1, envsPolicyTimedSteps),
                    pipelineSched.slices() * 1000 / Math.max(1, pipelineTimedSteps),
                    envsPolicySched.gcMillis() * 1000.0 / Math.max(1, envsPolicyTimedSteps),
                    pipelineSched.gcMillis() * 1000.0 / Math.max(1, pipelineTimedSteps));
        }

        private static String percent(long part, long whole) {
            return whole <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
        }
    }

    static Result measure(EnvOptions o) throws Exception {
        int n = o.tasks().size();
        long stepsTotal = (long) n * o.stepsPerTask();
        double aSeconds = step(o, NO_PASS).seconds();
        log(o, "(timing each phase after its first %,d steps per task: JIT warm-up; replay job parallelism %d)",
                o.untimedPerTask(), o.parallelism());
        log(o, "(a) envs alone: %,d steps in %.2f s = %,.0f steps/s", stepsTotal, aSeconds, stepsTotal / aSeconds);

        // (a') the same stepping plus the acting policy's forward pass, which the producers make on every
        // step, warm-up included (it chooses the routing path a transition carries)
        LearnerConfig preset = LearnerConfig.preset(PRESET);
        PolicySnapshot policy = PolicySnapshot.of(D2rNetwork.actor(preset.net(),
                MetaWorldEnv.OBS_DIM, MetaWorldEnv.ACTION_DIM, n, 1, DataType.FLOAT, new Rng(o.seed())),
                DoubleStream.generate(() -> 1.0).limit(n).toArray(), 0);
        Phase ap = step(o, acting(o, policy, preset.sac().sampleKWhenActing()));
        double apSeconds = ap.seconds();
        log(o, "(a') envs + policy forward pass: %,d steps in %.2f s = %,.0f steps/s", stepsTotal, apSeconds,
                stepsTotal / apSeconds);

        // (b) the real producers (ProducerApp, as in training) on their warm-up path for the whole run: counted batches
        long expectedBatches = expectedBatches(o.stepsPerTask(), o.warmup(), n);
        double bSeconds, endToEnd;
        long batches, published, bTimedSteps;
        Map<String, Double> cpuB = new LinkedHashMap<>();
        SchedStat bSched;
        try (EmbeddedPipeline pipeline = startPipeline(n, stepsTotal, o.warmup(), o.rowsPerTask(),
                o.batchRows(), TopicLayout.Settings.defaults().transitionPartitions(), o.parallelism());
             BenchMonitor watching = BenchMonitor.start(o.monitor(), pipeline, RUN_ID)) {
            pipeline.replayJob().awaitRunning(Duration.ofMinutes(2));
            // version 0 of the bench run's policy, published as the learner publishes it at the start of training
            try (KafkaPolicyPublisher publisher = new KafkaPolicyPublisher(pipeline.bootstrapServers(),
                    pipeline.topics().policySnapshots(), RUN_ID, "pipeline-bench", Map.of())) {
                publisher.publish(policy, 0, -1, policy.tau());
            }
            Counter counter = new Counter(pipeline, expectedBatches, o.batchRows());
            org.d2r.producers.ProducerConfig producers = org.d2r.producers.ProducerConfig.of(
                            KafkaSettings.of(pipeline.bootstrapServers()), pipeline.topics(), RUN_ID, o.tasks(), PRESET)
                    .withGoals(GoalMode.RAND, o.seed()).withEnvsPerTask(o.envsPerTask()).withEpisodeSteps(EPISODE_STEPS)
                    .withWarmup(o.stepsPerTask()).withMaxLead(0).withMaxStepsPerTask(o.stepsPerTask());
            long start, timedStart;
            CpuAccount cpu = new CpuAccount(pipeline.kafka().pid());
            try (ProducerApp app = ProducerApp.start(producers)) {
                // the clock starts at the first step, as in (a): making the environments is not stepping
                long deadline = System.nanoTime() + o.timeout().toNanos();
                while (app.envSteps() == 0 && app.failure() == null && System.nanoTime() < deadline) Thread.sleep(1);
                start = System.nanoTime();
                // as in (a) and (a'), the first steps warm the JIT (here also Kafka's and Flink's code paths) untimed
                while (app.envSteps() < (long) n * o.untimedPerTask() && app.failure() == null
                        && System.nanoTime() < deadline) Thread.sleep(1);
                timedStart = System.nanoTime();
                bTimedSteps = stepsTotal - app.envSteps();
                cpu.start();
                if (!app.awaitFinished(o.timeout())) {
                    throw new IllegalStateException("the producers did not finish within " + o.timeout().toSeconds() + " s");
                }
                // includes the final flush (every transition acknowledged); scaled to all the phase's steps
                bSeconds = (System.nanoTime() - timedStart) / 1e9 * stepsTotal / bTimedSteps;
                app.close();
                published = app.published();
            }
            counter.await(o.timeout());
            double scale = (double) stepsTotal / bTimedSteps;
            cpu.stop().forEach((part, seconds) -> cpuB.put(part, seconds * scale));
            bSched = cpu.stepping();
            batches = counter.count;
            endToEnd = (counter.lastAt - start) / 1e9;
            log(o, "(b) producers + pipeline: %,d steps in %.2f s = %,.0f steps/s (%,d acknowledged)", stepsTotal, bSeconds,
                    stepsTotal / bSeconds, published);
            log(o, "    batches: %,d of %,d in %.2f s from first step = %.1f batches/s (warm-up %d, %d rows/batch, rows %s,"
                            + " %.1f KB per batch record)", batches, expectedBatches, endToEnd, batches / endToEnd, o.warmup(),
                    n * o.rowsPerTask(), o.batchRows().name().toLowerCase(Locale.ROOT),
                    batches == 0 ? 0 : counter.bytes / 1e3 / batches);
            log(o, "    %s", watching.summary());
            if (counter.failure != null) {
                throw new IllegalStateException("the batch reader failed: " + counter.failure, counter.failure);
            }
        }
        // (a') once more after (b): this VM's speed drifts between phases, so (b) is compared with (a') on both sides of it
        double apAfterSeconds = step(o, acting(o, policy, preset.sac().sampleKWhenActing())).seconds();
        log(o, "(a'') envs + policy forward pass again, after (b): %,d steps in %.2f s = %,.0f steps/s (time %+.1f%% against (a'))",
                stepsTotal, apAfterSeconds, stepsTotal / apAfterSeconds, 100 * (apAfterSeconds / apSeconds - 1));
        return new Result(stepsTotal, aSeconds, apSeconds, apAfterSeconds, bSeconds, published, batches, expectedBatches, endToEnd, cpuB,
                ap.sched(), (long) n * (o.stepsPerTask() - o.untimedPerTask()), bSched, bTimedSteps);
    }

    private static void report(EnvOptions o, Result res, String loadBefore) throws Exception {
        int n = o.tasks().size();
        double aSeconds = res.envsSeconds();
        double apSeconds = (res.envsPolicySeconds() + res.envsPolicyAfterSeconds()) / 2;
        double bSeconds = res.pipelineSeconds();
        long stepsTotal = res.steps();
        double overhead = bSeconds / apSeconds - 1;
        double overEnvs = bSeconds / aSeconds - 1;
        List<String> codecRates = CodecBench.run(200_000, n, o.rowsPerTask());
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        boolean met = overhead <= GOAL_OVERHEAD && res.batches() >= res.expectedBatches();
        double cpuTotal = res.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        if (o.json()) {
            // printf here once wrote "1234,5" in a comma-decimal locale: Jackson writes numbers one way everywhere
            ObjectNode j = JsonNodeFactory.instance.objectNode().put("tasks", n).put("envsPerTask", o.envsPerTask())
                    .put("stepsPerTask", o.stepsPerTask()).put("envOnlyStepsPerSec", fixed(stepsTotal / aSeconds, 1))
                    .put("envPolicyStepsPerSec", fixed(stepsTotal / res.envsPolicySeconds(), 1))
                    .put("envPolicyAfterStepsPerSec", fixed(stepsTotal / res.envsPolicyAfterSeconds(), 1))
                    .put("pipelineStepsPerSec", fixed(stepsTotal / bSeconds, 1)).put("overhead", fixed(overhead, 4))
                    .put("overheadOverEnvsAlone", fixed(overEnvs, 4)).put("goalOverhead", fixed(GOAL_OVERHEAD, 2))
                    .put("goalMet", met).put("batchRows", o.batchRows().name().toLowerCase(Locale.ROOT))
                    .put("monitor", o.monitor()).put("batches", res.batches()).put("expectedBatches", res.expectedBatches())
                    .put("batchesPerSec", fixed(res.batches() / res.batchesSeconds(), 2))
                    .put("producers", "ProducerApp, transactional, acks=all, warm-up path (uniform random actions,"
                            + " snapshotVersion -1, routing path from the policy)")
                    .put("loadBefore", loadBefore).put("loadAfter", loadAfter);
            ArrayNode codec = j.putArray("codec");
            codecRates.forEach(r -> codec.add(r.trim()));
            ObjectNode cpu = j.putObject("cpuSecondsPer1000Steps");
            res.cpuSeconds().forEach((part, seconds) -> cpu.put(part, fixed(seconds * 1000 / stepsTotal, 4)));
            j.put("envPolicySecondsPer1000Steps", fixed(apSeconds * 1000 / stepsTotal, 4)).put("stepping", res.steppingLine());
            System.out.println(j);
        } else {
            System.out.printf(Locale.ROOT, "CPU seconds per 1,000 steps in (b), by part (robust to other load; (a') stepping alone: %.3f):%n",
                    apSeconds * 1000 / stepsTotal);
            for (Map.Entry<String, Double> e : res.cpuSeconds().entrySet()) {
                System.out.printf(Locale.ROOT, "  %-50s %7.3f  (%4.1f%%)%n", e.getKey(), e.getValue() * 1000 / stepsTotal,
                        100 * e.getValue() / Math.max(1e-9, cpuTotal));
            }
            System.out.printf(Locale.ROOT, "  %-50s %7.3f%n", "all parts", cpuTotal * 1000 / stepsTotal);
            System.out.println(res.steppingLine());
            System.out.println("Avro single-object codec (one thread):");
            codecRates.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "overhead of Kafka + Flink, (b) over the mean of (a') and (a'') (time per step): %+.1f%% (goal <= %.0f%%): %s"
                            + "  [against (a') alone %+.1f%%, (a'') alone %+.1f%%]%n",
                    overhead * 100, GOAL_OVERHEAD * 100, met ? "MET" : "NOT MET", 100 * (bSeconds / res.envsPolicySeconds() - 1),
                    100 * (bSeconds / res.envsPolicyAfterSeconds() - 1));
            System.out.printf(Locale.ROOT, "overhead of what the producers do in training over envs alone, (b) over (a): %+.1f%%%n",
                    overEnvs * 100);
            System.out.println("actions: uniform random; (b) is ProducerApp (transactional, acks=all) on its warm-up path: "
                    + "snapshotVersion -1, routing path chosen by the policy's forward pass as in (a')");
            System.out.println("load average after: " + loadAfter);
        }
    }

    private static void log(EnvOptions o, String fmt, Object... a) {
        // JSON mode keeps stdout machine-readable; progress goes to stderr
        (o.json() ? System.err : System.out).printf(Locale.ROOT, fmt + "%n", a);
    }

    /**
     * The learner's stand-in, counting batches without decoding their rows (the learner decodes
     * them whichever way they travel). Inline batches are counted as records off the topic; batches
     * of references are read as the learner reads them ({@link ReplayBatchReader}: in sequence, each
     * reference resolved to its transition's bytes from the transitions topic), since their rows
     * exist for a learner only once fetched.
     */
    static final class Counter implements Runnable {
        private final EmbeddedPipeline pipeline;
        private final long expected;
        private final boolean references;
        private final Thread thread = new Thread(this, "batch-counter");
        private volatile boolean stop;
        volatile long count;
        volatile long bytes;
        volatile long firstAt;
        volatile long lastAt;
        volatile Throwable failure;

        /** Starts counting at once, on a thread of its own (CpuAccount finds it by its name). */
        Counter(EmbeddedPipeline pipeline, long expected, ReplayConfig.BatchRows rows) {
            this.pipeline = pipeline;
            this.expected = expected;
            this.references = rows == ReplayConfig.BatchRows.REFERENCES;
            thread.start();
        }

        void await(Duration timeout) throws InterruptedException {
            thread.join(timeout.toMillis());
            stop = true;
            thread.join(10_000);
        }

        @Override
        public void run() {
            try {
                if (references) {
                    try (ReplayBatchReader reader = new ReplayBatchReader(pipeline.bootstrapServers(), pipeline.topics(),
                            "bench-counter", -1)) {
                        countWhile(() -> {
                            long before = reader.bytesRead();
                            if (reader.next(Duration.ofMillis(200)) != null) counted(reader.bytesRead() - before);
                        });
                    }
                } else {
                    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG, "bench-counter",
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024,
                            ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024), new ByteArrayDeserializer(),
                            new ByteArrayDeserializer())) {
                        consumer.subscribe(List.of(pipeline.topics().replayBatches()));
                        countWhile(() -> consumer.poll(Duration.ofMillis(200)).forEach(r -> counted(r.value().length)));
                    }
                }
            } catch (RuntimeException | Error e) {
                failure = e;
                System.err.println("pipeline-bench: batch reader failed: " + e);
            }
        }

        /** Reads until the expected batches are counted or the bench stops waiting, saying how far it got every 5 s. */
        private void countWhile(Runnable read) {
            long lastReport = System.nanoTime();
            while (!stop && count < expected) {
                read.run();
                if (System.nanoTime() - lastReport > 5e9) {
                    System.out.printf("    ... %,d / %,d batches%n", count, expected);
                    lastReport = System.nanoTime();
                }
            }
        }

        private void counted(long batchBytes) {
            if (count == 0) firstAt = System.nanoTime();
            count++;
            bytes += batchBytes;
            lastAt = System.nanoTime();
        }
    }
}
