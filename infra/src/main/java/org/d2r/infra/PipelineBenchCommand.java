package org.d2r.infra;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.d2r.cli.Cli;
import org.d2r.cli.RunOptions;
import org.d2r.kafka.ReplayBatchReader;
import org.d2r.metaworld.MetaWorld;
import org.d2r.replay.ReplayConfig;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.Transition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r pipeline-bench}: the experience pipeline's ceiling with the learner replaced by
 * a consumer that only counts. Producer threads publish synthetic Meta-World-shaped transitions
 * (encoded with the codec, keyed by task) to the embedded broker; the replay job turns them into
 * training batches at the replay ratio; the time until the last expected batch arrives gives
 * transitions per second end to end. Also prints the codec's encode/decode rates.
 */
@Command(name = "pipeline-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"transitions per second through Kafka and Flink, Avro encode/decode rates", "",
                "Without --envs: synthetic producers at the pipeline's ceiling. One batch per N new transitions (the paper's",
                "ratio); batches are read as the learner reads them (decoded, references resolved from the transitions",
                "topic) and counted, not trained on.",
                "With --envs mt10 (or a task list): measures (a) the environments alone, (a') the same plus the acting",
                "policy's forward pass, and (b) the real producers (transactional, acks=all, warm-up path) publishing",
                "through Kafka and Flink into batches, then (a'') = (a') again, so that a drift of the machine's speed",
                "shows; goal: Kafka + Flink overhead (b) / mean((a'), (a'')) - 1 in time per step <= 20% (MT10 D2R actor,",
                "200-step episodes). --seed, the goals' (--envs only), defaults to 1.", ""})
public final class PipelineBenchCommand implements Callable<Integer> {

    record Options(int tasks, int perTask, int rowsPerTask, long warmup, int producers, int codecRecords,
                   int parallelism, int partitions, boolean codecOnly, Duration timeout, ReplayConfig.BatchRows batchRows) {}

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

    public static void main(String[] args) throws Exception {
        System.exit(Cli.execute(new PipelineBenchCommand(), args));
    }

    @Override
    public Integer call() throws Exception {
        if (envs != null) return Mt10PipelineBench.run(envOptions());
        Options o = options();
        System.out.printf("pipeline-bench: %d cores, tasks=%d, rows/task=%d%n", Runtime.getRuntime().availableProcessors(),
                o.tasks(), o.rowsPerTask());
        System.out.println("Avro single-object codec (one thread):");
        CodecBench.run(o.codecRecords(), o.tasks(), o.rowsPerTask()).forEach(r -> System.out.println(r.line()));
        if (o.codecOnly()) {
            return 0;
        }
        runPipeline(o);
        return 0;
    }

    /** Parses the synthetic mode's options without running (tests). */
    static Options parse(String[] args) {
        return Cli.parse(new PipelineBenchCommand(), args).options();
    }

    /** The synthetic mode's checked options. */
    Options options() {
        onlyIn(ENVS_ONLY, "--envs");
        for (long v : new long[] {tasks, perTask, producers, partitions, codecRecords, rowsPerTask, warmup, timeoutS}) {
            if (v < 1) throw Cli.usage(spec, "--tasks, --per-task, --producers, --partitions, --codec-records, --rows-per-task, "
                    + "--warmup and --timeout-s expect a positive integer, got " + v);
        }
        int j = positiveParallelism(2);
        long warmupPerTask = (warmup + tasks - 1) / tasks;
        if (perTask < warmupPerTask) {
            throw Cli.usage(spec, "--per-task " + perTask + " is below each task's warm-up share "
                    + warmupPerTask + " (--warmup " + warmup + " / --tasks " + tasks + "): no batch would be made");
        }
        return new Options(tasks, perTask, rowsPerTask, warmup, producers, codecRecords, j, partitions, codecOnly,
                Duration.ofSeconds(timeoutS), rows());
    }

