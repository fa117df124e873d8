package org.d2r.infra.tools;

import static org.d2r.infra.tools.EnvBenchCommand.fixed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.d2r.cli.Cli;
import org.d2r.cli.RunOptions;
import org.d2r.core.baselines.CareConfig;
import org.d2r.core.baselines.Method;
import org.d2r.core.baselines.Networks;
import org.d2r.core.baselines.TaskEmbeddings;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.model.Routing;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.core.sac.UpdateStats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r learner-bench}: full D2R-SAC updates (actor, twin critics, targets, alpha) on a synthetic batch,
 * whose content does not change the work done, only the chosen routes.
 */
@Command(name = "learner-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"seconds per D2R-SAC update at the paper's MT10 configuration",
                "Times full multi-task SAC updates at the preset's configuration (mt10: batch 1280; D2R 16 modules of 128). --seed defaults to 1."})
public final class LearnerBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    RunOptions.Seed seedOption;
    @Mixin
    RunOptions.Format format;

    // a benchmark size, not a LearnerConfig preset: mt10/mt50 are the paper's networks and batches, smoke a quick check
    @Option(names = "--preset", paramLabel = "mt10|mt50|smoke", description = "mt10 (default), mt50 (batch 6400) or smoke (tiny, for a quick check)")
    String preset = "mt10";
    @Option(names = "--method", paramLabel = "M", description = "d2r (default), a baseline with the paper's sizes (mtsac, mhsac, softmod, care, paco), or all in turn")
    String method = "d2r";
    @Option(names = "--updates", paramLabel = "N", description = "timed updates (default 10)")
    int updates = 10;
    @Option(names = "--warmup", paramLabel = "W", description = "untimed updates first (default 2)")
    int warmup = 2;
    @Option(names = "--threads", paramLabel = "T", description = "ND4J/BLAS threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--dtype", paramLabel = "float|double", description = "float (default, training) or double")
    String dtype = "float";

    @Override
    public Integer call() {
        long seed = seedOption.orElse(1);
        if (updates < 1) throw Cli.usage(spec, "--updates must be >= 1, got " + updates);
        if (threads < 1) throw Cli.usage(spec, "--threads must be >= 1, got " + threads);
        if (!List.of("mt10", "mt50", "smoke").contains(preset)) throw Cli.usage(spec, "--preset must be mt10, mt50 or smoke, got '" + preset + "'");
        if (!List.of("float", "double").contains(dtype)) throw Cli.usage(spec, "--dtype must be float or double, got '" + dtype + "'");
        if (warmup < 0) throw Cli.usage(spec, "--warmup must be >= 0");
        List<Method> methods = methods(spec, method);
        nd4jThreads(threads);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);

        int tasks = preset.equals("mt50") ? 50 : preset.equals("smoke") ? 2 : 10;
        D2rNetConfig net = preset.equals("smoke") ? D2rNetConfig.small(4, 16, 32) : D2rNetConfig.paper();
        SacConfig cfg = SacConfig.paper(tasks, 4);
        if (preset.equals("smoke")) cfg = cfg.withBatchPerTask(16);
        DataType dt = dtype.equals("double") ? DataType.DOUBLE : DataType.FLOAT;
        for (Method m : methods) {
            print(time(m, net, cfg, tasks, dt, updates, warmup, seed), m, tasks, cfg.batchSize(), net);
        }
        return 0;
    }

    /** The benches' --method: one method, or all in turn. */
    static List<Method> methods(CommandSpec spec, String given) {
        String method = given.toLowerCase(Locale.ROOT);
        return Cli.checked(spec, () -> method.equals("all") ? List.of(Method.values()) : List.of(Method.parse(method)));
    }

    /** ND4J's and BLAS's threads, which the benches set before timing. */
    static void nd4jThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** Seconds per update of one method, its phases, and the same run's matrix-product reference (D2R only). */
    private record Timing(double mean, double median, double min, double cpu, double load, double gemmBound, long actorParams,
                          long criticParams, double[] phase) {}

    private static Timing time(Method m, D2rNetConfig net, SacConfig cfg, int tasks, DataType dt, int updates, int warmup,
                               long seed) {
        int rows = cfg.batchSize();
        Rng rng = new Rng(seed);
        // built together, so CARE's and PaCo's shared parts train as in the learner; zero embeddings time CARE as real ones
        Networks nets = Networks.builder(m).net(net).dims(39, 4).tasks(tasks).batchSize(rows).dataType(dt)
                .embeddings(TaskEmbeddings.zeros(tasks, CareConfig.paper().embeddingWidth())).build(rng);
        TaskNetwork actor = nets.actor();
        TaskNetwork q1 = nets.critic1();
        MultiTaskSac sac = nets.sac(cfg, rng.split());
        TransitionBatch batch = syntheticBatch(actor instanceof D2rNetwork d ? d : null, cfg, rng);

        for (int i = 0; i < warmup; i++) sac.update(batch);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        double[] secs = new double[updates];
        double[] phase = new double[MultiTaskSac.PHASES.length];
        for (int i = 0; i < updates; i++) {
            long t0 = System.nanoTime();
            UpdateStats s = sac.update(batch);
            secs[i] = (System.nanoTime() - t0) / 1e9;
            for (int p = 0; p < phase.length; p++) phase[p] += s.phaseNanos()[p] / 1e9 / updates;
        }
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9 / updates;
        double gemmBound = m == Method.D2R ? gemmReference(net, rows, dt, Math.max(3, updates / 2)) : Double.NaN;
        double[] sorted = secs.clone();
        Arrays.sort(sorted);
        return new Timing(Arrays.stream(secs).average().orElse(0), sorted[sorted.length / 2], sorted[0], cpu,
                os.getSystemLoadAverage(), gemmBound, actor.params().count(), q1.params().count(), phase);
    }

    private void print(Timing t, Method m, int tasks, int rows, D2rNetConfig net) {
        if (format.json()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode().put("method", m.cliName()).put("preset", preset)
                    .put("tasks", tasks).put("batch", rows).put("modules", net.modules()).put("threads", threads)
                    .put("dtype", dtype).put("updates", updates).put("seconds_per_update", fixed(t.mean(), 4))
                    .put("median_seconds", fixed(t.median(), 4)).put("min_seconds", fixed(t.min(), 4))
                    .put("cpu_seconds_per_update", fixed(t.cpu(), 4)).put("load_average", fixed(t.load(), 2))
                    .put("gemm_reference_seconds", fixed(t.gemmBound(), 4)).put("actor_params", t.actorParams())
                    .put("critic_params", t.criticParams());
            ObjectNode phases = o.putObject("phases");
            for (int p = 0; p < t.phase().length; p++) phases.put(MultiTaskSac.PHASES[p], fixed(t.phase()[p], 4));
            System.out.println(o);
        } else {
            System.out.printf(Locale.ROOT, "learner-bench %s, %s: batch %d, %s, %d threads, %s%n", preset, m.title(), rows,
                    m == Method.D2R ? net.modules() + " modules" : "the paper's sizes", threads, dtype);
            System.out.printf(Locale.ROOT, "  parameters: actor %,d, critic %,d%n", t.actorParams(), t.criticParams());
            System.out.printf(Locale.ROOT, "  seconds per update: mean %.4f, median %.4f, min %.4f over %d updates (%.2f updates/s)%n",
                    t.mean(), t.median(), t.min(), updates, 1 / t.mean());
            System.out.printf(Locale.ROOT, "  process CPU seconds per update: %.4f (system load average %.2f; other processes slow wall time)%n", t.cpu(), t.load());
            if (!Double.isNaN(t.gemmBound())) {
                System.out.printf(Locale.ROOT, "  gemm-only reference (same products, same run): %.4f s per update; update / reference = %.2f%n",
                        t.gemmBound(), t.median() / t.gemmBound());
            }
            for (int p = 0; p < t.phase().length; p++) {
                System.out.printf(Locale.ROOT, "  %-16s %8.4f s  %5.1f%%%n", MultiTaskSac.PHASES[p], t.phase()[p], 100 * t.phase()[p] / t.mean());
            }
        }
    }

    /**
     * Median seconds of the matrix products alone for one update, measured in this process right
     * after the update timings: the floor any implementation on this BLAS meets under the same load.
     * One update does about 16 forward-equivalents of products (8 forwards; backward with parameter
     * gradients twice a forward's products, input-only backward once: actor and two TD critics with
     * parameters, two policy-loss critics input-only).
     */
    static double gemmReference(D2rNetConfig net, int rows, DataType dt, int repeats) {
        List<long[]> shapes = new java.util.ArrayList<>();
        int in = 43;
        for (int w : net.stateHidden()) {
            shapes.add(new long[] {in, w});
            in = w;
        }
        shapes.add(new long[] {10, net.taskWidth()});
        in = net.taskWidth();
        for (int w : net.routerHidden()) {
            shapes.add(new long[] {in, w});
            in = w;
        }
        shapes.add(new long[] {in, net.modules() * (net.modules() + 1) / 2});
        shapes.add(new long[] {net.taskWidth(), net.moduleWidth()});
        for (int i = 1; i < net.modules(); i++) shapes.add(new long[] {net.moduleWidth(), net.moduleWidth()});
        shapes.add(new long[] {net.moduleWidth(), 1});
        INDArray[] xs = new INDArray[shapes.size()], ws = new INDArray[shapes.size()], ys = new INDArray[shapes.size()];
        for (int i = 0; i < shapes.size(); i++) {
            long[] s = shapes.get(i);
            xs[i] = Nd4j.rand(dt, rows, s[0]);
            ws[i] = Nd4j.rand(dt, s[0], s[1]);
            ys[i] = Nd4j.zeros(dt, rows, s[1]);
        }
        double[] t = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < 16; k++) {
                for (int i = 0; i < xs.length; i++) Nd4j.gemm(xs[i], ws[i], ys[i], false, false, 1.0, 0.0);
            }
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }

    /** Random transitions; for D2R (actor non-null) with behaviour paths from its SampleK, for the baselines without paths. */
    static TransitionBatch syntheticBatch(D2rNetwork actor, SacConfig cfg, Rng rng) {
        int rows = cfg.batchSize();
        TransitionBatch b = TransitionBatch.allocate(rows, 39, 4, actor == null ? 0 : actor.config().modules());
        for (int i = 0; i < b.obs().length; i++) {
            b.obs()[i] = (float) (rng.nextDouble() * 2 - 1);
            b.nextObs()[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < b.actions().length; i++) b.actions()[i] = (float) (rng.nextDouble() * 2 - 1);
        for (int r = 0; r < rows; r++) {
            b.rewards()[r] = (float) (rng.nextDouble() * 10);
            b.taskIds()[r] = r / cfg.batchPerTask();
        }
        if (actor == null) return b;
        INDArray x = Nd4j.zeros(actor.dataType(), rows, 39);
        for (int i = 0; i < b.obs().length; i++) x.data().put(i, b.obs()[i]);
        double[] tau = new double[cfg.tasks()];
        Arrays.fill(tau, 1);
        actor.forward(x, b.taskIds(), Routing.sampleK(tau, rng, false));
        for (int r = 0; r < rows; r++) b.paths().copyRow(actor.lastPaths(), r, r);
        return b;
    }
}
