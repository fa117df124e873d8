package org.d2r.infra.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.d2r.cli.Cli;
import org.d2r.cli.RunOptions;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.Mt10;
import org.d2r.metaworld.policies.ScriptedPolicies;
import org.d2r.metaworld.policies.ScriptedPolicy;
import org.d2r.metaworld.tools.ScriptedRunner;
import org.d2r.metaworld.tools.TaskReport;
import org.d2r.roles.options.RoleOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/d2r scripted}: Meta-World's scripted policies on the Java environments, the oracle
 * that tells whether the environment port is faithful (the paper's App. A.2: with 200-step
 * episodes every task's policy succeeds in more than 90% of 100 episodes).
 */
@Command(name = "scripted", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"run Meta-World's scripted policies and print success rates (environment oracle)", "",
                "Runs Meta-World's scripted policies and prints each task's success rate.",
                "An episode succeeds when Meta-World's success flag is 1 at any step. --tasks defaults to mt10 (a name",
                "given twice is evaluated once); --seed, of goals and noise, to 0.", ""},
        footer = {"", "Example: bin/d2r scripted --tasks mt10 --mode rand --episodes 100 --max-steps 200 --format json"})
public final class ScriptedCommand implements Callable<Integer> {

    record Options(List<String> tasks, GoalMode mode, int episodes, int maxSteps, double actionNoise, long seed,
                   boolean stopAtSuccess, double minSuccess, boolean json, Path assets, boolean quiet) {}

    @Spec
    CommandSpec spec;
    @Mixin
    RoleOptions.Tasks tasks;
    @Mixin
    RunOptions.Seed seed;
    @Mixin
    RunOptions.Format format;

