package org.d2r.learner.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.d2r.cli.Cli;
import org.d2r.cli.RunOptions;
import org.d2r.roles.options.RoleOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The learner's options that {@code train --local} and {@code train-offline} share (one mixin, so the offline run
 * takes exactly the online run's learner settings), checked into a {@link LocalTrainOptions}.
 */
final class LearnerOptions extends RunOptions.Checked {

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

    /** The checked options with the budget options of the command that mixes these in (null: the preset's). */
    LocalTrainOptions options(Long steps, Long evalEvery, Long finalEpisodes) {
        String p = preset.given();
        if (p == null) throw Cli.usage(mixee, "--preset is required: use --preset smoke, mt10-rand or mt10-fixed");
        String m = method.given() != null ? method.given() : "d2r";
        if (!LocalTrainOptions.METHODS.contains(m)) {
            throw Cli.usage(mixee, "unknown --method '" + m + "': use one of " + String.join(", ", LocalTrainOptions.METHODS));
        }
        List<String> abl = ablations.names();
        if (!abl.isEmpty() && !m.equals("d2r")) {
            throw Cli.usage(mixee, "--ablation changes D2R; it does not apply to --method " + m);
        }
        String g = goals == null ? null : goals.toLowerCase(Locale.ROOT);
        if (g != null && !g.equals("fixed") && !g.equals("rand")) {
            throw Cli.usage(mixee, "--goals must be fixed or rand, got '" + goals + "'");
        }
        return new LocalTrainOptions(p, tasks.given() == null ? null : taskList(tasks.given()), m, seed.orElse(1), runDir,
                atLeast(1, "--steps", steps), atLeast(1, "--eval-every", evalEvery), intAtLeast1("--eval-episodes", evalEpisodes),
                intAtLeast1("--final-episodes", finalEpisodes), intAtLeast1("--batch-per-task", batchPerTask), abl, g,
                positive("--alpha-lr", alphaLr), positive("--reward-scale", rewardScale));
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

    /** The names as given (their checks against Meta-World come with the plan); each task once. */
    private List<String> taskList(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.split(",")) {
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
}
