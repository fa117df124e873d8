package org.d2r.infra.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.d2r.cli.Cli;
import org.d2r.cli.RunOptions;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.SawyerXYZEnv;
import org.d2r.roles.options.RoleOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r env-bench} (--help says what it measures): mj_step is timed bare on the same model in the same
 * run, so that the env rate reads as a fraction of the physics ceiling (frame skip 5).
 */
@Command(name = "env-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"environment steps per second per task, with the mj_step time of the same run", "",
                "Environment steps per second (single thread, random actions, resets included) and the",
                "raw mj_step time measured in the same run; ratio = env rate / (1 / (5 x mj_step)).",
                "Per step, 'physics us' is the time inside mj_step during the run (resets included) and",
                "'java us' the rest (observation, reward, JNI). --tasks defaults to mt10; --seed to 0.", ""},
        footer = {"", "Example: bin/d2r env-bench --tasks mt10 --steps 20000 --format json"})
public final class EnvBenchCommand implements Callable<Integer> {

    record Options(List<String> tasks, int steps, int warmup, int maxSteps, long seed, boolean json, Path assets,
                   GoalMode mode, boolean replay) {}

    record Result(String task, int steps, int resets, double envStepsPerSec, double mjStepMicros,
                  double inRunPhysicsMicros) {
        double ceiling() {
            return 1e6 / (5 * mjStepMicros);
        }

        double ratio() {
            return envStepsPerSec / ceiling();
        }

        /** Wall time per environment step outside mj_step (Java, JNI, resets' bookkeeping). */
        double javaMicros() {
            return 1e6 / envStepsPerSec - inRunPhysicsMicros;
        }
    }

    @Spec
    CommandSpec spec;
    @Mixin
    RoleOptions.Tasks tasks;
    @Mixin
    RunOptions.Seed seed;
    @Mixin
    RunOptions.Format format;

    @Option(names = "--steps", paramLabel = "N", description = "timed environment steps per task (default 20000)")
    int steps = 20000;
    @Option(names = "--warmup", paramLabel = "N", description = "untimed steps per task first, for the JIT (default 3000)")
    int warmup = 3000;
    @Option(names = "--max-steps", paramLabel = "N", description = "episode length, 1..500 (default 500, Meta-World's; the paper "
            + "uses 200)")
    int maxSteps = EnvConfig.METAWORLD_MAX_PATH_LENGTH;
    @Option(names = "--mode", paramLabel = "rand|fixed", description = "goal mode: a fresh configuration every reset (default) "
            + "or one per task; in fixed mode every task's hand reset is replayed, not simulated")
    String mode = "rand";
    @Option(names = "--no-replay", description = "simulate every hand reset (same results, slower): the A/B baseline")
    boolean noReplay;
    @Option(names = "--assets", paramLabel = "DIR", description = "Meta-World assets_v2 folder (default: METAWORLD_ASSETS or shared/)")
    Path assets;

