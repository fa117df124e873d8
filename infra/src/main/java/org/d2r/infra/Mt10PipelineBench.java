package org.d2r.infra;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.d2r.core.nn.Rng;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepResult;
import org.d2r.replay.ReplayConfig;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.Transition;

/**
 * {@code bin/d2r pipeline-bench --envs mt10}: the pipeline's overhead over stepping the same
 * Meta-World environments alone. Phase (a) steps the environments with uniform random actions and
 * nothing else; phase (b) steps them the same way and publishes each step as a real Transition
 * (snapshotVersion -1, the producers' warm-up path, so no policy is needed) through the embedded
 * broker and the Flink replay job, with a consumer that only counts batches. The stepping loop
 * mirrors ProducerApp's (one thread, task-major, env-minor) minus the policy forward pass.
 */
final class Mt10PipelineBench {

    static final double GOAL_OVERHEAD = 0.20;

    record Options(List<String> tasks, int envsPerTask, int stepsPerTask, int rowsPerTask, long warmup, long seed,
                   boolean json, Duration timeout) {}

    private Mt10PipelineBench() {}

    static String usage() {
        return """
                Usage: bin/d2r pipeline-bench --envs mt10 --steps-per-task S [options]
                  --envs SPEC            mt10 or a comma-separated task list (one environment per task)
                  --envs-per-task E      environments per task (default 1)
                  --steps-per-task S     env steps each task takes in each phase (default 2000)
                  --rows-per-task B      rows per task in a batch (default 128)
                  --warmup W             transitions stored before the first batch, all tasks (default 1000)
                  --seed N               goal seed (default 1)
                  --format text|json     output format (default text)
                  --timeout-s S          give up waiting for batches after S seconds (default 600)
                Measures (a) the environments alone and (b) the same stepping publishing Transitions through
                Kafka and Flink into batches; goal: overhead (b)/(a) - 1 in time per step <= 20%.
                """;
    }

    static Options parse(String[] args) {
        List<String> tasks = null;
        int envs = 1, steps = 2000, rows = 128;
        long warmup = 1000, seed = 1, timeout = 600;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("pipeline-bench: unknown option or missing value: " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--envs" -> tasks = MetaWorld.parseTaskList(v);
                case "--envs-per-task" -> envs = positive(a, v);
                case "--steps-per-task" -> steps = positive(a, v);
                case "--rows-per-task" -> rows = positive(a, v);
                case "--warmup" -> warmup = positive(a, v);
                case "--seed" -> seed = positive(a, v);
                case "--timeout-s" -> timeout = positive(a, v);
                case "--format" -> {
                    if (!v.equals("json") && !v.equals("text")) {
                        throw new IllegalArgumentException("pipeline-bench: --format expects text or json, got '" + v + "'");
                    }
                    json = v.equals("json");
                }
                default -> throw new IllegalArgumentException("pipeline-bench: unknown option with --envs: " + a);
            }
        }
        if (tasks == null) {
            throw new IllegalArgumentException("pipeline-bench: --envs is required in this mode (e.g. --envs mt10)");
        }
        long warmupPerTask = (warmup + tasks.size() - 1) / tasks.size();
        if (steps < warmupPerTask) {
            throw new IllegalArgumentException("pipeline-bench: --steps-per-task " + steps + " is below each task's warm-up share "
                    + warmupPerTask + ": no batch would be made; raise --steps-per-task or lower --warmup");
        }
        return new Options(List.copyOf(tasks), envs, steps, rows, warmup, seed, json, Duration.ofSeconds(timeout));
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

    /** Where each step goes: nowhere in phase (a), to Kafka in phase (b). */
    interface Sink {
        void accept(int task, int env, long episode, int step, double[] obs, double[] action, StepResult r);
    }

