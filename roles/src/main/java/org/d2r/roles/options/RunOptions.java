package org.d2r.roles.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.LearnerConfig;
import org.d2r.metaworld.MetaWorld;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The run-wide options, one mixin each ({@code @Mixin RunOptions.Tasks tasks;}) so that every command
 * spells and checks them the same way and takes only the ones that mean something to it. Values are null
 * when not given: the defaults differ between commands (a producer defaults to MT10, train to its preset's
 * benchmark), so each command names its own default where it reads the value.
 */
public final class RunOptions {

    private RunOptions() {}

    /** {@code --tasks mt10|mt50|a,b,c}: task id = position in the list. */
    public static final class Tasks {
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        @Option(names = "--tasks", paramLabel = "mt10|mt50|a,b,c",
                description = "Meta-World tasks: mt10, mt50 or names such as reach-v2,push-v2; task id = position in the list")
        String spec;

        /** As given, or null. */
        public String given() {
            return spec;
        }

        /** The task list, or {@code fallback}'s (a benchmark name or a list) when not given; a bad one is a usage error. */
        public List<String> list(String fallback) {
            String s = spec != null ? spec : fallback;
            if (s == null) throw Cli.usage(mixee, "--tasks is required: give mt10, mt50 or names such as reach-v2,push-v2");
            try {
                return MetaWorld.parseTaskList(s);
            } catch (IllegalArgumentException e) {
                throw Cli.usage(mixee, "--tasks: " + e.getMessage());
            }
        }
    }

    /** {@code --preset NAME}: a {@link LearnerConfig} preset. */
    public static final class Preset {
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        @Option(names = "--preset", paramLabel = "NAME",
                description = "configuration preset: smoke, mt10-rand, mt10-fixed, mt50-rand, mt50-fixed")
        String name;

        public String given() {
            return name == null ? null : name.toLowerCase(Locale.ROOT);
        }

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

    /** {@code --seed S}. */
    public static final class Seed {
        @Option(names = "--seed", paramLabel = "S", description = "seed (the default is in the command's description)")
        Long seed;

        public Long given() {
            return seed;
        }

        public long orElse(long fallback) {
            return seed != null ? seed : fallback;
        }
    }

    /** {@code --run-id NAME}: the run's key on the topics and its consumer groups. */
    public static final class RunId {
        @Option(names = "--run-id", paramLabel = "NAME", description = "the run's id (topics' keys, consumer groups)")
        String id;

        public String given() {
            return id;
        }
    }

    /** {@code --method d2r|mtsac|mhsac|softmod|care|paco}: D2R or a baseline of the paper's Table 1. */
    public static final class MethodOption {
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        @Option(names = "--method", paramLabel = "M",
                description = "network trained: d2r (default), or a baseline of the paper's Table 1: mtsac, mhsac, softmod, care, paco")
        String name;

        public String given() {
            return name == null ? null : name.toLowerCase(Locale.ROOT);
        }

        public Method method(String fallback) {
            try {
                return Method.parse(given() != null ? given() : fallback);
            } catch (IllegalArgumentException e) {
                throw Cli.usage(mixee, e.getMessage());
            }
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

    /** {@code --format table|json}: a table for people, one JSON object per line for scripts. */
    public static final class Format {
        @Option(names = "--format", paramLabel = "table|json", converter = JsonOrTable.class,
                description = "output: table (default; 'text' is the same) or json (one object per line)")
        String kind = "table";

        public boolean json() {
            return kind.equals("json");
        }

        /** 'text' was params' and learner-bench's name for the table: kept so that existing scripts run. */
        static final class JsonOrTable implements ITypeConverter<String> {
            @Override
            public String convert(String value) {
                return switch (value.toLowerCase(Locale.ROOT)) {
                    case "json" -> "json";
                    case "table", "text" -> "table";
                    default -> throw new TypeConversionException("'" + value + "' is not a format: use table or json");
                };
            }
        }
    }
}
