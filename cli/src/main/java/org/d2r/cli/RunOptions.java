package org.d2r.cli;

import java.util.Locale;
import org.d2r.schemas.Topics;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The run-wide options, one mixin each ({@code @Mixin RunOptions.Seed seed;}) so that every command
 * spells them the same way and takes only the ones that mean something to it. Values are null when not
 * given: the defaults differ between commands (a producer defaults to MT10, train to its preset's
 * benchmark), so each command names its own default where it reads the value.
 *
 * <p>{@link Tasks} and {@link Preset} declare {@code --tasks} and {@code --preset} and hand back what was
 * typed; checking a value against Meta-World's tasks or the learner's presets needs those modules, so that
 * is added by roles' {@code RoleOptions} subclasses. The replay job, whose jar carries neither, takes these
 * as they are and reads only the task count and its own preset table.
 */
public final class RunOptions {

    private RunOptions() {}

    /** A mixin whose value is checked after parsing: the command that mixes it in, for the usage errors found. */
    public abstract static class Checked {
        @Spec(Spec.Target.MIXEE)
        protected CommandSpec mixee;
    }

    public static class Tasks extends Checked {
        @Option(names = "--tasks", paramLabel = "mt10|mt50|a,b,c",
                description = "Meta-World tasks: mt10, mt50 or names such as reach-v2,push-v2; task id = position in the list")
        String spec;

        public String given() {
            return spec;
        }
    }

    public static class Preset extends Checked {
        @Option(names = "--preset", paramLabel = "NAME",
                description = "configuration preset: smoke, mt10-rand, mt10-fixed, mt50-rand, mt50-fixed")
        String name;

        /** As given, lower-cased, or null. */
        public String given() {
            return name == null ? null : name.toLowerCase(Locale.ROOT);
        }
    }

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

    public static final class TopicPrefix {
        @Option(names = "--topic-prefix", paramLabel = "P", description = "topic names behind a prefix: P + transitions, "
                + "replay-batches, ... (default none)")
        String prefix = "";

        public String given() {
            return prefix;
        }

        /** The run's topic names; a prefix that makes an invalid name is an {@link IllegalArgumentException}. */
        public Topics topics() {
            return Topics.withPrefix(prefix);
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
