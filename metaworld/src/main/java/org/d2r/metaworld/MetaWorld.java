package org.d2r.metaworld;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.d2r.metaworld.tasks.Tasks;

/**
 * Entry point: {@code try (MetaWorldEnv env = MetaWorld.make("reach-v2", EnvConfig.defaults()))}.
 * Environments are goal-observable (Meta-World's MT setting, {@code partially_observable=False}).
 */
public final class MetaWorld {

    /** Every task, the MT10 ones first in MT10's order. */
    private static final Set<String> NAMES = new LinkedHashSet<>(
            Stream.concat(Mt10.TASKS.stream(), Mt50.TASKS.stream()).toList());

    private MetaWorld() {}

    /**
     * Builds a task environment. Call {@link MetaWorldEnv#reset()} before stepping.
     *
     * @throws IllegalArgumentException for an unknown task (the message lists the valid ones)
     * @throws IllegalStateException when the scene assets cannot be found
     */
    public static MetaWorldEnv make(String taskName, EnvConfig cfg) {
        if (cfg == null) {
            throw new IllegalArgumentException("EnvConfig is null; use EnvConfig.defaults() or EnvConfig.paper(...)");
        }
        check(taskName);
        return Tasks.create(taskName, cfg);
    }

    /** Refuses a task name this build does not know (an IllegalArgumentException naming the valid ones). */
    public static void check(String task) {
        if (!NAMES.contains(task)) {
            throw new IllegalArgumentException("Unknown Meta-World task '" + task + "'. Valid tasks: "
                    + String.join(", ", NAMES));
        }
    }

    /**
     * Resolves "mt10", "mt50" or a comma-separated list of task names, validating each name. The list's order
     * is the run's task ids (MT10's and MT50's own orders for the benchmarks).
     */
    public static List<String> parseTaskList(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty task list: give 'mt10', 'mt50' or names such as reach-v2,push-v2");
        }
        if (spec.trim().equalsIgnoreCase("mt10")) {
            return Mt10.TASKS;
        }
        if (spec.trim().equalsIgnoreCase("mt50")) {
            return Mt50.TASKS;
        }
        List<String> names = java.util.Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
        for (String n : names) {
            check(n);
        }
        if (new java.util.HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("task list '" + spec + "' names a task twice: each task is one environment and one task id");
        }
        return names;
    }
}
