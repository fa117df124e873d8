package org.d2r.core.tools;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.model.SnapshotActor;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code bin/d2r acting-bench}: microseconds per action of the acting forward pass the producers and
 * the evaluator run ({@link SnapshotActor}), per method at the paper's MT10 sizes: a producer's
 * lockstep over all tasks' environments in one call, and the evaluator's one observation at a time.
 * Exploring (sampled actions, SampleK for D2R) for the lockstep, deterministic for single rows.
 */
public final class ActingBenchCommand {
    private ActingBenchCommand() {}

    private static final String USAGE = """
            Usage: bin/d2r acting-bench [--method d2r|mtsac|mhsac|softmod|all] [--rows R] [--calls N] [--warmup W]
                                        [--threads T]
            Times SnapshotActor.actAll on a snapshot of the paper's MT10 actor (random weights: the work does not depend on them).
              --method   d2r, a baseline, or all (default) in turn
              --rows     observations per lockstep call (default 10: MT10 with one environment per task)
              --calls    timed lockstep calls (default 2000; single-row calls: as many rows in all)
              --warmup   untimed calls first (default 500)
              --threads  ND4J/BLAS threads for the baselines' forward (default 1: a producer's thread)
            """;

    /** One method's figures: microseconds per row in a lockstep of {@code rows} and alone. */
    record Result(Method method, int rows, double usPerRowLockstep, double usPerRowSingle) {}

    public static void main(String[] args) {
        String method = "all";
        int rows = 10, calls = 2000, warmup = 500, threads = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    case "--method" -> method = LearnerBenchCommand.value(args, ++i, "--method").toLowerCase(Locale.ROOT);
                    case "--rows" -> rows = number(args, ++i, "--rows");
                    case "--calls" -> calls = number(args, ++i, "--calls");
                    case "--warmup" -> warmup = number(args, ++i, "--warmup");
                    case "--threads" -> threads = number(args, ++i, "--threads");
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            List<Method> methods = method.equals("all") ? Arrays.asList(Method.values()) : List.of(Method.parse(method));
            // the baselines' ND4J forward: one thread is what an acting thread gets on a busy machine
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
            org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(threads);
            System.out.printf(Locale.ROOT, "acting-bench: MT10 sizes, %d rows per lockstep, %d calls after %d, %d thread(s)%n",
                    rows, calls, warmup, threads);
            for (Method m : methods) {
                Result r = run(m, 10, rows, calls, warmup);
                System.out.printf(Locale.ROOT, "  %-22s %8.1f us per row in a lockstep of %d, %8.1f us alone%n", m.title(),
                        r.usPerRowLockstep(), rows, r.usPerRowSingle());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("acting-bench: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
    }

    /** Times one method's actor with {@code tasks} tasks (39-dim observations, 4-dim actions, as Meta-World). */
    static Result run(Method m, int tasks, int rows, int calls, int warmup) {
        D2rNetConfig net = D2rNetConfig.paper();
        TaskNetwork actor = m.actor(net, 39, 4, tasks, 1, DataType.FLOAT, new Rng(1));
        double[] tau = new double[tasks];
        Arrays.fill(tau, 1);
        SnapshotActor a = SnapshotActor.of(PolicySnapshot.fromBytes(PolicySnapshot.of(m, actor, net, tau, 1).toBytes()));
        java.util.Random r = new java.util.Random(7);
        float[][] obs = new float[rows][39];
        float[][] act = new float[rows][4];
        int[] ids = new int[rows];
        for (int b = 0; b < rows; b++) {
            ids[b] = b % tasks;
            for (int i = 0; i < 39; i++) obs[b][i] = (float) r.nextGaussian();
        }
        org.d2r.core.routing.RoutingPaths paths = a.routingModules() > 0
                ? new org.d2r.core.routing.RoutingPaths(a.routingModules(), rows) : null;
        Rng rng = new Rng(3);
        for (int c = 0; c < warmup; c++) a.actAll(obs, ids, rows, true, true, rng, act, paths, 0);
        long t0 = System.nanoTime();
        for (int c = 0; c < calls; c++) a.actAll(obs, ids, rows, true, true, rng, act, paths, 0);
        double lockstep = (System.nanoTime() - t0) / 1e3 / calls / rows;
        for (int c = 0; c < warmup; c++) a.act(obs[c % rows], ids[c % rows], false, false, rng, act[0], paths, 0);
        long t1 = System.nanoTime();
        int singles = calls * rows;
        for (int c = 0; c < singles; c++) a.act(obs[c % rows], ids[c % rows], false, false, rng, act[0], paths, 0);
        double single = (System.nanoTime() - t1) / 1e3 / singles;
        for (float[] row : act) {
            for (float v : row) if (!(Math.abs(v) <= 1)) throw new IllegalStateException(m.title() + " acted outside [-1, 1]: " + v);
        }
        return new Result(m, rows, lockstep, single);
    }

    private static int number(String[] a, int i, String opt) {
        return LearnerBenchCommand.positive(LearnerBenchCommand.value(a, i, opt), opt);
    }
}