    @Option(names = "--mode", paramLabel = "rand|fixed", description = "goal mode: a fresh goal every reset (default) or one "
            + "goal per task")
    String mode = "rand";
    @Option(names = "--episodes", paramLabel = "N", description = "episodes per task (default 100)")
    int episodes = 100;
    @Option(names = "--max-steps", paramLabel = "N", description = "episode length, 1..500 (default 200, the paper's; "
            + "Meta-World's is 500)")
    int maxSteps = EnvConfig.PAPER_MAX_PATH_LENGTH;
    @Option(names = "--action-noise", paramLabel = "F", description = "Gaussian noise with standard deviation F times the action "
            + "range, added to the policy's action before the environment clips it, as Meta-World's test suite does (default "
            + "0)")
    double actionNoise = 0;
    @Option(names = "--stop-at-success", description = "end an episode at its first success (faster; success rates are "
            + "unchanged, returns then cover only the steps taken)")
    boolean stopAtSuccess;
    @Option(names = "--min-success", paramLabel = "F", description = "exit with status 1 if any task's success rate is below F")
    Double minSuccess;
    @Option(names = "--assets", paramLabel = "DIR", description = "Meta-World assets_v2 folder (default: METAWORLD_ASSETS or shared/)")
    Path assets;
    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        Options o = options();
        try {
            return run(o, System.out, System.err) ? 0 : 1;
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Missing assets, a native library that will not load, etc.: say what, not a stack trace.
            System.err.println("d2r scripted: " + e.getMessage());
            return 1;
        }
    }

    Options options() {
        GoalMode goals = switch (mode.toLowerCase(Locale.ROOT)) {
            case "rand" -> GoalMode.RAND;
            case "fixed" -> GoalMode.FIXED;
            default -> throw Cli.usage(spec, "--mode must be rand or fixed, got '" + mode + "'");
        };
        if (episodes < 1) throw Cli.usage(spec, "--episodes must be in 1.." + Integer.MAX_VALUE + ", got " + episodes);
        if (maxSteps < 1 || maxSteps > EnvConfig.METAWORLD_MAX_PATH_LENGTH) {
            throw Cli.usage(spec, "--max-steps must be in 1.." + EnvConfig.METAWORLD_MAX_PATH_LENGTH + ", got " + maxSteps);
        }
        if (!(actionNoise >= 0) || Double.isInfinite(actionNoise)) {
            throw Cli.usage(spec, "--action-noise must be a finite number >= 0 (a fraction of the action range, e.g. 0.1), got "
                    + actionNoise);
        }
        if (minSuccess != null && !(minSuccess >= 0 && minSuccess <= 1)) {
            throw Cli.usage(spec, "--min-success must be a fraction in [0, 1], got " + minSuccess);
        }
        if (assets != null && !Files.isDirectory(assets.resolve("sawyer_xyz"))) {
            throw Cli.usage(spec, "--assets " + assets + " has no sawyer_xyz/ folder; pass Meta-World's"
                    + " assets_v2 folder (e.g. shared/metaworld-v2/assets)");
        }
        List<String> names = tasks.given() == null ? Mt10.TASKS : parseTasks(tasks.given());
        return new Options(names, goals, episodes, maxSteps, actionNoise, seed.orElse(0), stopAtSuccess,
                minSuccess == null ? Double.NaN : minSuccess, format.json(), assets, quiet);
    }

    private List<String> parseTasks(String given) {
        List<String> names = Cli.checked(spec, "--tasks: ", () -> MetaWorld.parseTaskList(String.join(",",
                new java.util.LinkedHashSet<>(List.of(given.split("\\s*,\\s*"))))));
        for (String name : names) {
            if (!ScriptedPolicies.tasks().contains(name)) {
                throw Cli.usage(spec, "--tasks: no scripted policy for '" + name + "' in this build; policies: "
                        + String.join(",", ScriptedPolicies.tasks()));
            }
        }
        return names;
    }

    /** Runs every task and prints the reports; returns false if a task fell below --min-success. */
    static boolean run(Options o, PrintStream out, PrintStream err) {
        ScriptedRunner runner = new ScriptedRunner(o.actionNoise(), o.seed(), o.stopAtSuccess());
        EnvConfig cfg = new EnvConfig(o.maxSteps(), o.mode(), o.seed(), 0, false, o.assets());
        if (!o.json()) {
            out.println(String.format(Locale.ROOT, "scripted policies: mode=%s max_steps=%d episodes=%d action_noise=%s"
                    + " seed=%d%s", o.mode().name().toLowerCase(Locale.ROOT), o.maxSteps(), o.episodes(),
                    fmt(o.actionNoise()), o.seed(), o.stopAtSuccess() ? " stop_at_success" : ""));
            out.println(String.format(Locale.ROOT, "%-24s %8s %8s %12s %12s %9s", "task", "episodes", "success",
                    "mean_return", "steps_to_ok", "seconds"));
        }
        List<String> shortfalls = new ArrayList<>();
        int done = 0;
        for (String task : o.tasks()) {
            ScriptedPolicy policy = ScriptedPolicies.forTask(task);
            int taskIndex = ++done;
            TaskReport r;
            try (MetaWorldEnv env = MetaWorld.make(task, cfg)) {
                long[] lastPrint = {System.nanoTime()};
                r = runner.run(env, policy, o.episodes(), n -> {
                    long now = System.nanoTime();
                    if (!o.quiet() && (now - lastPrint[0] > 5_000_000_000L)) {
                        lastPrint[0] = now;
                        err.printf(Locale.ROOT, "[%d/%d] %s: %d/%d episodes%n", taskIndex, o.tasks().size(), task,
                                n, o.episodes());
                    }
                });
            }
            if (!o.quiet()) {
                err.printf(Locale.ROOT, "[%d/%d] %s: success %.2f (%d episodes, %.1f s)%n", taskIndex,
                        o.tasks().size(), task, r.successRate(), r.episodes(), r.seconds());
            }
            out.println(o.json() ? json(r) : text(r));
            out.flush();
            if (!Double.isNaN(o.minSuccess()) && r.successRate() < o.minSuccess()) {
                shortfalls.add(String.format(Locale.ROOT, "%s (%.2f)", task, r.successRate()));
            }
        }
        if (!shortfalls.isEmpty()) {
            err.println("d2r scripted: below --min-success " + fmt(o.minSuccess()) + ": " + String.join(", ", shortfalls));
        }
        return shortfalls.isEmpty();
    }

    static String text(TaskReport r) {
        return String.format(Locale.ROOT, "%-24s %8d %8.2f %12.2f %12s %9.1f", r.task(), r.episodes(),
                r.successRate(), r.meanReturn(),
                Double.isNaN(r.meanStepsToSuccess()) ? "-" : String.format(Locale.ROOT, "%.1f", r.meanStepsToSuccess()),
                r.seconds());
    }

    static String json(TaskReport r) {
        return JsonNodeFactory.instance.objectNode().put("task", r.task()).put("episodes", r.episodes())
                .put("successes", r.successes()).put("success_rate", number(r.successRate()))
                .put("mean_return", number(r.meanReturn())).put("mean_steps_to_success", number(r.meanStepsToSuccess()))
                .put("mode", r.mode().name().toLowerCase(Locale.ROOT)).put("max_steps", r.maxSteps())
                .put("action_noise", number(r.actionNoise())).put("seed", r.seed()).put("stop_at_success", r.stopAtSuccess())
                .put("env_steps", r.envSteps()).put("seconds", number(Math.round(r.seconds() * 1000) / 1000.0)).toString();
    }

    /** JSON has no NaN: absent figures are null. */
    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A figure in the text output: whole numbers with ".0", as the JSON lines write them. */
    private static String fmt(double v) {
        if (!Double.isFinite(v)) return "null";
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) + ".0" : Double.toString(v);
    }
}