    @Override
    public Integer call() {
        Options o = options();
        try {
            run(o, System.out);
        } catch (IllegalStateException | IllegalArgumentException | UnsatisfiedLinkError e) {
            System.err.println("d2r env-bench: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    Options options() {
        if (steps < 1) throw Cli.usage(spec, "--steps must be positive, got " + steps);
        if (warmup < 0) throw Cli.usage(spec, "--warmup must not be negative, got " + warmup);
        if (maxSteps < 1 || maxSteps > EnvConfig.METAWORLD_MAX_PATH_LENGTH) {
            throw Cli.usage(spec, "--max-steps must be in 1.." + EnvConfig.METAWORLD_MAX_PATH_LENGTH + " (Meta-World's limit), got "
                    + maxSteps);
        }
        if (!mode.equals("rand") && !mode.equals("fixed")) {
            throw Cli.usage(spec, "--mode must be 'rand' or 'fixed', got '" + mode + "'");
        }
        return new Options(tasks.list("mt10"), steps, warmup, maxSteps, seed.orElse(0), format.json(), assets,
                mode.equals("rand") ? GoalMode.RAND : GoalMode.FIXED, !noReplay);
    }

    static List<Result> run(Options o, PrintStream out) {
        List<Result> results = new ArrayList<>();
        if (!o.json()) {
            out.printf(Locale.ROOT,
                    "env-bench: %d timed steps per task, episodes of %d steps, %s goals, random actions, 1 thread%s%n",
                    o.steps(), o.maxSteps(), o.mode() == GoalMode.RAND ? "rand" : "fixed",
                    o.replay() ? "" : ", hand resets always simulated");
            out.printf(Locale.ROOT, "%-24s %12s %10s %14s %7s %12s %10s%n", "task", "env steps/s", "mj_step us",
                    "ceiling st/s", "ratio", "physics us", "java us");
        }
        for (String task : o.tasks()) {
            Result r = measure(task, o);
            results.add(r);
            print(r, o.json(), out);
        }
        double mean = results.stream().mapToDouble(Result::envStepsPerSec).average().orElse(Double.NaN);
        double meanCeiling = results.stream().mapToDouble(Result::ceiling).average().orElse(Double.NaN);
        if (o.json()) {
            out.println(JSON.objectNode().put("summary", true).put("tasks_measured", results.size()).put("mean_env_steps_per_s", fixed(mean, 1)).put("mean_physics_ceiling_steps_per_s", fixed(meanCeiling, 1))
                    .put("mean_ratio", fixed(mean / meanCeiling, 4)).put("max_steps", o.maxSteps())
                    .put("mode", o.mode() == GoalMode.RAND ? "rand" : "fixed").put("replay", o.replay()));
        } else {
            out.printf(Locale.ROOT, "mean over %d measured task(s): %.0f env steps/s, physics ceiling %.0f, ratio %.3f%n",
                    results.size(), mean, meanCeiling, mean / meanCeiling);
        }
        return results;
    }

    static void print(Result r, boolean json, PrintStream out) {
        if (json) {
            out.println(JSON.objectNode().put("task", r.task()).put("steps", r.steps()).put("resets", r.resets())
                    .put("env_steps_per_s", fixed(r.envStepsPerSec(), 1)).put("mj_step_us", fixed(r.mjStepMicros(), 3))
                    .put("physics_ceiling_steps_per_s", fixed(r.ceiling(), 1)).put("ratio", fixed(r.ratio(), 4))
                    .put("in_run_physics_us_per_step", fixed(r.inRunPhysicsMicros(), 3))
                    .put("java_us_per_step", fixed(r.javaMicros(), 3)));
        } else {
            out.printf(Locale.ROOT, "%-24s %12.0f %10.2f %14.0f %7.3f %12.2f %10.2f%n", r.task(), r.envStepsPerSec(),
                    r.mjStepMicros(), r.ceiling(), r.ratio(), r.inRunPhysicsMicros(), r.javaMicros());
        }
    }

    static Result measure(String task, Options o) {
        EnvConfig cfg = new EnvConfig(o.maxSteps(), o.mode(), o.seed(), 0, false, o.assets());
        try (MetaWorldEnv env = MetaWorld.make(task, cfg)) {
            SplittableRandom rnd = new SplittableRandom(o.seed() ^ task.hashCode());
            double[] action = new double[MetaWorldEnv.ACTION_DIM];
            SawyerXYZEnv sawyer = (SawyerXYZEnv) env;
            sawyer.setHandResetReplay(o.replay());
            env.reset();
            run(env, rnd, action, o.warmup());
            long phys0 = sawyer.physicsNanos();
            long t0 = System.nanoTime();
            int resets = run(env, rnd, action, o.steps());
            long envNanos = System.nanoTime() - t0;
            long inRunPhys = sawyer.physicsNanos() - phys0;

            // Bare physics on the same model, from post-reset states like the ones the episodes
            // start from; chunks keep the arm near the poses the benchmark visits.
            int mjSteps = Math.max(5000, o.steps());
            long physNanos = 0;
            int chunk = 1000;
            for (int done = 0; done < mjSteps; done += chunk) {
                env.reset();
                physNanos += sawyer.timePhysicsSteps(chunk);
            }
            int measured = ((mjSteps + chunk - 1) / chunk) * chunk;
            return new Result(task, o.steps(), resets, o.steps() * 1e9 / envNanos,
                    physNanos / 1e3 / measured, inRunPhys / 1e3 / o.steps());
        }
    }

    private static int run(MetaWorldEnv env, SplittableRandom rnd, double[] action, int steps) {
        int resets = 0;
        for (int i = 0; i < steps; i++) {
            for (int k = 0; k < action.length; k++) action[k] = rnd.nextDouble(-1, 1);
            if (env.step(action).truncated()) {
                env.reset();
                resets++;
            }
        }
        return resets;
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * A figure as the text table rounds it, for JSON (which has no NaN: null); a BigDecimal keeps the trailing zeros. The
     * benches' one rounding (pipeline-bench's too), so that their JSON lines read alike.
     */
    public static BigDecimal fixed(double v, int places) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP) : null;
    }
}
