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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.d2r.cli.Cli;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.producers.ProducerApp;
import org.d2r.producers.ProducerConfig;
import org.d2r.replay.ReplayConfig;
import org.d2r.roles.ActingPass;
import org.d2r.roles.EnvironmentLoop;
import org.d2r.roles.LoopProgress;
import org.d2r.roles.PolicySource;
import org.d2r.roles.RecentEpisodes;
import org.d2r.roles.SnapshotActing;
import org.d2r.roles.TransitionSink;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.PolicySnapshot;
import org.d2r.schemas.kafka.KafkaSettings;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code bin/d2r pipeline-bench --envs mt10}: the pipeline's overhead over stepping the same
 * Meta-World environments alone. Phase (a) steps the environments with uniform random actions and
 * nothing else (one thread, task-major, env-minor, as the producers step them); phase (a') adds the
 * acting policy's forward pass the producers make on every step; phase (b) runs the real producers
 * ({@link ProducerApp}: transactional, acks=all, exactly as in training) on their warm-up path for the
 * whole run (uniform random actions, snapshotVersion -1, the routing path from the policy) through
 * the embedded broker and the Flink replay job, with a consumer that only counts batches; (a'') repeats
 * (a') after (b). The goal compares (b) with the mean of (a') and (a''): what Kafka and Flink add to
 * what the producers must do anyway, on a VM whose speed drifts between phases.
 */
final class Mt10PipelineBench {

    static final double GOAL_OVERHEAD = 0.20;
    /** The network the producers act with: the paper's MT10 D2R actor. */
    private static final String PRESET = "mt10-rand";
    private static final int EPISODE_STEPS = 200;
    private static final String RUN_ID = "bench";

    /** @param monitor the run monitor watches (b), its page open: its cost shows in (b)'s CPU account */
    record Options(List<String> tasks, int envsPerTask, int stepsPerTask, int rowsPerTask, long warmup, long seed,
                   boolean json, Duration timeout, ReplayConfig.BatchRows batchRows, int untimedPerTask, int parallelism,
                   boolean monitor) {}

    private Mt10PipelineBench() {}

    /** Parses the --envs mode's options without running (tests). */
    static Options parse(String[] args) {
        return Cli.parse(new PipelineBenchCommand(), args).envOptions();
    }

    /**
     * The producers' environment loop (the roles' {@link EnvironmentLoop}, as ProducerApp runs it) on its
     * warm-up path, with {@code pass} as the acting pass and nothing kept: returns the seconds the timed
     * steps took, scaled to all the phase's steps (the first {@code untimedPerTask} per task warm the JIT
     * and are not timed), and the stepping thread's scheduler statistics over the timed ones (waiting for a
     * core, collector pauses).
     */
    static Phase step(Options o, ActingPass pass) {
        int n = o.tasks().size();
        Rng master = new Rng(o.seed() * 7919 + 17);
        master.split(); // the producers' acting stream; the warm-up stream is the second split
        Rng warmRng = master.split();
        try (EnvironmentLoop loop = new EnvironmentLoop(o.tasks(), o.envsPerTask(), MetaWorldEnv.ACTION_DIM,
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

    /** A phase's time over all its steps, and the stepping thread's scheduler statistics over the timed ones. */
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
    private static ActingPass acting(org.d2r.core.io.PolicySnapshot policy, boolean sampleK, long seed, int tasks, int perTask) {
        SnapshotActing actor = new SnapshotActing(MetaWorldEnv.OBS_DIM, MetaWorldEnv.ACTION_DIM, tasks, tasks * perTask,
                sampleK, new Rng(seed));
        actor.use(new PolicySource.Policy(0, 0, -1, policy));
        return actor;
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1.0);
        return d;
    }

    /** Version 0 of the bench run's policy, as the learner publishes it at the start of training. */
    private static void publishSnapshot(EmbeddedPipeline pipeline, org.d2r.core.io.PolicySnapshot policy) throws Exception {
        List<Float> tau = new ArrayList<>();
        for (double t : policy.tau()) tau.add((float) t);
        PolicySnapshot record = PolicySnapshot.newBuilder().setRunId(RUN_ID).setVersion(0).setUpdateCount(0)
                .setAlpha(tau).setTau(tau).setWeightsFormat("d2r-core.PolicySnapshot/" + org.d2r.core.io.PolicySnapshot.FORMAT)
                .setWeights(ByteBuffer.wrap(policy.toBytes())).setConfigFingerprint("pipeline-bench")
                .setCreatedAtMs(System.currentTimeMillis()).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
                org.apache.kafka.clients.producer.ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(pipeline.topics().policySnapshots(), RUN_ID,
                    AvroCodec.forType(PolicySnapshot.class).encode(record))).get();
        }
    }

    /** Runs the three phases and reports; 1 when batches are missing. */
    static int run(Options o) throws Exception {
        int n = o.tasks().size();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        log(o, "pipeline-bench --envs: %d task(s) x %d env(s), %d steps per task, %d cores, load %s", n,
                o.envsPerTask(), o.stepsPerTask(), Runtime.getRuntime().availableProcessors(), loadBefore);
        Result res = measure(o);
        report(o, res, loadBefore);
        return res.batches() < res.expectedBatches() ? 1 : 0;
    }

    /**
     * One run of the three phases.
     *
     * @param published      transitions the producers had acknowledged in (b)
     * @param batchesSeconds from (b)'s first step to the last batch counted
     */
    record Result(long steps, double envsSeconds, double envsPolicySeconds, double envsPolicyAfterSeconds, double pipelineSeconds,
                  long published,
                  long batches, long expectedBatches, double batchesSeconds, java.util.Map<String, Double> cpuSeconds,
                  SchedStat envsPolicySched, long envsPolicyTimedSteps, SchedStat pipelineSched, long pipelineTimedSteps) {

        /** How the stepping thread spent its wall time in (a') and (b): waiting for a core, collector pauses. */
        String steppingLine() {
            return String.format(java.util.Locale.ROOT, "stepping thread, (a') -> (b): waiting for a core %s -> %s of its CPU time,"
                            + " %,d -> %,d time slices per 1,000 steps; collector pauses %.1f -> %.1f ms per 1,000 steps",
                    percent(envsPolicySched.waitingNanos(), envsPolicySched.onCpuNanos()),
                    percent(pipelineSched.waitingNanos(), pipelineSched.onCpuNanos()),
                    envsPolicySched.slices() * 1000 / Math.max(1, envsPolicyTimedSteps),
                    pipelineSched.slices() * 1000 / Math.max(1, pipelineTimedSteps),
                    envsPolicySched.gcMillis() * 1000.0 / Math.max(1, envsPolicyTimedSteps),
                    pipelineSched.gcMillis() * 1000.0 / Math.max(1, pipelineTimedSteps));
        }

        private static String percent(long part, long whole) {
            return whole <= 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * part / whole);
        }
    }

    static Result measure(Options o) throws Exception {
        int n = o.tasks().size();
        long stepsTotal = (long) n * o.stepsPerTask();
        // (a) environments alone
        double aSeconds = step(o, NO_PASS).seconds();
        log(o, "(timing each phase after its first %,d steps per task: JIT warm-up; replay job parallelism %d)",
                o.untimedPerTask(), o.parallelism());
        log(o, "(a) envs alone: %,d steps in %.2f s = %,.0f steps/s", stepsTotal, aSeconds, stepsTotal / aSeconds);

        // (a') the same stepping plus the acting policy's forward pass, which the producers make on every
        // step, warm-up included (it chooses the routing path a transition carries)
        LearnerConfig preset = LearnerConfig.preset(PRESET);
        org.d2r.core.io.PolicySnapshot policy = org.d2r.core.io.PolicySnapshot.of(D2rNetwork.actor(preset.net(),
                MetaWorldEnv.OBS_DIM, MetaWorldEnv.ACTION_DIM, n, 1, DataType.FLOAT, new Rng(o.seed())), ones(n), 0);
        Phase ap = step(o, acting(policy, preset.sac().sampleKWhenActing(), o.seed(), n, o.envsPerTask()));
        double apSeconds = ap.seconds();
        log(o, "(a') envs + policy forward pass: %,d steps in %.2f s = %,.0f steps/s", stepsTotal, apSeconds,
                stepsTotal / apSeconds);

        // (b) the real producers (ProducerApp: transactional, acks=all, as in training) on their warm-up path for the
        // whole run, publishing through Kafka and Flink into counted batches
        long expectedBatches = PipelineBenchCommand.expectedBatches(o.stepsPerTask(), o.warmup(), n);
        double bSeconds;
        double endToEnd;
        long batches;
        long published;
        java.util.Map<String, Double> cpuB;
        SchedStat bSched;
        long bTimedSteps;
        try (EmbeddedPipeline pipeline = PipelineBenchCommand.startPipeline(RUN_ID, n, stepsTotal, o.warmup(), o.rowsPerTask(),
                o.batchRows(), TopicLayout.Settings.defaults().transitionPartitions(), o.parallelism());
             BenchMonitor watching = BenchMonitor.start(o.monitor(), pipeline, RUN_ID)) {
            pipeline.awaitRunning(Duration.ofMinutes(2));
            publishSnapshot(pipeline, policy);
            PipelineBenchCommand.Counter counter = new PipelineBenchCommand.Counter(pipeline, expectedBatches, o.batchRows());
            ProducerConfig producers = ProducerConfig.of(KafkaSettings.of(pipeline.bootstrapServers()), pipeline.topics(),
                            RUN_ID, o.tasks(), PRESET)
                    .withGoals(GoalMode.RAND, o.seed()).withEnvsPerTask(o.envsPerTask()).withEpisodeSteps(EPISODE_STEPS)
                    .withWarmup(o.stepsPerTask()).withMaxLead(0).withMaxStepsPerTask(o.stepsPerTask());
            long start;
            long timedStart;
            long timedFromStep;
            CpuAccount cpu = new CpuAccount(pipeline.kafka() == null ? -1 : pipeline.kafka().pid());
            try (ProducerApp app = ProducerApp.start(producers)) {
                // the clock starts at the first step, as in (a): making the environments is not stepping
                long deadline = System.nanoTime() + o.timeout().toNanos();
                while (app.envSteps() == 0 && app.failure() == null && System.nanoTime() < deadline) Thread.sleep(1);
                start = System.nanoTime();
                // as in (a) and (a'), the first steps warm the JIT (here also Kafka's and Flink's code paths) untimed
                while (app.envSteps() < (long) n * o.untimedPerTask() && app.failure() == null
                        && System.nanoTime() < deadline) Thread.sleep(1);
                timedStart = System.nanoTime();
                timedFromStep = app.envSteps();
                cpu.start();
                if (!app.awaitFinished(o.timeout())) {
                    throw new IllegalStateException("the producers did not finish within " + o.timeout().toSeconds() + " s");
                }
                // includes the final flush (every transition acknowledged); scaled to all the phase's steps
                bSeconds = (System.nanoTime() - timedStart) / 1e9 * stepsTotal / (stepsTotal - timedFromStep);
                app.close();
                published = app.published();
            }
            counter.await(o.timeout());
            cpuB = new java.util.LinkedHashMap<>();
            double scale = (double) stepsTotal / (stepsTotal - timedFromStep);
            cpu.stop().forEach((part, seconds) -> cpuB.put(part, seconds * scale));
            bSched = cpu.stepping();
            bTimedSteps = stepsTotal - timedFromStep;
            batches = counter.count;
            endToEnd = (counter.lastAt - start) / 1e9;
            log(o, "(b) producers + pipeline: %,d steps in %.2f s = %,.0f steps/s (%,d acknowledged)", stepsTotal, bSeconds,
                    stepsTotal / bSeconds, published);
            log(o, "    batches: %,d of %,d in %.2f s from first step = %.1f batches/s (warm-up %d, %d rows/batch, rows %s,"
                            + " %.1f KB per batch record)", batches, expectedBatches, endToEnd, batches / endToEnd, o.warmup(),
                    n * o.rowsPerTask(), o.batchRows().name().toLowerCase(java.util.Locale.ROOT),
                    batches == 0 ? 0 : counter.bytes / 1e3 / batches);
            log(o, "    %s", watching.summary());
            if (counter.failure != null) {
                throw new IllegalStateException("the batch reader failed: " + counter.failure, counter.failure);
            }
        }
        // (a') once more after (b): this VM's speed drifts between phases, so (b) is compared with (a') on both sides of it
        double apAfterSeconds = step(o, acting(policy, preset.sac().sampleKWhenActing(), o.seed(), n, o.envsPerTask()))
                .seconds();
        log(o, "(a'') envs + policy forward pass again, after (b): %,d steps in %.2f s = %,.0f steps/s (time %+.1f%% against (a'))",
                stepsTotal, apAfterSeconds, stepsTotal / apAfterSeconds, 100 * (apAfterSeconds / apSeconds - 1));
        return new Result(stepsTotal, aSeconds, apSeconds, apAfterSeconds, bSeconds, published, batches, expectedBatches, endToEnd, cpuB,
                ap.sched(), (long) n * (o.stepsPerTask() - o.untimedPerTask()), bSched, bTimedSteps);
    }

    private static void report(Options o, Result res, String loadBefore) throws Exception {
        int n = o.tasks().size();
        double aSeconds = res.envsSeconds();
        // stepping alone, the mean of (a') before and (a'') after (b)
        double apSeconds = (res.envsPolicySeconds() + res.envsPolicyAfterSeconds()) / 2;
        double bSeconds = res.pipelineSeconds();
        long stepsTotal = res.steps();
        long batches = res.batches();
        long expectedBatches = res.expectedBatches();
        double endToEnd = res.batchesSeconds();
        double overhead = bSeconds / apSeconds - 1;
        double overEnvs = bSeconds / aSeconds - 1;
        List<CodecBench.Rate> codecRates = CodecBench.run(200_000, n, o.rowsPerTask());
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        boolean met = overhead <= GOAL_OVERHEAD && batches >= expectedBatches;
        double cpuTotal = res.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        if (o.json()) {
            // printf here once wrote "1234,5" in a comma-decimal locale: Jackson writes numbers one way everywhere
            ObjectNode j = JsonNodeFactory.instance.objectNode().put("tasks", n).put("envsPerTask", o.envsPerTask())
                    .put("stepsPerTask", o.stepsPerTask()).put("envOnlyStepsPerSec", fixed(stepsTotal / aSeconds, 1))
                    .put("envPolicyStepsPerSec", fixed(stepsTotal / res.envsPolicySeconds(), 1))
                    .put("envPolicyAfterStepsPerSec", fixed(stepsTotal / res.envsPolicyAfterSeconds(), 1))
                    .put("pipelineStepsPerSec", fixed(stepsTotal / bSeconds, 1)).put("overhead", fixed(overhead, 4))
                    .put("overheadOverEnvsAlone", fixed(overEnvs, 4)).put("goalOverhead", fixed(GOAL_OVERHEAD, 2))
                    .put("goalMet", met).put("batchRows", o.batchRows().name().toLowerCase(java.util.Locale.ROOT))
                    .put("monitor", o.monitor())
                    .put("batches", batches).put("expectedBatches", expectedBatches)
                    .put("batchesPerSec", fixed(batches / endToEnd, 2))
                    .put("producers", "ProducerApp, transactional, acks=all, warm-up path (uniform random actions,"
                            + " snapshotVersion -1, routing path from the policy)")
                    .put("loadBefore", loadBefore).put("loadAfter", loadAfter);
            ArrayNode codec = j.putArray("codec");
            codecRates.forEach(r -> codec.add(r.line().trim()));
            ObjectNode cpu = j.putObject("cpuSecondsPer1000Steps");
            res.cpuSeconds().forEach((part, seconds) -> cpu.put(part, fixed(seconds * 1000 / stepsTotal, 4)));
            j.put("envPolicySecondsPer1000Steps", fixed(apSeconds * 1000 / stepsTotal, 4)).put("stepping", res.steppingLine());
            System.out.println(j);
        } else {
            System.out.printf(java.util.Locale.ROOT, "CPU seconds per 1,000 steps in (b), by part (robust to other load; (a') stepping alone: %.3f):%n",
                    apSeconds * 1000 / stepsTotal);
            for (java.util.Map.Entry<String, Double> e : res.cpuSeconds().entrySet()) {
                System.out.printf(java.util.Locale.ROOT, "  %-50s %7.3f  (%4.1f%%)%n", e.getKey(), e.getValue() * 1000 / stepsTotal,
                        100 * e.getValue() / Math.max(1e-9, cpuTotal));
            }
            System.out.printf(java.util.Locale.ROOT, "  %-50s %7.3f%n", "all parts", cpuTotal * 1000 / stepsTotal);
            System.out.println(res.steppingLine());
            System.out.println("Avro single-object codec (one thread):");
            codecRates.forEach(r -> System.out.println(r.line()));
            System.out.printf(java.util.Locale.ROOT, "overhead of Kafka + Flink, (b) over the mean of (a') and (a'') (time per step): %+.1f%% (goal <= %.0f%%): %s"
                            + "  [against (a') alone %+.1f%%, (a'') alone %+.1f%%]%n",
                    overhead * 100, GOAL_OVERHEAD * 100, met ? "MET" : "NOT MET", 100 * (bSeconds / res.envsPolicySeconds() - 1),
                    100 * (bSeconds / res.envsPolicyAfterSeconds() - 1));
            System.out.printf(java.util.Locale.ROOT, "overhead of what the producers do in training over envs alone, (b) over (a): %+.1f%%%n",
                    overEnvs * 100);
            System.out.println("actions: uniform random; (b) is ProducerApp (transactional, acks=all) on its warm-up path: "
                    + "snapshotVersion -1, routing path chosen by the policy's forward pass as in (a')");
            System.out.println("load average after: " + loadAfter);
        }
    }

    private static void log(Options o, String fmt, Object... a) {
        // JSON mode keeps stdout machine-readable; progress goes to stderr
        (o.json() ? System.err : System.out).printf(java.util.Locale.ROOT, fmt + "%n", a);
    }
}
