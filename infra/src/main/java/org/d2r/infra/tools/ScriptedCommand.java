package org.d2r.infra.tools;

import org.d2r.metaworld.tools.EpisodeOutcome;
import org.d2r.metaworld.tools.ScriptedRunner;
import org.d2r.metaworld.tools.TaskReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.MetaWorld;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.metaworld.Mt10;
import org.d2r.metaworld.policies.ScriptedPolicies;
import org.d2r.metaworld.policies.ScriptedPolicy;

/**
 * {@code bin/d2r scripted}: Meta-World's scripted policies on the Java environments, the oracle
 * that tells whether the environment port is faithful (the paper's App. A.2: with 200-step
 * episodes every task's policy succeeds in more than 90% of 100 episodes).
 */
public final class ScriptedCommand {

    static final String USAGE = String.join("\n",
            "Usage: bin/d2r scripted [options]",
            "",
            "Runs Meta-World's scripted policies and prints each task's success rate.",
            "An episode succeeds when Meta-World's success flag is 1 at any step.",
            "",
            "Options:",
            "  --tasks LIST          mt10 (default), mt50 or comma-separated task names, e.g. reach-v2,door-open-v2",
            "  --mode rand|fixed     goal mode: a fresh goal every reset (default) or one goal per task",
            "  --episodes N          episodes per task (default 100)",
            "  --max-steps N         episode length, 1..500 (default 200, the paper's; Meta-World's is 500)",
            "  --action-noise F      Gaussian noise with standard deviation F times the action range,",
            "                        added to the policy's action before the environment clips it,",
            "                        as Meta-World's test suite does (default 0)",
            "  --seed S              seed of goals and noise (default 0)",
            "  --stop-at-success     end an episode at its first success (faster; success rates are",
            "                        unchanged, returns then cover only the steps taken)",
            "  --min-success F       exit with status 1 if any task's success rate is below F",
            "  --format text|json    text table (default) or one JSON object per task per line",
            "  --assets DIR          Meta-World assets_v2 folder (default: METAWORLD_ASSETS or shared/)",
            "  --quiet               no progress on stderr",
            "  -h, --help            this help",
            "",
            "Example: bin/d2r scripted --tasks mt10 --mode rand --episodes 100 --max-steps 200 --format json");

    /** Parsed options. */
    record Options(List<String> tasks, GoalMode mode, int episodes, int maxSteps, double actionNoise, long seed,
                   boolean stopAtSuccess, double minSuccess, boolean json, Path assets, boolean quiet) {}

