package org.d2r.evaluator;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.d2r.metaworld.GoalMode;
import org.d2r.roles.options.RoleOptions;
import org.d2r.schemas.Topics;
import org.d2r.schemas.kafka.KafkaSettings;

/**
 * @param topics      policy-snapshots read, eval-results written
 * @param tasks       task names; a task's id is its position (as for the producers)
 * @param goalMode    Rand: the evaluator's own goal stream (env index {@link #RAND_ENV_INDEX}); Fixed:
 *                    env index 0, the fixed goals the producers train on
 * @param seed        environment seed (the same as the producers' for Fixed goals)
 * @param evalEvery   evaluate the first snapshot at or past every multiple of this many updates
 * @param episodes    episodes per task per evaluation (M)
 * @param episodeSteps episode limit
 * @param runDir      where evaluations.csv and success.png go
 */
public record EvaluatorConfig(KafkaSettings kafka, Topics topics, String runId, List<String> tasks, GoalMode goalMode,
                              long seed, long evalEvery, int episodes, int episodeSteps, Path runDir) {

    /** Far from the producers' indices 0..envsPerTask-1, so Rand goals never repeat theirs. */
    public static final int RAND_ENV_INDEX = 1_000_000;

    public EvaluatorConfig {
        Objects.requireNonNull(kafka, "kafka settings");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(goalMode, "goal mode");
        Objects.requireNonNull(runDir, "run folder: pass --run-dir DIR");
        tasks = RoleOptions.runTasks(runId, tasks);
        if (evalEvery < 1) throw new IllegalArgumentException("evaluation interval must be >= 1 update, got " + evalEvery);
        if (episodes < 1) throw new IllegalArgumentException("episodes per task must be >= 1, got " + episodes);
        if (episodeSteps < 1) throw new IllegalArgumentException("episode steps must be >= 1, got " + episodeSteps);
    }

    int envIndex() {
        return goalMode == GoalMode.FIXED ? 0 : RAND_ENV_INDEX;
    }
}