    /** The --envs mode's checked options. */
    Mt10PipelineBench.Options envOptions() {
        if (envs == null) throw Cli.usage(spec, "--envs is required in this mode (e.g. --envs mt10)");
        onlyIn(SYNTHETIC_ONLY, "no --envs");
        List<String> names = Cli.checked(spec, "--envs: ", () -> MetaWorld.parseTaskList(envs));
        for (long v : new long[] {envsPerTask, stepsPerTask, rowsPerTask, warmup, timeoutS, seed.orElse(1)}) {
            if (v < 1) throw Cli.usage(spec, "--envs-per-task, --steps-per-task, --rows-per-task, --warmup, --seed and --timeout-s "
                    + "expect a positive integer, got " + v);
        }
        long warmupPerTask = (warmup + names.size() - 1) / names.size();
        if (stepsPerTask < warmupPerTask) {
            throw Cli.usage(spec, "--steps-per-task " + stepsPerTask + " is below each task's warm-up share "
                    + warmupPerTask + ": no batch would be made; raise --steps-per-task or lower --warmup");
        }
        int untimed = untimedSteps == null ? stepsPerTask / 5 : untimedSteps;
        if (untimedSteps != null && untimed < 1) throw Cli.usage(spec, "--untimed-steps expects a positive integer, got " + untimed);
        if (untimed >= stepsPerTask) {
            throw Cli.usage(spec, "--untimed-steps " + untimed + " leaves none of the " + stepsPerTask + " steps per task to time");
        }
        return new Mt10PipelineBench.Options(List.copyOf(names), envsPerTask, stepsPerTask, rowsPerTask, warmup, seed.orElse(1),
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
        if (j < 1) throw Cli.usage(spec, "--parallelism expects a positive integer, got " + j);
        return j;
    }

    private ReplayConfig.BatchRows rows() {
        return Cli.checked(spec, "--batch-rows: ", () -> ReplayConfig.BatchRows.parse(batchRows));
    }

    /** Batches the replay job makes from {@code perTask} transitions of each task: one per step after the warm-up. */
    static long expectedBatches(long perTask, long warmup, int tasks) {
        return perTask - (warmup + tasks - 1) / tasks + 1;
    }

    /** The embedded broker and the replay job of both modes, so that their figures compare. */
    static EmbeddedPipeline startPipeline(String runId, int tasks, long transitions, long warmup, int rowsPerTask,
                                          ReplayConfig.BatchRows rows, int partitions, int parallelism) throws Exception {
        return EmbeddedPipeline.start(null, bootstrap -> new ReplayConfig(bootstrap, "bench.", runId, tasks, transitions, warmup,
                tasks, rowsPerTask, 0, 10, "bench-replay", false, Duration.ofSeconds(5), null, null).withBatchRows(rows),
                partitions, parallelism);
    }

    private static void runPipeline(Options o) throws Exception {
        long expectedBatches = expectedBatches(o.perTask(), o.warmup(), o.tasks());
        long total = (long) o.tasks() * o.perTask();
        System.out.printf("Pipeline: %d producer thread(s) -> Kafka (embedded KRaft) -> Flink replay job (MiniCluster, "
                + "parallelism %d, batch rows %s) -> counting consumer%n", o.producers(), o.parallelism(),
                o.batchRows().name().toLowerCase(java.util.Locale.ROOT));
        System.out.printf("  %,d transitions (%d per task) -> %,d batches of %d rows expected%n", total, o.perTask(),
                expectedBatches, o.tasks() * o.rowsPerTask());
        long t0 = System.nanoTime();
        try (EmbeddedPipeline pipeline = startPipeline("bench", o.tasks(), total, o.warmup(), o.rowsPerTask(), o.batchRows(),
                o.partitions(), o.parallelism())) {
            pipeline.awaitRunning(Duration.ofMinutes(2));
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
            for (Thread t : producers) {
                t.join();
            }
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
        List<Integer> ids = new ArrayList<>();
        for (int t = id; t < o.tasks(); t += o.producers()) {
            mine.add(new SyntheticTransitions("bench", t, 0));
            ids.add(t);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int step = 0; step < o.perTask(); step++) {
                for (int i = 0; i < mine.size(); i++) {
                    byte[] key = ByteBuffer.allocate(4).putInt(ids.get(i)).array();
                    producer.send(new ProducerRecord<>(topic, key, codec.encode(mine.get(i).next())), (m, e) -> {
                        if (e == null) {
                            sent.incrementAndGet();
                        } else {
                            System.err.println("pipeline-bench: send failed: " + e);
                        }
                    });
                }
            }
            producer.flush();
        }
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

        /** Waits up to {@code timeout} for the expected batches, then stops reading. */
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
            if (count == 0) {
                firstAt = System.nanoTime();
            }
            count++;
            bytes += batchBytes;
            lastAt = System.nanoTime();
        }
    }
}
