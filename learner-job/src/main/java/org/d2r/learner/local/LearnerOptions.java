package org.d2r.learner.local;

import static org.d2r.core.config.LearnerConfig.PAPER_FINAL_EPISODES;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.d2r.cli.Cli;
import org.d2r.cli.RunOptions;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.metaworld.GoalMode;
import org.d2r.roles.RunConfig;
import org.d2r.roles.options.RoleOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The learner's options that {@code train --local} and {@code train-offline} share (one mixin, so the offline run
 * takes exactly the online run's learner settings), checked and resolved into a {@link LocalPlan}. Optional values
 * are null when not given, so the preset's own value applies. Also what their --resume reads back: the command line a
 * run was started with.
 */
final class LearnerOptions extends RunOptions.Checked {

    /** Every method trains locally: all are built the pipeline's way ({@code LearnerNetworks}). */
    static final List<String> METHODS = Arrays.stream(Method.values()).map(Method::cliName).toList();
    static final int REPLAY_PER_TASK = 100_000;

    @Mixin
    RoleOptions.Preset preset;
    @Mixin
    RoleOptions.Tasks tasks;
    @Mixin
    RoleOptions.MethodOption method;
    @Mixin
    RunOptions.Seed seed;
    @Mixin
    RoleOptions.Ablations ablations;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "run folder (default runs/<preset>-<timestamp>)")
    Path runDir;
    @Option(names = "--eval-episodes", paramLabel = "N", description = "evaluation episodes per task (default: the preset's)")
    Long evalEpisodes;
    @Option(names = "--goals", paramLabel = "fixed|rand", description = "goal configurations (default: the preset's; smoke and mt10-rand: rand)")
    String goals;
    @Option(names = "--batch-per-task", paramLabel = "N", description = "rows per task in one update (default: the preset's; paper 128)")
    Long batchPerTask;
    @Option(names = "--alpha-lr", paramLabel = "X",
            description = "Adam learning rate of the per-task log alpha (default: the preset's; paper 1e-4)")
    Double alphaLr;
    @Option(names = "--reward-scale", paramLabel = "X", description = "reward multiplier in the TD target (default: the preset's; paper 0.1)")
    Double rewardScale;

    /**
     * The run these options give with the budget options of the command that mixes these in (null: the preset's). Starts
     * from the project's named configuration ({@link LearnerConfig#preset}: the paper's MT10 setting for mt10-rand /
     * mt10-fixed, a tiny D2R on MT10 for smoke), applies the ablations, then the command line: tasks (task ids follow
     * their order), budget, evaluation, batch. The replay keeps 1e6 / 10 transitions per task as in the paper's MT10
     * runs. A short run's warm-up is capped at a fifth of its steps so that learning still happens.
     *
     * @throws IllegalArgumentException naming the bad option (a usage error to the commands), after the checks of the
     *                                  options alone, which are usage errors here
     */
    LocalPlan plan(Long steps, Long evalEvery, Long finalEpisodes) {
        String p = preset();
        String m = method();
        if (!METHODS.contains(m)) throw Cli.usage(mixee, "unknown --method '" + m + "': use one of " + String.join(", ", METHODS));
        List<String> abl = ablations.names();
        if (!abl.isEmpty() && !m.equals("d2r")) {
            throw Cli.usage(mixee, "--ablation changes D2R; it does not apply to --method " + m);
        }
        String g = goals == null ? null : goals.toLowerCase(Locale.ROOT);
        if (g != null && !g.equals("fixed") && !g.equals("rand")) {
            throw Cli.usage(mixee, "--goals must be fixed or rand, got '" + goals + "'");
        }
        taskList(); // a task named twice or none: a usage error before the values' checks
        long seed = this.seed.orElse(1);
        atLeast(1, "--steps", steps);
        atLeast(1, "--eval-every", evalEvery);
        Integer evalEpisodes = intAtLeast1("--eval-episodes", this.evalEpisodes);
        Integer finals = intAtLeast1("--final-episodes", finalEpisodes);
        Integer batchPerTask = intAtLeast1("--batch-per-task", this.batchPerTask);
        positive("--alpha-lr", alphaLr);
        positive("--reward-scale", rewardScale);

        Method method = Method.parse(m);
        if (!LearnerConfig.PRESETS.contains(p)) {
            throw new IllegalArgumentException("unknown --preset '" + p + "': use one of " + String.join(", ", LearnerConfig.PRESETS));
        }
        LearnerConfig base = LearnerConfig.preset(p);
        for (String a : abl) base = base.withAblation(a);
        // the preset's benchmark (MT10 or MT50) unless --tasks names one or a list
        List<String> tasks = this.tasks.list(base.benchmark());
        int n = tasks.size();
        long stepsPerTask = steps != null ? steps : base.stepsPerTask();
        int evalEps = evalEpisodes != null ? evalEpisodes : base.evalEpisodes();
        SacConfig s = method.update(base.sac(), base.paperPreset());
        int warmup = (int) Math.min(s.warmupStepsPerTask(), Math.max(1, stepsPerTask / 5));
        SacConfig sac = s.toBuilder().tasks(n).batchPerTask(batchPerTask != null ? batchPerTask : s.batchPerTask())
                .rewardScale(rewardScale != null ? rewardScale : s.rewardScale()).alphaLr(alphaLr != null ? alphaLr : s.alphaLr())
                .warmup(warmup, (int) Math.min(s.minTransitions(), (long) warmup * n)).build();
        boolean fixed = g != null ? g.equals("fixed") : base.fixedGoals();
        return new LocalPlan(base.name(), method, tasks, fixed ? GoalMode.FIXED : GoalMode.RAND, seed, base.episodeSteps(),
                stepsPerTask, evalEvery != null ? evalEvery : base.evalEverySteps(), evalEps,
                finals != null ? finals : p.equals("smoke") ? evalEps : PAPER_FINAL_EPISODES, REPLAY_PER_TASK, base.net(), sac);
    }

    String preset() {
        String p = preset.given();
        if (p == null) throw Cli.usage(mixee, "--preset is required: use --preset smoke, mt10-rand or mt10-fixed");
        return p;
    }

    private String method() {
        return method.given() != null ? method.given() : "d2r";
    }

    /** The train-offline command line that replays a recording with these learner settings. */
    String replayCommand(Path record) {
        StringBuilder sb = new StringBuilder("bin/d2r train-offline --from " + record + " --preset " + preset());
        if (tasks.given() != null) sb.append(" --tasks ").append(String.join(",", taskList()));
        if (!method().equals("d2r")) sb.append(" --method ").append(method());
        for (String a : ablations.names()) sb.append(" --ablation ").append(a);
        if (batchPerTask != null) sb.append(" --batch-per-task ").append(batchPerTask);
        if (alphaLr != null) sb.append(" --alpha-lr ").append(alphaLr);
        if (rewardScale != null) sb.append(" --reward-scale ").append(rewardScale);
        return sb.append(" --seed ").append(seed.orElse(1)).toString();
    }

    /** {@code v} of the option {@code name} (null: not given); below {@code min} is a usage error, here and in train-offline's own. */
    Long atLeast(long min, String name, Long v) {
        if (v != null && v < min) throw Cli.usage(mixee, name + " must be at least " + min + ", got " + v);
        return v;
    }

    private Integer intAtLeast1(String name, Long v) {
        atLeast(1, name, v);
        if (v != null && v > Integer.MAX_VALUE) throw Cli.usage(mixee, name + " is out of range: " + v);
        return v == null ? null : v.intValue();
    }

    Double positive(String name, Double v) {
        if (v != null && (!(v > 0) || Double.isInfinite(v))) {
            throw Cli.usage(mixee, name + " must be a positive finite number, got " + v);
        }
        return v;
    }

    /** The names as given, null without --tasks (their checks against Meta-World come with the plan); each task once. */
    private List<String> taskList() {
        if (tasks.given() == null) return null;
        List<String> out = new ArrayList<>();
        for (String t : tasks.given().split(",")) {
            String name = t.trim();
            if (name.isEmpty()) continue;
            if (out.contains(name)) throw Cli.usage(mixee, "--tasks names '" + name + "' twice; list each task once");
            out.add(name);
        }
        if (out.isEmpty()) {
            throw Cli.usage(mixee, "--tasks is empty: give comma-separated Meta-World names, e.g. --tasks reach-v2,push-v2");
        }
        return out;
    }

    /**
     * The config.json of the run in {@code dir} ({@code command}, the mode as users name it, is for the messages); one
     * without the arguments, or without what {@code complete} asks, is from a version that cannot be resumed.
     */
    static RunConfig startedRun(Path dir, String command, Predicate<RunConfig> complete) {
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException(config + " is missing: give the run folder of a " + command + " run");
        }
        RunConfig doc;
        try {
            doc = RunConfig.read(config);
        } catch (IOException e) {
            throw new IllegalArgumentException(config + " cannot be read: " + e.getMessage());
        }
        if (doc.args() == null || !complete.test(doc)) {
            throw new IllegalArgumentException(config + " has no 'args': the run was started by an earlier version, which"
                    + " cannot be resumed; start it afresh");
        }
        return doc;
    }

    /**
     * {@code args} without the options {@code names}, each with its value ({@code --x v} or {@code --x=v}); the values
     * taken out go to {@code values}, the last of a repeated option winning as on the command line.
     */
    static List<String> without(List<String> args, Set<String> names, Map<String, String> values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!names.contains(name)) {
                out.add(a);
            } else if (a.contains("=")) {
                values.put(name, a.substring(name.length() + 1));
            } else if (++i < args.size()) {
                values.put(name, args.get(i));
            }
        }
        return out;
    }
}