    /** ProducerApp's stepping loop without the policy: returns seconds spent. */
    static double step(Options o, Sink sink) {
        int n = o.tasks().size();
        Rng master = new Rng(o.seed() * 7919 + 17);
        master.split(); // the producers' acting stream; the warm-up stream is the second split
        Rng warmRng = master.split();
        List<MetaWorldEnv> opened = new ArrayList<>();
        try {
            MetaWorldEnv[][] envs = new MetaWorldEnv[n][o.envsPerTask()];
            double[][][] obs = new double[n][o.envsPerTask()][];
            long[][] episode = new long[n][o.envsPerTask()];
            for (int t = 0; t < n; t++) {
                for (int e = 0; e < o.envsPerTask(); e++) {
                    envs[t][e] = MetaWorld.make(o.tasks().get(t), EnvConfig.paper(GoalMode.RAND, o.seed(), e));
                    opened.add(envs[t][e]);
                    obs[t][e] = envs[t][e].reset();
                }
            }
            double[] action = new double[MetaWorldEnv.ACTION_DIM];
            long start = System.nanoTime();
            for (long s = 0; s < o.stepsPerTask(); s += o.envsPerTask()) {
                for (int t = 0; t < n; t++) {
                    for (int e = 0; e < o.envsPerTask(); e++) {
                        for (int k = 0; k < action.length; k++) {
                            action[k] = warmRng.nextDouble() * 2 - 1;
                        }
                        int stepIndex = envs[t][e].episodeStep();
                        StepResult r = envs[t][e].step(action);
                        sink.accept(t, e, episode[t][e], stepIndex, obs[t][e], action, r);
                        if (r.truncated()) {
                            episode[t][e]++;
                            obs[t][e] = envs[t][e].reset();
                        } else {
                            obs[t][e] = r.obs();
                        }
                    }
                }
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            for (MetaWorldEnv env : opened) {
                try {
                    env.close();
                } catch (Exception ignored) {
                    // native memory is freed; nothing else to do
                }
            }
        }
    }

    private static List<Float> floats(double[] d) {
        List<Float> out = new ArrayList<>(d.length);
        for (double x : d) {
            out.add((float) x);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(usage());
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
        int n = o.tasks().size();
        long stepsTotal = (long) n * o.stepsPerTask();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        log(o, "pipeline-bench --envs: %d task(s) x %d env(s), %d steps per task, %d cores, load %s", n,
                o.envsPerTask(), o.stepsPerTask(), Runtime.getRuntime().availableProcessors(), loadBefore);

        // (a) environments alone
        double aSeconds = step(o, (t, e, ep, st, ob, ac, r) -> { });
        log(o, "(a) envs alone: %,d steps in %.2f s = %,.0f steps/s", stepsTotal, aSeconds, stepsTotal / aSeconds);

        // (b) same stepping, publishing real Transitions through Kafka and Flink into counted batches
        long expectedBatches = o.stepsPerTask() - (o.warmup() + n - 1) / n + 1;
        double bSeconds;
        double endToEnd;
        long batches;
        AvroCodec<Transition> codec = AvroCodec.forType(Transition.class);
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(null, bootstrap -> new ReplayConfig(bootstrap, "bench.",
                "bench", n, stepsTotal, o.warmup(), n, o.rowsPerTask(), 0, 10, "bench-replay", false,
                Duration.ofSeconds(5), null, null), 4, 2)) {
            pipeline.awaitRunning(Duration.ofMinutes(2));
            PipelineBenchCommand.Counter counter = new PipelineBenchCommand.Counter(pipeline.bootstrapServers(),
                    pipeline.topics().replayBatches(), expectedBatches);
            Thread counting = new Thread(counter, "batch-counter");
            counting.start();
            AtomicReference<Exception> failure = new AtomicReference<>();
            AtomicLong published = new AtomicLong();
            byte[] path = new byte[17]; // 136 bits: n=16 routing path, all zero on the warm-up path
            String topic = pipeline.topics().transitions();
            long start = System.nanoTime();
            try (KafkaProducer<Integer, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "1",
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new IntegerSerializer(), new ByteArraySerializer())) {
                bSeconds = step(o, (t, e, ep, st, ob, ac, r) -> {
                    Transition tr = Transition.newBuilder()
                            .setRunId("bench").setTaskId(t).setTaskName(o.tasks().get(t))
                            .setEnvId(t * o.envsPerTask() + e).setEpisode(ep).setStep(st)
                            .setObs(floats(ob)).setAction(floats(ac)).setReward((float) r.reward())
                            .setNextObs(floats(r.obs())).setTruncated(r.truncated()).setSuccess(r.info().isSuccess())
                            .setRoutingPath(ByteBuffer.wrap(path)).setSnapshotVersion(-1)
                            .build();
                    producer.send(new ProducerRecord<>(topic, t, codec.encode(tr)), (md, ex) -> {
                        if (ex != null) failure.compareAndSet(null, ex);
                        else published.incrementAndGet();
                    });
                });
                producer.flush();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            counting.join(o.timeout().toMillis());
            counter.stop = true;
            counting.join(10_000);
            batches = counter.count;
            endToEnd = (counter.lastAt - start) / 1e9;
            log(o, "(b) envs + pipeline: %,d steps in %.2f s = %,.0f steps/s (%,d acknowledged)", stepsTotal, bSeconds,
                    stepsTotal / bSeconds, published.get());
            log(o, "    batches: %,d of %,d in %.2f s from first step = %.1f batches/s (warm-up %d, %d rows/batch)",
                    batches, expectedBatches, endToEnd, batches / endToEnd, o.warmup(), n * o.rowsPerTask());
        }
        double overhead = bSeconds / aSeconds - 1;
        List<CodecBench.Rate> codecRates = CodecBench.run(200_000, n, o.rowsPerTask());
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        boolean met = overhead <= GOAL_OVERHEAD && batches >= expectedBatches;
        if (o.json()) {
            StringBuilder c = new StringBuilder();
            for (CodecBench.Rate r : codecRates) {
                c.append(c.length() == 0 ? "" : ",").append('"').append(r.line().replace("\"", "'").trim()).append('"');
            }
            System.out.printf("{\"tasks\":%d,\"envsPerTask\":%d,\"stepsPerTask\":%d,\"envOnlyStepsPerSec\":%.1f,"
                            + "\"pipelineStepsPerSec\":%.1f,\"overhead\":%.4f,\"goalOverhead\":%.2f,\"goalMet\":%b,"
                            + "\"batches\":%d,\"expectedBatches\":%d,\"batchesPerSec\":%.2f,\"actions\":\"uniform random, "
                            + "snapshotVersion -1 (warm-up path)\",\"loadBefore\":\"%s\",\"loadAfter\":\"%s\",\"codec\":[%s]}%n",
                    n, o.envsPerTask(), o.stepsPerTask(), stepsTotal / aSeconds, stepsTotal / bSeconds, overhead,
                    GOAL_OVERHEAD, met, batches, expectedBatches, batches / endToEnd, loadBefore, loadAfter, c);
        } else {
            System.out.println("Avro single-object codec (one thread):");
            codecRates.forEach(r -> System.out.println(r.line()));
            System.out.printf("overhead of the pipeline over envs alone (time per step): %+.1f%% (goal <= %.0f%%): %s%n",
                    overhead * 100, GOAL_OVERHEAD * 100, met ? "MET" : "NOT MET");
            System.out.println("actions: uniform random, Transitions carry snapshotVersion -1 (the producers' warm-up "
                    + "path, no policy forward pass in either phase)");
            System.out.println("load average after: " + loadAfter);
        }
        if (batches < expectedBatches) {
            System.exit(1);
        }
    }

    private static void log(Options o, String fmt, Object... a) {
        // JSON mode keeps stdout machine-readable; progress goes to stderr
        (o.json() ? System.err : System.out).printf(fmt + "%n", a);
    }
}
