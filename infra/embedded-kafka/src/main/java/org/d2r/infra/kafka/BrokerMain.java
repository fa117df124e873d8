package org.d2r.infra.kafka;

import java.util.Optional;

/**
 * The child JVM's entry point: Kafka's own {@code kafka.Kafka} plus a watch on the process that started it.
 * The broker runs in a session of its own (so a terminal's Ctrl-C reaches only its owner, which stops it
 * last); without this watch a {@code kill -9} of the owner would leave it running with its ports, memory
 * and the data folder's lock.
 */
final class BrokerMain {
    private BrokerMain() {}

    static final String OWNER_PROPERTY = "d2r.broker.owner";
    private static final long POLL_MS = 500;

    public static void main(String[] args) throws Throwable {
        long owner = Long.parseLong(System.getProperty(OWNER_PROPERTY));
        // the handle remembers the owner's start time, so a reused pid does not count as the owner alive
        Optional<ProcessHandle> handle = ProcessHandle.of(owner);
        Thread watch = new Thread(() -> {
            while (handle.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("d2r: the process that started this broker (" + owner + ") is gone; shutting down");
            System.exit(0); // Kafka's shutdown hook does the controlled shutdown
        }, "d2r-owner-watch");
        watch.setDaemon(true);
        watch.start();
        try {
            Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