    /** Bad command-line input; the message names the option and the fix. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private ScriptedCommand() {}

    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (UsageException e) {
            System.err.println("d2r scripted: " + e.getMessage() + "\nSee 'bin/d2r scripted --help'.");
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.println(USAGE);
            return;
        }
        boolean allPassed;
        try {
            allPassed = run(o, System.out, System.err);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Missing assets, a native library that will not load, etc.: say what, not a stack trace.
            System.err.println("d2r scripted: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.exit(allPassed ? 0 : 1);
    }

    /** @return null when help was asked for */
    static Options parse(String[] args) throws UsageException {
        List<String> tasks = Mt10.TASKS;
        GoalMode mode = GoalMode.RAND;
        int episodes = 100;
        int maxSteps = EnvConfig.PAPER_MAX_PATH_LENGTH;
        double noise = 0;
        long seed = 0;
        boolean stop = false;
        double minSuccess = Double.NaN;
        boolean json = false;
        Path assets = null;
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help", "help" -> {
                    return null;
                }
                case "--tasks" -> tasks = parseTasks(value(args, ++i, a));
                case "--mode" -> mode = switch (value(args, ++i, a).toLowerCase(Locale.ROOT)) {
                    case "rand" -> GoalMode.RAND;
                    case "fixed" -> GoalMode.FIXED;
                    default -> throw new UsageException("--mode must be rand or fixed, got '" + args[i] + "'");
                };
                case "--episodes" -> episodes = intIn(value(args, ++i, a), a, 1, Integer.MAX_VALUE);
                case "--max-steps" -> maxSteps = intIn(value(args, ++i, a), a, 1, EnvConfig.METAWORLD_MAX_PATH_LENGTH);
                case "--action-noise" -> {
                    noise = number(value(args, ++i, a), a);
                    if (!(noise >= 0) || Double.isInfinite(noise)) {
                        throw new UsageException("--action-noise must be a finite number >= 0 (a fraction of the"
                                + " action range, e.g. 0.1), got " + args[i]);
                    }
                }
                case "--seed" -> {
                    try {
                        seed = Long.parseLong(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new UsageException("--seed must be an integer, got '" + args[i] + "'");
                    }
                }
                case "--stop-at-success" -> stop = true;
                case "--min-success" -> {
                    minSuccess = number(value(args, ++i, a), a);
                    if (!(minSuccess >= 0 && minSuccess <= 1)) {
                        throw new UsageException("--min-success must be a fraction in [0, 1], got " + args[i]);
                    }
                }
                case "--format" -> json = switch (value(args, ++i, a).toLowerCase(Locale.ROOT)) {
                    case "json" -> true;
                    case "text" -> false;
                    default -> throw new UsageException("--format must be text or json, got '" + args[i] + "'");
                };
                case "--assets" -> {
                    assets = Paths.get(value(args, ++i, a));
                    if (!Files.isDirectory(assets.resolve("sawyer_xyz"))) {
                        throw new UsageException("--assets " + assets + " has no sawyer_xyz/ folder; pass Meta-World's"
                                + " assets_v2 folder (e.g. shared/metaworld-v2/assets)");
                    }
                }
                case "--quiet" -> quiet = true;
                default -> throw new UsageException("unknown option '" + a + "'");
            }
        }
        return new Options(tasks, mode, episodes, maxSteps, noise, seed, stop, minSuccess, json, assets, quiet);
    }

    private static List<String> parseTasks(String spec) throws UsageException {
        List<String> tasks;
        try {
            // a name given twice is evaluated once
            tasks = MetaWorld.parseTaskList(String.join(",", new java.util.LinkedHashSet<>(List.of(spec.split("\\s*,\\s*")))));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--tasks: " + e.getMessage());
        }
        for (String name : tasks) {
            if (!ScriptedPolicies.tasks().contains(name)) {
                throw new UsageException("--tasks: no scripted policy for '" + name + "' in this build; policies: "
                        + String.join(",", ScriptedPolicies.tasks()));
            }
        }
        return tasks;
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int intIn(String s, String option, int lo, int hi) throws UsageException {
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be an integer, got '" + s + "'");
        }
        if (v < lo || v > hi) {
            throw new UsageException(option + " must be in " + lo + ".." + hi + ", got " + v);
        }
        return v;
    }

    private static double number(String s, String option) throws UsageException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, got '" + s + "'");
        }
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
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"task\":\"").append(r.task()).append('"');
        sb.append(",\"episodes\":").append(r.episodes());
        sb.append(",\"successes\":").append(r.successes());
        sb.append(",\"success_rate\":").append(fmt(r.successRate()));
        sb.append(",\"mean_return\":").append(fmt(r.meanReturn()));
        sb.append(",\"mean_steps_to_success\":").append(fmt(r.meanStepsToSuccess()));
        sb.append(",\"mode\":\"").append(r.mode().name().toLowerCase(Locale.ROOT)).append('"');
        sb.append(",\"max_steps\":").append(r.maxSteps());
        sb.append(",\"action_noise\":").append(fmt(r.actionNoise()));
        sb.append(",\"seed\":").append(r.seed());
        sb.append(",\"stop_at_success\":").append(r.stopAtSuccess());
        sb.append(",\"env_steps\":").append(r.envSteps());
        sb.append(",\"seconds\":").append(fmt(Math.round(r.seconds() * 1000) / 1000.0));
        return sb.append('}').toString();
    }

    /** JSON has no NaN: absent figures are null. */
    private static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) + ".0" : Double.toString(v);
    }
}
