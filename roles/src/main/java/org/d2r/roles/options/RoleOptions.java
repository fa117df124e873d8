package org.d2r.roles.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.d2r.cli.Cli;
import org.d2r.cli.RunOptions;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.LearnerConfig;
import org.d2r.metaworld.MetaWorld;
import picocli.CommandLine.Option;

/**
 * The run-wide options whose values are checked against Meta-World or the learner's configuration, one
 * mixin each ({@code @Mixin RoleOptions.Tasks tasks;}). {@link Tasks} and {@link Preset} add those checks to
 * the plain options of {@code org.d2r.cli.RunOptions}, which declare them once: a command without Meta-World
 * or the learner (the replay job) uses the plain ones under the same names.
 */
public final class RoleOptions {

    private RoleOptions() {}

    /** {@code --tasks mt10|mt50|a,b,c}, read as Meta-World's task list. */
    public static final class Tasks extends RunOptions.Tasks {

        /** The task list, or {@code fallback}'s (a benchmark name or a list) when not given; a bad one is a usage error. */
        public List<String> list(String fallback) {
            String s = given() != null ? given() : fallback;
            if (s == null) throw Cli.usage(mixee, "--tasks is required: give mt10, mt50 or names such as reach-v2,push-v2");
            return Cli.checked(mixee, "--tasks: ", () -> MetaWorld.parseTaskList(s));
        }
    }

    /** {@code --preset NAME}, read as a {@link LearnerConfig} preset. */
    public static final class Preset extends RunOptions.Preset {

        /** The preset, or {@code fallback}; an unknown name is a usage error naming the valid ones. */
        public String name(String fallback) {
            String p = given() != null ? given() : fallback;
            if (p == null) throw Cli.usage(mixee, "--preset is required: use one of " + String.join(", ", LearnerConfig.PRESETS));
            if (!LearnerConfig.PRESETS.contains(p)) {
                throw Cli.usage(mixee, "unknown --preset '" + p + "'; valid: " + String.join(", ", LearnerConfig.PRESETS));
            }
            return p;
        }
    }

    /** The producers' or evaluator's tasks, each built into Meta-World, unmodifiable; a missing one or run id names its option. */
    public static List<String> runTasks(String runId, List<String> tasks) {
        if (runId == null || runId.isBlank()) throw new IllegalArgumentException("run id missing: pass --run-id NAME");
        if (tasks == null || tasks.isEmpty()) throw new IllegalArgumentException("no tasks: pass --tasks mt10 or a,b,c");
        tasks.forEach(MetaWorld::check);
        return List.copyOf(tasks);
    }

    /** {@code --method d2r|mtsac|mhsac|softmod|care|paco}: D2R or a baseline of the paper's Table 1. */
    public static final class MethodOption extends RunOptions.Checked {
        @Option(names = "--method", paramLabel = "M",
                description = "network trained: d2r (default), or a baseline of the paper's Table 1: mtsac, mhsac, softmod, care, paco")
        String name;

        public String given() {
            return name == null ? null : name.toLowerCase(Locale.ROOT);
        }

        public Method method(String fallback) {
            return Cli.checked(mixee, () -> Method.parse(given() != null ? given() : fallback));
        }
    }

    /** {@code --ablation NAME}, repeatable: section-7 ablations of D2R ({@code LearnerConfig.withAblation}). */
    public static final class Ablations {
        @Option(names = "--ablation", paramLabel = "NAME",
                description = "a section-7 ablation of D2R, repeatable: hard, soft, top-k=<k>, no-resrouting, paper-resrouting, "
                        + "paper-mask-out, target-routing, no-samplek, no-route-balancing, modules=<n>, task-only-routing, "
                        + "layer-level, model-level (d2r-core/README.md)")
        List<String> names = new ArrayList<>();

        public List<String> names() {
            return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        }
    }
}
