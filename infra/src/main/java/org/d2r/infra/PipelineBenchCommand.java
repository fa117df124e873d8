package org.d2r.infra;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.d2r.kafka.ReplayBatchReader;
import org.d2r.replay.ReplayConfig;
import org.d2r.schemas.Topics;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.SyntheticTransitions;
import org.d2r.schemas.Transition;

/**
 * {@code bin/d2r pipeline-bench}: the experience pipeline's ceiling with the learner replaced by
 * a consumer that only counts. Producer threads publish synthetic Meta-World-shaped transitions
 * (encoded with the codec, keyed by task) to the embedded broker; the replay job turns them into
 * training batches at the replay ratio; the time until the last expected batch arrives gives
 * transitions per second end to end. Also prints the codec's encode/decode rates.
 */
public final class PipelineBenchCommand {

    record Options(int tasks, int perTask, int rowsPerTask, long warmup, int producers, int codecRecords,
                   int parallelism, int partitions, boolean codecOnly, Duration timeout, ReplayConfig.BatchRows batchRows) {}

    private PipelineBenchCommand() {}

    static String usage() {
        return """
                Usage: bin/d2r pipeline-bench [options]
                  --tasks N              tasks (default 10)
                  --per-task T           transitions each task publishes (default 2000)
                  --rows-per-task B      rows per task in a batch (default 128)
                  --warmup W             transitions stored before the first batch, all tasks (default 1000)
                  --producers P          producer threads (default 2)
                  --partitions K         partitions of the transitions topic (default 4)
                  --parallelism J        Flink parallelism (default 2)
                  --codec-records M      records for the codec rates (default 200000)
                  --codec-only           only the codec rates, no broker or Flink
                  --timeout-s S          give up after S seconds (default 600)
                  --batch-rows R         references (default) or inline
                One batch per N new transitions (the paper's ratio); batches are read as the learner reads them
                (decoded, references resolved from the transitions topic) and counted, not trained on.
                """;
    }

