package org.d2r.infra;

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
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.model.PolicyActor;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.StepResult;
import org.d2r.infra.kafka.TopicLayout;
import org.d2r.kafka.KafkaSettings;
import org.d2r.producers.ProducerApp;
import org.d2r.producers.ProducerConfig;
import org.d2r.replay.ReplayConfig;
import org.d2r.roles.options.Cli;
import org.d2r.schemas.AvroCodec;
import org.d2r.schemas.PolicySnapshot;
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

    record Options(List<String> tasks, int envsPerTask, int stepsPerTask, int rowsPerTask, long warmup, long seed,
                   boolean json, Duration timeout, ReplayConfig.BatchRows batchRows, int untimedPerTask, int parallelism) {}

    private Mt10PipelineBench() {}

    /** Parses the --envs mode's options without running (tests). */
    static Options parse(String[] args) {
        return Cli.parse(new PipelineBenchCommand(), args).envOptions();
    }

    /** Where each step goes: nowhere in phase (a), to Kafka in phase (b). */
    interface Sink {
        void accept(int task, int env, long episode, int step, double[] obs, double[] action, StepResult r);
    }

    /** Once per lockstep, before the environments step: the acting policy's pass over every observation, [task][env]. */
    interface Lockstep {
        void act(double[][][] obs);
    }

    /**
     * ProducerApp's stepping loop: returns the seconds the timed steps took, scaled to all the phase's
     * steps (the first {@code untimedPerTask} per task warm the JIT and are not timed).
     */
    static Phase step(Options o, Sink sink) {
        return step(o, obs -> { }, sink);
    }

    /**
     * A phase's time over all its steps, and the stepping thread's scheduler statistics over the timed ones
     * (waiting for a core, collector pauses).
     */
    record Phase(double seconds, SchedStat sched) {}

    static Phase step(Options o, Lockstep lockstep, Sink sink) {
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
                    envs[t][e] = MetaWorld.make(o.tasks().get(t),
                            EnvConfig.paper(GoalMode.RAND, o.seed(), e).withMaxPathLength(EPISODE_STEPS));
                    opened.add(envs[t][e]);
                    obs[t][e] = envs[t][e].reset();
                }
            }
            double[] action = new double[MetaWorldEnv.ACTION_DIM];
            long start = System.nanoTime();
            long timedFrom = -1;
            SchedStat schedStart = SchedStat.self();
            for (long s = 0; s < o.stepsPerTask(); s += o.envsPerTask()) {
                if (timedFrom < 0 && s >= o.untimedPerTask()) {
                    timedFrom = s;
                    start = System.nanoTime();
                    schedStart = SchedStat.self();
                }
                lockstep.act(obs);
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
            double scale = (double) o.stepsPerTask() / (o.stepsPerTask() - Math.max(0, timedFrom));
            return new Phase((System.nanoTime() - start) / 1e9 * scale, SchedStat.self().since(schedStart));
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

    /**
     * The acting forward pass ProducerApp makes for every step (SampleK routing path and an action), as it
     * makes it: once per lockstep over all the environments' observations.
     */
    private static Lockstep acting(org.d2r.core.io.PolicySnapshot policy, boolean sampleK, long seed, int tasks, int perTask) {
        PolicyActor actor = new PolicyActor(policy);
        int rows = tasks * perTask;
        RoutingPaths paths = new RoutingPaths(policy.net().modules(), rows);
        Rng rng = new Rng(seed);
        float[][] fo = new float[rows][MetaWorldEnv.OBS_DIM];
        float[][] fa = new float[rows][MetaWorldEnv.ACTION_DIM];
        int[] task = new int[rows];
        for (int row = 0; row < rows; row++) task[row] = row / perTask;
        return obs -> {
            for (int t = 0; t < tasks; t++) {
                for (int e = 0; e < perTask; e++) {
                    double[] ob = obs[t][e];
                    float[] f = fo[t * perTask + e];
                    for (int i = 0; i < f.length; i++) f[i] = (float) ob[i];
                }
            }
            actor.actAll(fo, task, rows, true, sampleK, rng, fa, paths, 0);
        };
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
        double aSeconds = step(o, (t, e, ep, st, ob, ac, r) -> { }).seconds();
        log(o, "(timing each phase after its first %,d steps per task: JIT warm-up; replay job parallelism %d)",
                o.untimedPerTask(), o.parallelism());
        log(o, "(a) envs alone: %,d steps in %.2f s = %,.0f steps/s", stepsTotal, aSeconds, stepsTotal / aSeconds);

        // (a') the same stepping plus the acting policy's forward pass, which the producers make on every
        // step, warm-up included (it chooses the routing path a transition carries)
        LearnerConfig preset = LearnerConfig.preset(PRESET);
        org.d2r.core.io.PolicySnapshot policy = org.d2r.core.io.PolicySnapshot.of(D2rNetwork.actor(preset.net(),
                MetaWorldEnv.OBS_DIM, MetaWorldEnv.ACTION_DIM, n, 1, DataType.FLOAT, new Rng(o.seed())), ones(n), 0);
        Phase ap = step(o, acting(policy, preset.sac().sampleKWhenActing(), o.seed(), n, o.envsPerTask()),
                (t, e, ep, st, ob, ac, r) -> { });
        double apSeconds = ap.seconds();
        log(o, "(a') envs + policy forward pass: %,d steps in %.2f s = %,.0f steps/s", stepsTotal, apSeconds,
                stepsTotal / apSeconds);

        // (b) the real producers (ProducerApp: transactional, acks=all, as in training) on their warm-up path for the
        // whole run, publishing through Kafka and Flink into counted batches
        long expectedBatches = o.stepsPerTask() - (o.warmup() + n - 1) / n + 1;
        double bSeconds;
        double endToEnd;
        long batches;
        long published;
        java.util.Map<String, Double> cpuB;
        SchedStat bSched;
        long bTimedSteps;
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(null, bootstrap -> new ReplayConfig(bootstrap, "bench.",
                RUN_ID, n, stepsTotal, o.warmup(), n, o.rowsPerTask(), 0, 10, "bench-replay", false,
                Duration.ofSeconds(5), null, null).withBatchRows(o.batchRows()), TopicLayout.Settings.defaults().transitionPartitions(),
                o.parallelism())) {
            pipeline.awaitRunning(Duration.ofMinutes(2));
            publishSnapshot(pipeline, policy);
            PipelineBenchCommand.Counter counter = new PipelineBenchCommand.Counter(pipeline.bootstrapServers(),
                    pipeline.topics(), expectedBatches, o.batchRows());
            Thread counting = new Thread(counter, "batch-counter");
            counting.start();
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
            counting.join(o.timeout().toMillis());
            counter.stop = true;
            counting.join(10_000);
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
            if (counter.failure != null) {
                throw new IllegalStateException("the batch reader failed: " + counter.failure, counter.failure);
            }
        }
        // (a') once more after (b): this VM's speed drifts between phases, so (b) is compared with (a') on both sides of it
        double apAfterSeconds = step(o, acting(policy, preset.sac().sampleKWhenActing(), o.seed(), n, o.envsPerTask()),
                (t, e, ep, st, ob, ac, r) -> { }).seconds();
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
        StringBuilder cpuJson = new StringBuilder();
        double cpuTotal = res.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        for (java.util.Map.Entry<String, Double> e : res.cpuSeconds().entrySet()) {
            cpuJson.append(cpuJson.length() == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "\"%s\":%.4f",
                    e.getKey(), e.getValue() * 1000 / stepsTotal));
        }
        if (o.json()) {
            StringBuilder c = new StringBuilder();
            for (CodecBench.Rate r : codecRates) {
                c.append(c.length() == 0 ? "" : ",").append('"').append(r.line().replace("\"", "'").trim()).append('"');
            }
            System.out.printf("{\"tasks\":%d,\"envsPerTask\":%d,\"stepsPerTask\":%d,\"envOnlyStepsPerSec\":%.1f,"
                            + "\"envPolicyStepsPerSec\":%.1f,\"envPolicyAfterStepsPerSec\":%.1f,\"pipelineStepsPerSec\":%.1f,\"overhead\":%.4f,"
                            + "\"overheadOverEnvsAlone\":%.4f,\"goalOverhead\":%.2f,\"goalMet\":%b,\"batchRows\":\"%s\","
                            + "\"batches\":%d,\"expectedBatches\":%d,\"batchesPerSec\":%.2f,\"producers\":\"ProducerApp, "
                            + "transactional, acks=all, warm-up path (uniform random actions, snapshotVersion -1, routing path from "
                            + "the policy)\",\"loadBefore\":\"%s\",\"loadAfter\":\"%s\",\"codec\":[%s],"
                            + "\"cpuSecondsPer1000Steps\":{%s},\"envPolicySecondsPer1000Steps\":%.4f,\"stepping\":\"%s\"}%n",
                    n, o.envsPerTask(), o.stepsPerTask(), stepsTotal / aSeconds, stepsTotal / res.envsPolicySeconds(), stepsTotal / res.envsPolicyAfterSeconds(), stepsTotal / bSeconds,
                    overhead, overEnvs, GOAL_OVERHEAD, met, o.batchRows().name().toLowerCase(java.util.Locale.ROOT), batches, expectedBatches, batches / endToEnd, loadBefore,
                    loadAfter, c, cpuJson, apSeconds * 1000 / stepsTotal, res.steppingLine());
        } else {
            System.out.printf("CPU seconds per 1,000 steps in (b), by part (robust to other load; (a') stepping alone: %.3f):%n",
                    apSeconds * 1000 / stepsTotal);
            for (java.util.Map.Entry<String, Double> e : res.cpuSeconds().entrySet()) {
                System.out.printf("  %-50s %7.3f  (%4.1f%%)%n", e.getKey(), e.getValue() * 1000 / stepsTotal,
                        100 * e.getValue() / Math.max(1e-9, cpuTotal));
            }
            System.out.printf("  %-50s %7.3f%n", "all parts", cpuTotal * 1000 / stepsTotal);
            System.out.println(res.steppingLine());
            System.out.println("Avro single-object codec (one thread):");
            codecRates.forEach(r -> System.out.println(r.line()));
            System.out.printf("overhead of Kafka + Flink, (b) over the mean of (a') and (a'') (time per step): %+.1f%% (goal <= %.0f%%): %s"
                            + "  [against (a') alone %+.1f%%, (a'') alone %+.1f%%]%n",
                    overhead * 100, GOAL_OVERHEAD * 100, met ? "MET" : "NOT MET", 100 * (bSeconds / res.envsPolicySeconds() - 1),
                    100 * (bSeconds / res.envsPolicyAfterSeconds() - 1));
            System.out.printf("overhead of what the producers do in training over envs alone, (b) over (a): %+.1f%%%n",
                    overEnvs * 100);
            System.out.println("actions: uniform random; (b) is ProducerApp (transactional, acks=all) on its warm-up path: "
                    + "snapshotVersion -1, routing path chosen by the policy's forward pass as in (a')");
            System.out.println("load average after: " + loadAfter);
        }
    }

    private static void log(Options o, String fmt, Object... a) {
        // JSON mode keeps stdout machine-readable; progress goes to stderr
        (o.json() ? System.err : System.out).printf(fmt + "%n", a);
    }
}
