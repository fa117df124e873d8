package org.d2r.roles;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running role of the pipeline (producers, learner, evaluator): it works on a thread of its own from its
 * {@code start} until its budget is spent, it fails, or it is closed. {@link Roles} stops a run's roles. What the
 * work threw is the role's failure, never swallowed; an interrupt stops the work without being one.
 */
public abstract class Role implements AutoCloseable {

    private final String name;
    private final String runId;
    protected final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** False once a stop began: the work returns soon after. */
    protected volatile boolean running = true;
    private volatile boolean finished;
    /** Whether a close began (guarded by this). */
    protected boolean closed;

    /**
     * @param name   the role in its thread's name and its messages
     * @param daemon whether its thread must not keep the JVM alive; if not, it is a daemon as the caller's thread is
     */
    protected Role(String name, String runId, boolean daemon) {
        this.name = name;
        this.runId = runId;
        this.thread = new Thread(this::runSafely, name + "-" + runId);
        if (daemon) thread.setDaemon(true);
    }

    protected abstract void work() throws Exception;

    /** What must happen however the work ended ({@code completed}: it returned), on its thread. */
    protected void ended(boolean completed) throws InterruptedException {
    }

    /** Says why the work stopped, unless the role's commands say it. */
    protected void stopped(Throwable t) {
        System.err.println(name + " of run '" + runId + "' stopped: " + t);
    }

    /** Starts the work of a role that is built: its thread sees it whole only from here. */
    protected static <R extends Role> R started(R role) {
        role.thread.start();
        return role;
    }

    private void runSafely() {
        boolean completed = false;
        try {
            work();
            completed = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            stopped(t);
        } finally {
            try {
                ended(completed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished = true;
        }
    }

    /** Waits up to {@code timeout} for the role to be done (its budget spent, failed or closed). */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return finished;
    }

    /** What stopped the role by itself, or null. */
    public Throwable failure() {
        return failure.get();
    }

    protected final void throwIfFailed() {
        Throwable t = failure();
        if (t != null) throw new IllegalStateException(name + " of run '" + runId + "' failed: " + t, t);
    }

    /**
     * Stops the work, waits up to {@code joinMillis} for it, releases what the role holds and throws the failure. A
     * shutdown hook and try-with-resources may both close: a second call only throws the failure.
     */
    protected final synchronized void close(long joinMillis, Runnable release) {
        if (!closed) {
            closed = true;
            running = false;
            try {
                thread.join(joinMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.run();
        }
        throwIfFailed();
    }
}
