package org.d2r.metaworld;

import java.nio.file.Path;

/**
 * Settings of one environment instance.
 *
 * @param maxPathLength episode limit in steps (Meta-World's own is 500; the D2R paper uses 200).
 *     The step that reaches it returns {@code truncated = true}; a further step is an error unless
 *     {@code autoReset}.
 * @param seed experiment seed; with {@code envIndex} and the task name it determines the
 *     environment's random stream, so equal settings give bit-identical trajectories
 * @param envIndex index of this environment among those sharing a seed (e.g. producer replica)
 * @param autoReset reset automatically when the limit is reached; the new episode's first
 *     observation is returned in {@link StepResult#resetObs()}
 * @param assets Meta-World's {@code assets_v2} folder, or null to locate it (see {@link Assets})
 */
public record EnvConfig(int maxPathLength, GoalMode goalMode, long seed, int envIndex, boolean autoReset,
                        Path assets) {

    /** Meta-World's own limit, and the highest accepted. */
    public static final int METAWORLD_MAX_PATH_LENGTH = 500;
    public static final int PAPER_MAX_PATH_LENGTH = 200;

    public EnvConfig {
        if (maxPathLength < 1 || maxPathLength > METAWORLD_MAX_PATH_LENGTH) {
            throw new IllegalArgumentException("maxPathLength must be in 1.." + METAWORLD_MAX_PATH_LENGTH
                    + " (Meta-World's limit), got " + maxPathLength);
        }
        if (goalMode == null) {
            throw new IllegalArgumentException("goalMode must be FIXED or RAND, got null");
        }
        if (envIndex < 0) {
            throw new IllegalArgumentException("envIndex must be >= 0, got " + envIndex);
        }
    }

    /** Meta-World defaults: 500 steps, Rand goals, seed 0, index 0, no auto-reset. */
    public static EnvConfig defaults() {
        return new EnvConfig(METAWORLD_MAX_PATH_LENGTH, GoalMode.RAND, 0L, 0, false, null);
    }

    /** The D2R paper's setting: 200-step episodes. */
    public static EnvConfig paper(GoalMode mode, long seed, int envIndex) {
        return new EnvConfig(PAPER_MAX_PATH_LENGTH, mode, seed, envIndex, false, null);
    }

    public EnvConfig withMaxPathLength(int n) {
        return new EnvConfig(n, goalMode, seed, envIndex, autoReset, assets);
    }

    public EnvConfig withEnvIndex(int i) {
        return new EnvConfig(maxPathLength, goalMode, seed, i, autoReset, assets);
    }
}
