package org.d2r.metaworld;

import java.util.List;
import java.util.Set;

/**
 * Entry point: {@code try (MetaWorldEnv env = MetaWorld.make("reach-v2", EnvConfig.defaults()))}.
 * Environments are goal-observable (Meta-World's MT setting, {@code partially_observable=False}).
 */
public final class MetaWorld {

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
        return TaskRegistry.create(taskName, cfg);
    }

    /** Every task name this build knows, in MT10 order. */
    public static Set<String> taskNames() {
        return TaskRegistry.names();
    }

    /** Whether the task's class is present in this build. */
    public static boolean isImplemented(String taskName) {
        return TaskRegistry.isImplemented(taskName);
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
            TaskRegistry.check(n);
        }
        if (new java.util.HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("task list '" + spec + "' names a task twice: each task is one environment and one task id");
        }
        return names;
    }
}