    static Options parse(String[] args) {
        int tasks = 10, perTask = 2000, rows = 128, producers = 2, codec = 200_000, parallelism = 2, partitions = 4;
        long warmup = 1000, timeout = 600;
        boolean codecOnly = false;
        ReplayConfig.BatchRows batchRows = ReplayConfig.BatchRows.REFERENCES;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--codec-only")) {
                codecOnly = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("pipeline-bench: unknown option or missing value: " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--tasks" -> tasks = positive(a, v);
                case "--per-task" -> perTask = positive(a, v);
                case "--rows-per-task" -> rows = positive(a, v);
                case "--warmup" -> warmup = positive(a, v);
                case "--producers" -> producers = positive(a, v);
                case "--partitions" -> partitions = positive(a, v);
                case "--parallelism" -> parallelism = positive(a, v);
                case "--codec-records" -> codec = positive(a, v);
                case "--timeout-s" -> timeout = positive(a, v);
                case "--batch-rows" -> batchRows = batchRows(v);
                default -> throw new IllegalArgumentException("pipeline-bench: unknown option " + a);
            }
        }
        long warmupPerTask = (warmup + tasks - 1) / tasks;
        if (perTask < warmupPerTask) {
            throw new IllegalArgumentException("pipeline-bench: --per-task " + perTask + " is below each task's warm-up share "
                    + warmupPerTask + " (--warmup " + warmup + " / --tasks " + tasks + "): no batch would be made");
        }
        return new Options(tasks, perTask, rows, warmup, producers, codec, parallelism, partitions, codecOnly,
                Duration.ofSeconds(timeout), batchRows);
    }

    static ReplayConfig.BatchRows batchRows(String v) {
        try {
            return ReplayConfig.BatchRows.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pipeline-bench: --batch-rows: " + e.getMessage());
        }
    }

    private static int positive(String name, String v) {
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pipeline-bench: " + name + " expects a positive integer, got '" + v + "'");
        }
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--envs")) {
            Mt10PipelineBench.main(args);
            return;
        }
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(usage() + "\n" + Mt10PipelineBench.usage());
            return;
        }
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n\n" + usage());
            System.exit(2);
            return;
        }
        System.out.printf("pipeline-bench: %d cores, tasks=%d, rows/task=%d%n", Runtime.getRuntime().availableProcessors(),
                o.tasks(), o.rowsPerTask());
        System.out.println("Avro single-object codec (one thread):");
        CodecBench.run(o.codecRecords(), o.tasks(), o.rowsPerTask()).forEach(r -> System.out.println(r.line()));
        if (o.codecOnly()) {
            return;
        }
        runPipeline(o);
    }

    private static void runPipeline(Options o) throws Exception {
        long expectedBatches = o.perTask() - (o.warmup() + o.tasks() - 1) / o.tasks() + 1;
        long total = (long) o.tasks() * o.perTask();
        System.out.printf("Pipeline: %d producer thread(s) -> Kafka (embedded KRaft) -> Flink replay job (MiniCluster, "
                + "parallelism %d, batch rows %s) -> counting consumer%n", o.producers(), o.parallelism(),
                o.batchRows().name().toLowerCase(java.util.Locale.ROOT));
        System.out.printf("  %,d transitions (%d per task) -> %,d batches of %d rows expected%n", total, o.perTask(),
                expectedBatches, o.tasks() * o.rowsPerTask());
        long t0 = System.nanoTime();
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(null, bootstrap -> new ReplayConfig(bootstrap, "bench.",
                "bench", o.tasks(), (long) o.tasks() * o.perTask(), o.warmup(), o.tasks(), o.rowsPerTask(), 0, 10,
                "bench-replay", false, Duration.ofSeconds(5), null, null).withBatchRows(o.batchRows()), o.partitions(),
                o.parallelism())) {
            pipeline.awaitRunning(Duration.ofMinutes(2));
            System.out.printf("  broker + topics + replay job up in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            Counter counter = new Counter(pipeline.bootstrapServers(), pipeline.topics(), expectedBatches, o.batchRows());
            Thread counting = new Thread(counter, "batch-counter");
            counting.start();

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

            counting.join(o.timeout().toMillis());
            counter.stop = true;
            counting.join(10_000);
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
        private final String bootstrap;
        private final Topics topics;
        private final long expected;
        private final boolean references;
        volatile boolean stop;
        volatile long count;
        volatile long bytes;
        volatile long firstAt;
        volatile long lastAt;
        volatile Throwable failure;

        Counter(String bootstrap, Topics topics, long expected, ReplayConfig.BatchRows rows) {
            this.bootstrap = bootstrap;
            this.topics = topics;
            this.expected = expected;
            this.references = rows == ReplayConfig.BatchRows.REFERENCES;
        }

        @Override
        public void run() {
            try {
                if (references) {
                    resolving();
                } else {
                    counting();
                }
            } catch (RuntimeException | Error e) {
                failure = e;
                System.err.println("pipeline-bench: batch reader failed: " + e);
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

        private long report(long lastReport) {
            if (System.nanoTime() - lastReport > 5e9) {
                System.out.printf("    ... %,d / %,d batches%n", count, expected);
                return System.nanoTime();
            }
            return lastReport;
        }

        private void resolving() {
            try (ReplayBatchReader reader = new ReplayBatchReader(bootstrap, topics, "bench-counter", -1)) {
                long lastReport = System.nanoTime();
                while (!stop && count < expected) {
                    long before = reader.bytesRead();
                    if (reader.next(Duration.ofMillis(200)) != null) {
                        counted(reader.bytesRead() - before);
                    }
                    lastReport = report(lastReport);
                }
            }
        }

        private void counting() {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-counter",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024,
                    ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topics.replayBatches()));
                long lastReport = System.nanoTime();
                while (!stop && count < expected) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        counted(r.value().length);
                    }
                    lastReport = report(lastReport);
                }
            }
        }
    }
}
