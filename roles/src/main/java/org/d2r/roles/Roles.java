package org.d2r.roles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one lifecycle of a process's roles: each is added as it starts, and all are stopped once, in the run's
 * stop order, by whichever comes first of {@link #close()} (the caller is done) and the JVM's shutdown hook
 * (Ctrl-C, SIGTERM), which this installs once. A stop request while the stop is under way hurries it (the
 * {@link #onHurry} actions) and waits for it, so that the process exits with every role stopped.
 *
 * <p>The stop order is the reverse of the start order unless the roles' names are given in stop order:
 * a pipeline starts what consumes before what produces, and stops what produces first, but not every
 * consumer is started in the reverse of the order it must stop in (train's evaluator stops after the learner
 * whose last policy it evaluates).
 */
public final class Roles implements AutoCloseable {

    /**
     * How one started role is stopped, returning what to report (null: nothing, the stop reported itself); it may
     * throw, which is reported and does not keep the others running.
     */
    public interface Stop<R> {
        String stop(R role) throws Exception;
    }

    private static final Duration HURRIED_STOP_LIMIT = Duration.ofMinutes(5);

    private final String process;
    private final List<String> stopOrder;
    private final Consumer<String> say;
    private final Consumer<String> warn;
    private final Map<String, Callable<String>> started = new LinkedHashMap<>();
    /** Copy-on-write: a hurried stop runs the actions while a starting role may still add one. */
    private final List<Runnable> hurry = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;

    private Roles(String process, List<String> stopOrder, Consumer<String> say, Consumer<String> warn) {
        this.process = process;
        this.stopOrder = List.copyOf(stopOrder);
        this.say = say;
        this.warn = warn;
        this.hook = new Thread(this::interrupt, process + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * @param process names the shutdown hook's thread and starts each report
     * @param say where "stopped X" is said
     * @param warn where a stop that failed is said
     * @param stopOrder the roles' names in the order they stop; none: the reverse of the order they start
     */
    public static Roles open(String process, Consumer<String> say, Consumer<String> warn, String... stopOrder) {
        return new Roles(process, List.of(stopOrder), say, warn);
    }

    /** A started role, stopped with its own {@code close()}. */
    public synchronized <R extends AutoCloseable> R add(String name, R role) {
        return add(name, role, r -> {
            r.close();
            return "stopped " + name;
        });
    }

    /** A started role and how to stop it (train says what each stop really did). */
    public synchronized <R> R add(String name, R role, Stop<? super R> stop) {
        if (!stopOrder.isEmpty() && !stopOrder.contains(name)) {
            throw new IllegalArgumentException(process + " has no role '" + name + "' in its stop order " + stopOrder);
        }
        Callable<String> stopIt = () -> stop.stop(role);
        if (started.putIfAbsent(name, stopIt) != null) throw new IllegalStateException(name + " was started twice");
        if (stopping.get()) {
            // stopped while this one was starting: it would outlive the stop
            stopQuietly(name, stopIt);
            throw new IllegalStateException(process + " is stopping");
        }
        return role;
    }

    /** What a stop request during the stop does to cut it short (train: end the final evaluation). */
    public void onHurry(Runnable action) {
        hurry.add(action);
    }

    /** Whether the roles were stopped, or their stop hurried, from outside (the shutdown hook, or {@link #interrupt()}). */
    public boolean interrupted() {
        return interrupted.get();
    }

    public boolean stopping() {
        return stopping.get();
    }

    /** What the shutdown hook does: stop the roles now, or hurry a stop under way and wait for it. */
    public void interrupt() {
        if (stopped.getCount() > 0) interrupted.set(true); // after a finished stop it changes nothing
        stop(true);
        removeHook();
    }

    /** Stops the roles (or waits for the stop under way), then removes the shutdown hook unless the JVM runs it. */
    @Override
    public void close() {
        stop(false);
        removeHook();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it stops the roles too, and waits for this stop
        }
    }

    private void stop(boolean hurried) {
        if (!stopping.compareAndSet(false, true)) {
            if (hurried && stopped.getCount() > 0) hurry.forEach(Runnable::run);
            try {
                stopped.await(HURRIED_STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            for (Map.Entry<String, Callable<String>> role : inStopOrder()) stopQuietly(role.getKey(), role.getValue());
        } finally {
            stopped.countDown();
        }
    }

    private synchronized List<Map.Entry<String, Callable<String>>> inStopOrder() {
        List<Map.Entry<String, Callable<String>>> roles = new ArrayList<>(started.entrySet());
        if (stopOrder.isEmpty()) {
            java.util.Collections.reverse(roles);
        } else {
            roles.sort(java.util.Comparator.comparingInt(e -> stopOrder.indexOf(e.getKey())));
        }
        return roles;
    }

    private void stopQuietly(String name, Callable<String> stop) {
        try {
            String done = stop.call();
            if (done != null) say.accept(process + ": " + done);
        } catch (Exception e) {
            warn.accept(process + ": stopping " + name + " failed: " + e);
        }
    }
}
