package org.d2r.learner.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@code bin/d2r train --local}, parsed and checked. Optional values are null
 * when not given, so the preset's own value applies.
 *
 * @param preset   preset name (smoke, mt10-rand, mt10-fixed)
 * @param tasks    Meta-World task names to train on instead of the preset's, or null
 * @param method   network: d2r or one of the baselines
 * @param seed     seed of networks, replay sampling, exploration and environments
 * @param runDir   run folder, or null for runs/&lt;preset&gt;-&lt;timestamp&gt;
 * @param steps    environment steps per task (warm-up included), or null for the preset's budget
 * @param evalEvery environment steps per task between evaluations, or null for the preset's
 * @param evalEpisodes episodes per task at each evaluation, or null for the preset's
 * @param finalEpisodes episodes per task of the evaluation at the end of the budget, or null for the
 *                      paper's 100 (smoke: its evaluation episodes)
 * @param batchPerTask rows per task in one update, or null for the preset's
 * @param ablations   section-7 ablations (LearnerConfig names) applied to the preset, in order
 * @param goals       "fixed" or "rand" goal configurations instead of the preset's, or null
 * @param alphaLr     Adam learning rate of log alpha instead of the preset's (paper 1e-4), or null
 * @param rewardScale reward multiplier in the TD target instead of the preset's (paper 0.1), or null
 */
