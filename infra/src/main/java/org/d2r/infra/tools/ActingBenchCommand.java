package org.d2r.infra.tools;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.d2r.cli.Cli;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.io.PolicySnapshot;
import org.d2r.core.model.PolicyActor;
import org.d2r.core.model.SnapshotActor;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r acting-bench}: microseconds per action of the acting forward pass ({@link SnapshotActor}) at the
 * paper's MT10 sizes, in a producer's lockstep over all tasks' environments in one call (exploring: sampled actions,
 * SampleK for D2R) and as the evaluator acts, one observation at a time (deterministic). D2R computes only the
 * modules an action depends on, so its cost follows the modules its routing uses (reported with the time).
 */
@Command(name = "acting-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"microseconds per action of the acting forward pass (producers, evaluator), D2R and the baselines",
                "Times SnapshotActor.actAll on a snapshot of the paper's actor (random weights: the work does not depend on them)."},
        footer = {"D2R also reports the modules computed per action (of 16); per task, single-row time and modules over",
                "64 observations of that task; and the time with its routes forced to use 2, 4, 8, 12 and 16 modules."})
public final class ActingBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--benchmark", paramLabel = "mt10|mt50", description = "mt10 (default) or mt50: the actor's task count")
    String benchmark = "mt10";
    @Option(names = "--method", paramLabel = "M", description = "d2r, a baseline, or all (default) in turn")
    String method = "all";
    @Option(names = "--rows", paramLabel = "R", description = "observations per lockstep call (default: the task count, one environment per task)")
    Integer rows;
    @Option(names = "--calls", paramLabel = "N", description = "timed lockstep calls (default 2000; single-row calls: as many rows in all)")
    int calls = 2000;
    @Option(names = "--warmup", paramLabel = "W", description = "untimed calls first (default 500)")
    int warmup = 500;
    @Option(names = "--threads", paramLabel = "T", description = "ND4J/BLAS threads for the baselines' forward (default 1: a producer's thread)")
    int threads = 1;

    /**
     * One method's figures: microseconds per row in a lockstep of {@code rows} and alone, and for D2R the
     * mean modules computed per action in each (NaN for a baseline) and per task (empty for a baseline).
     */
    record Result(Method method, double usPerRowLockstep, double usPerRowSingle, double modulesLockstep,
                  double modulesSingle, List<TaskFigures> perTask, List<DepthFigures> byDepth) {}

    /** One task's single-row (deterministic) acting: microseconds and modules computed per action. */
    record TaskFigures(int task, double usPerAction, double modules) {}

    /**
     * D2R with its routes forced to use exactly {@code modules} modules (1..modules, each reading the
     * two before it): microseconds per row in a lockstep (exploring, TopK) and alone, the fastest of
     * interleaved rounds, and the modules computed as measured.
     */
    record DepthFigures(int modules, double usPerRowLockstep, double usPerRowSingle, double modulesComputed) {}

    /** The depths of the sweep; 16 is every module, what acting cost before dynamic depth. */
    static final int[] SWEEP = {2, 4, 8, 12, 16};
    /** Interleaved rounds of the per-task and forced-depth timings; the fastest is reported, the one least disturbed by other work on the machine. */
    static final int SWEEP_ROUNDS = 5;

    /** Distinct observations per task in the per-task figures, so that a task's routing varies as in an episode. */
    static final int OBS_PER_TASK = 64;

    @Override
    public Integer call() {
        int tasks = switch (benchmark.toLowerCase(Locale.ROOT)) {
            case "mt10" -> 10;
            case "mt50" -> 50;
            default -> throw Cli.usage(spec, "--benchmark must be mt10 or mt50");
        };
        if (this.rows != null && this.rows < 1 || calls < 1 || warmup < 1 || threads < 1) {
            throw Cli.usage(spec, "--rows, --calls, --warmup and --threads must be >= 1");
        }
        int rows = this.rows == null ? tasks : this.rows; // default: a producer's lockstep, one environment per task
        List<Method> methods = LearnerBenchCommand.methods(spec, method);
        // the baselines' ND4J forward: one thread is what an acting thread gets on a busy machine
        LearnerBenchCommand.nd4jThreads(threads);
        System.out.printf(Locale.ROOT, "acting-bench: MT%d sizes, %d rows per lockstep, %d calls after %d, %d thread(s)%n",
                tasks, rows, calls, warmup, threads);
        for (Method m : methods) {
            Result r = run(m, tasks, rows, calls, warmup);
            System.out.printf(Locale.ROOT, "  %-22s %8.1f us per row in a lockstep of %d, %8.1f us alone%n", m.title(),
                    r.usPerRowLockstep(), rows, r.usPerRowSingle());
            if (r.perTask().isEmpty()) continue;
            System.out.printf(Locale.ROOT, "  %-22s modules computed per action: %.2f in the lockstep (SampleK), %.2f alone (TopK), of %d%n",
                    "", r.modulesLockstep(), r.modulesSingle(), D2rNetConfig.paper().modules());
            System.out.printf(Locale.ROOT, "  %-22s per task, alone (TopK, %d observations each, fastest of %d rounds), fewest modules first:%n", "",
                    OBS_PER_TASK, SWEEP_ROUNDS);
            r.perTask().stream().sorted(java.util.Comparator.comparingDouble(TaskFigures::modules)).forEach(t -> System.out.printf(
                    Locale.ROOT, "  %-22s   task %2d %8.1f us %6.2f modules%n", "", t.task(), t.usPerAction(), t.modules()));
            System.out.printf(Locale.ROOT, "  %-22s routes forced to depth d (modules 1..d; 16 = the full pass), fastest of %d rounds:%n",
                    "", SWEEP_ROUNDS);
            for (DepthFigures d : r.byDepth()) {
                System.out.printf(Locale.ROOT, "  %-22s   d = %2d %8.1f us per row in a lockstep of %d, %8.1f us alone (%.2f modules computed)%n",
                        "", d.modules(), d.usPerRowLockstep(), rows, d.usPerRowSingle(), d.modulesComputed());
            }
        }
        return 0;
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
        if (!(a instanceof PolicyActor d2r)) return new Result(m, lockstep, single, Double.NaN, Double.NaN, List.of(), List.of());
        // a fresh actor per phase: its counts are those of that phase's actions alone
        PolicyActor counted = new PolicyActor(d2r.snapshot());
        counted.actAll(obs, ids, rows, true, true, new Rng(3), act, paths, 0);
        double modulesLockstep = counted.meanModulesComputed();
        counted = new PolicyActor(d2r.snapshot());
        for (int b = 0; b < rows; b++) counted.act(obs[b], ids[b], false, false, rng, act[0], paths, 0);
        double modulesSingle = counted.meanModulesComputed();
        return new Result(m, lockstep, single, modulesLockstep, modulesSingle, perTask(d2r.snapshot(), tasks, calls, warmup, paths),
                depthSweep(d2r.snapshot(), obs, ids, rows, calls, warmup, paths));
    }

    /** The same weights with routes forced to each depth of {@link #SWEEP}, timed in interleaved rounds. */
    private static List<DepthFigures> depthSweep(PolicySnapshot snap, float[][] obs, int[] ids, int rows, int calls, int warmup,
                                                 org.d2r.core.routing.RoutingPaths paths) {
        int n = snap.net().modules();
        float[][] act = new float[rows][4];
        PolicyActor[] actors = new PolicyActor[SWEEP.length];
        double[][] lock = new double[SWEEP.length][SWEEP_ROUNDS], single = new double[SWEEP.length][SWEEP_ROUNDS];
        for (int d = 0; d < SWEEP.length; d++) actors[d] = new PolicyActor(forcedDepth(snap, Math.min(SWEEP[d], n)));
        Rng rng = new Rng(5);
        for (int round = 0; round < SWEEP_ROUNDS; round++) {
            for (int d = 0; d < SWEEP.length; d++) {
                PolicyActor a = actors[d];
                for (int c = 0; c < warmup; c++) a.actAll(obs, ids, rows, true, false, rng, act, paths, 0);
                long t0 = System.nanoTime();
                for (int c = 0; c < calls; c++) a.actAll(obs, ids, rows, true, false, rng, act, paths, 0);
                lock[d][round] = (System.nanoTime() - t0) / 1e3 / calls / rows;
                long t1 = System.nanoTime();
                for (int c = 0; c < calls; c++) a.act(obs[c % rows], ids[c % rows], false, false, null, act[0], paths, 0);
                single[d][round] = (System.nanoTime() - t1) / 1e3 / calls;
            }
        }
        List<DepthFigures> out = new java.util.ArrayList<>();
        for (int d = 0; d < SWEEP.length; d++) {
            out.add(new DepthFigures(Math.min(SWEEP[d], n), fastest(lock[d]), fastest(single[d]), actors[d].meanModulesComputed()));
        }
        return out;
    }

    /**
     * The snapshot with a large bias on the logits of two sources per router: router r (feeding module
     * r + 1) prefers modules r and r - 1, the output router modules d and d - 1, so TopK and top-2
     * routing compute exactly modules 1..d.
     */
    static PolicySnapshot forcedDepth(PolicySnapshot s, int d) {
        int n = s.net().modules();
        List<PolicySnapshot.Tensor> ts = new java.util.ArrayList<>();
        for (PolicySnapshot.Tensor t : s.tensors()) {
            if (!t.name().equals("router.logits.b")) {
                ts.add(t);
                continue;
            }
            float[] b = t.values().clone();
            for (int r = 1; r <= n; r++) {
                int last = r == n ? d : r;
                for (int j = Math.max(0, last - 2); j < last; j++) b[org.d2r.core.routing.RoutingPaths.routerOffset(r) + j] += 100;
            }
            ts.add(new PolicySnapshot.Tensor(t.name(), t.rows(), t.cols(), b));
        }
        return new PolicySnapshot(s.method(), s.net(), s.obsDims(), s.actionDims(), s.tasks(), s.version(), s.tau(), ts);
    }

    private static double fastest(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    /** Each task's deterministic single-row acting over {@link #OBS_PER_TASK} observations of its own, tasks timed in interleaved rounds. */
    private static List<TaskFigures> perTask(PolicySnapshot snap, int tasks, int calls, int warmup,
                                             org.d2r.core.routing.RoutingPaths paths) {
        java.util.Random r = new java.util.Random(11);
        float[] act = new float[4];
        float[][][] obs = new float[tasks][OBS_PER_TASK][39];
        for (float[][] task : obs) for (float[] o : task) for (int i = 0; i < 39; i++) o[i] = (float) r.nextGaussian();
        double[][] us = new double[tasks][SWEEP_ROUNDS];
        PolicyActor a = new PolicyActor(snap);
        for (int round = 0; round < SWEEP_ROUNDS; round++) {
            for (int t = 0; t < tasks; t++) {
                for (int c = 0; c < warmup; c++) a.act(obs[t][c % OBS_PER_TASK], t, false, false, null, act, paths, 0);
                long t0 = System.nanoTime();
                for (int c = 0; c < calls; c++) a.act(obs[t][c % OBS_PER_TASK], t, false, false, null, act, paths, 0);
                us[t][round] = (System.nanoTime() - t0) / 1e3 / calls;
            }
        }
        // counted apart: once over each task's observations
        PolicyActor counted = new PolicyActor(snap);
        List<TaskFigures> out = new java.util.ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            for (float[] o : obs[t]) counted.act(o, t, false, false, null, act, paths, 0);
            out.add(new TaskFigures(t, fastest(us[t]), counted.meanModulesComputed(t)));
        }
        return out;
    }
}
