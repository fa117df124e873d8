package org.d2r.roles;

import java.time.Duration;

/**
 * A running role of the pipeline (producers, learner, evaluator): it works on its own thread from its
 * {@code start} until its budget is spent, it fails, or it is closed. {@link Roles} stops a run's roles.
 */
public interface Role extends AutoCloseable {

    /** Waits up to {@code timeout} for the role to be done (its budget spent, failed or closed). */
    boolean awaitFinished(Duration timeout) throws InterruptedException;

    /** What stopped the role by itself, or null. */
    Throwable failure();

    /** Stops the role, keeping what it did; a second call, from any thread, does nothing more. */
    @Override
    void close();
}
