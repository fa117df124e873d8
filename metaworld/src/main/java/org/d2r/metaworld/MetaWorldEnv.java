package org.d2r.metaworld;

/**
 * One Meta-World V2 task instance (goal-observable, 39-dim observation, 4-dim action in [-1, 1]).
 * Not thread-safe; one thread per environment. Close it to free its MuJoCo memory.
 */
public interface MetaWorldEnv extends AutoCloseable {

    int OBS_DIM = 39;
    int ACTION_DIM = 4;

    /** Starts a new episode and returns its first observation. */
    double[] reset();

    /**
     * Advances one step. Actions with NaN or infinity are rejected; xyz components are clipped to
     * [-1, 1] as Meta-World does, the gripper component goes to the actuators as given (MuJoCo
     * clamps it to the control range).
     *
     * @throws IllegalStateException before the first reset, or past the episode limit without
     *     auto-reset
     */
    StepResult step(double[] action);

    int episodeStep();

    String taskName();

    EnvConfig config();

    /** The goal position of the current episode (the observation's last three entries). */
    double[] targetPos();

    @Override
    void close();
}