record LocalTrainOptions(String preset, List<String> tasks, String method, long seed, Path runDir,
        Long steps, Long evalEvery, Integer evalEpisodes, Integer finalEpisodes, Integer batchPerTask, List<String> ablations,
        String goals, Double alphaLr, Double rewardScale) {

    static final List<String> METHODS = List.of("d2r", "mtsac", "mhsac", "softmod");

    static final String USAGE = String.join("\n",
            "Usage: bin/d2r train --local --preset smoke|mt10-rand|mt10-fixed [options]",
            "",
            "Trains D2R (or a baseline) on Meta-World in this one process with an in-memory replay:",
            "no broker, no Flink. Writes a run folder with metrics.csv, evaluations.csv, config.json and",
            "success.png.",
            "",
            "Options:",
            "  --preset NAME        smoke | mt10-rand | mt10-fixed (required); smoke is a tiny D2R on",
            "                       MT10 for a few minutes, mt10-* the paper's setting (1.5M steps/task)",
            "  --tasks A,B,...      Meta-World task names (e.g. reach-v2,push-v2) instead of the preset's",
            "  --method NAME        d2r (default) | mtsac | mhsac | softmod",
            "  --seed S             seed (default 1)",
            "  --run-dir DIR        run folder (default runs/<preset>-<timestamp>)",
            "  --steps N            environment steps per task, warm-up included (default: the preset's)",
            "  --eval-every N       environment steps per task between evaluations (default: the preset's)",
            "  --eval-episodes N    evaluation episodes per task (default: the preset's)",
            "  --final-episodes M   episodes per task of the last policy's evaluation at the end of the budget",
            "                       (default: 100 as in the paper; smoke: its evaluation episodes)",
            "  --goals fixed|rand   goal configurations (default: the preset's; smoke and mt10-rand: rand)",
            "  --batch-per-task N   rows per task in one update (default: the preset's; paper 128)",
            "  --alpha-lr X         Adam learning rate of the per-task log alpha (default: the preset's; paper 1e-4)",
            "  --reward-scale X     reward multiplier in the TD target (default: the preset's; paper 0.1)",
            "  --ablation NAME      a section-7 ablation of D2R, repeatable: hard, soft, top-k=<k>,",
            "                       no-resrouting, paper-resrouting, paper-mask-out, target-routing,",
            "                       no-samplek, no-route-balancing, modules=<n>, task-only-routing,",
            "                       and the routing granularities layer-level, model-level (d2r-core/README.md)",
            "  --help               this text",
            "");

    LocalTrainOptions {
        tasks = tasks == null ? null : List.copyOf(tasks);
        ablations = ablations == null ? List.of() : List.copyOf(ablations);
    }

    /** Thrown for a bad command line; the message names the problem and the fix. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Parses the arguments after {@code train}; {@code --local} itself is accepted and ignored. */
    static LocalTrainOptions parse(String[] args) throws UsageException {
        String preset = null;
        List<String> tasks = null;
        String method = "d2r";
        long seed = 1;
        Path runDir = null;
        Long steps = null;
        Long evalEvery = null;
        Integer evalEpisodes = null;
        Integer finalEpisodes = null;
        Integer batchPerTask = null;
        List<String> ablations = new ArrayList<>();
        String goals = null;
        Double alphaLr = null;
        Double rewardScale = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
            switch (name) {
                case "--local" -> { }
                case "--preset" -> preset = value(args, i++, name, inline).toLowerCase(Locale.ROOT);
                case "--tasks" -> tasks = taskList(value(args, i++, name, inline));
                case "--method" -> method = value(args, i++, name, inline).toLowerCase(Locale.ROOT);
                case "--seed" -> seed = longValue(value(args, i++, name, inline), name, Long.MIN_VALUE);
                case "--run-dir" -> runDir = Path.of(value(args, i++, name, inline));
                case "--steps" -> steps = longValue(value(args, i++, name, inline), name, 1);
                case "--eval-every" -> evalEvery = longValue(value(args, i++, name, inline), name, 1);
                case "--eval-episodes" -> evalEpisodes =
                        (int) longValue(value(args, i++, name, inline), name, 1);
                case "--final-episodes" -> finalEpisodes =
                        (int) longValue(value(args, i++, name, inline), name, 1);
                case "--batch-per-task" -> batchPerTask =
                        (int) longValue(value(args, i++, name, inline), name, 1);
                case "--goals" -> goals = value(args, i++, name, inline).toLowerCase(Locale.ROOT);
                case "--alpha-lr" -> alphaLr = positiveDouble(value(args, i++, name, inline), name);
                case "--reward-scale" -> rewardScale = positiveDouble(value(args, i++, name, inline), name);
                case "--ablation" -> ablations.add(value(args, i++, name, inline).toLowerCase(Locale.ROOT));
                default -> throw new UsageException("unknown option '" + a
                        + "'. See 'bin/d2r train --local --help' for the options.");
            }
            if (inline != null) {
                i--; // value() consumed no separate argument
            }
        }
        if (preset == null) {
            throw new UsageException("--preset is required: use --preset smoke, mt10-rand or mt10-fixed");
        }
        if (!METHODS.contains(method)) {
            throw new UsageException("unknown --method '" + method + "': use one of "
                    + String.join(", ", METHODS));
        }
        if (!ablations.isEmpty() && !method.equals("d2r")) {
            throw new UsageException("--ablation changes D2R; it does not apply to --method " + method);
        }
        if (goals != null && !goals.equals("fixed") && !goals.equals("rand")) {
            throw new UsageException("--goals must be fixed or rand, got '" + goals + "'");
        }
        return new LocalTrainOptions(preset, tasks, method, seed, runDir, steps, evalEvery, evalEpisodes, finalEpisodes,
                batchPerTask, ablations, goals, alphaLr, rewardScale);
    }

    static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    private static String value(String[] args, int i, String name, String inline) throws UsageException {
        if (inline != null) {
            if (inline.isEmpty()) {
                throw new UsageException(name + " needs a value, e.g. " + name + "=...");
            }
            return inline;
        }
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new UsageException(name + " needs a value. See 'bin/d2r train --local --help'.");
        }
        return args[i + 1];
    }

    private static double positiveDouble(String s, String name) throws UsageException {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, e.g. " + name + " 3e-4; got '" + s + "'");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new UsageException(name + " must be a positive finite number, got " + s);
        }
        return v;
    }

    private static long longValue(String s, String name, long min) throws UsageException {
        long v;
        try {
            v = Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + s + "'");
        }
        if (v < min) {
            throw new UsageException(name + " must be at least " + min + ", got " + v);
        }
        return v;
    }

    private static List<String> taskList(String s) throws UsageException {
        List<String> out = new ArrayList<>();
        for (String t : s.split(",")) {
            String name = t.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (out.contains(name)) {
                throw new UsageException("--tasks names '" + name + "' twice; list each task once");
            }
            out.add(name);
        }
        if (out.isEmpty()) {
            throw new UsageException("--tasks is empty: give comma-separated Meta-World names, "
                    + "e.g. --tasks reach-v2,push-v2");
        }
        return out;
    }
}
