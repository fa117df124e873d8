package org.d2r.infra;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What an embedded {@code train} keeps on this JVM's heap once its replay is full, said before anything
 * starts: an MT50 run with the paper's 1e7 replay outgrows the JVM's default heap (a quarter of the
 * machine) hours in, and an out-of-memory error then costs the run; a refusal at start costs a retype.
 *
 * <p>The replay's transitions are held twice in this process: by the learner's copy of the windows
 * (the batches name their rows by topic offset; about 420 bytes a transition: the Avro record, its
 * array and the ring's reference, measured in {@code TransitionWindowsTest}) and by the replay job's
 * keyed state (an offset and its boxing per transition in Flink's heap state backend, about 100 bytes).
 * Everything else (networks, Adam moments, Kafka and Flink themselves) fits in a fixed allowance (a smoke run
 * trains in a 1 GB heap), and the collector wants a quarter more than the live data.
 */
record HeapBudget(long transitions, long bytes) {

    static final long LEARNER_BYTES_PER_TRANSITION = 420;
    static final long REPLAY_JOB_BYTES_PER_TRANSITION = 100;
    static final long FIXED_BYTES = 512L << 20;
    /** Room the collector needs beyond the live data. */
    static final double HEADROOM = 1.25;

    /** The heap a run needs when its windows hold {@code min(capacity, tasks x steps)} transitions. */
    static HeapBudget of(long replayCapacity, int tasks, long stepsPerTask) {
        long transitions = Math.min(replayCapacity, Math.multiplyExact((long) tasks, stepsPerTask));
        return new HeapBudget(transitions,
                FIXED_BYTES + transitions * (LEARNER_BYTES_PER_TRANSITION + REPLAY_JOB_BYTES_PER_TRANSITION));
    }

    /** Whole gigabytes to ask for, with the collector's headroom. */
    long suggestedGigabytes() {
        return Math.max(1, (long) Math.ceil(bytes * HEADROOM / (1L << 30)));
    }

    /**
     * Null when {@code maxHeap} holds the run; otherwise the refusal, naming what the run holds, what the
     * heap is and the option that fixes it (or that this machine's memory cannot).
     */
    String refusal(long maxHeap, long physicalMemory) {
        if (maxHeap == Long.MAX_VALUE || bytes * HEADROOM <= maxHeap) return null;
        long want = suggestedGigabytes();
        String what = String.format(Locale.ROOT, "this run's replay holds up to %,d transitions, about %.1f GB of heap once full"
                + " (the learner's copy of the windows and the replay job's state, both in this process), and this JVM may use %.1f GB",
                transitions, bytes / 1e9, maxHeap / 1e9);
        if (physicalMemory > 0 && (want << 30) > physicalMemory) {
            return what + String.format(Locale.ROOT, "; this machine has %.1f GB: run the roles on separate machines against a"
                    + " Kafka and Flink you run (README, run mode 3), or lower --steps", physicalMemory / 1e9);
        }
        return what + ": give it the heap with D2R_OPTS=-Xmx" + want + "g bin/d2r train ...";
    }

    /**
     * The heap this JVM was given (-Xmx, or the JVM's default), which is what the suggestion names. Not
     * {@code Runtime.maxMemory()}: with the parallel collector that leaves out a survivor space, so a JVM started
     * with the suggested {@code -Xmx7g} would report 6.7 GB and be refused again.
     */
    static long maxHeap() {
        com.sun.management.HotSpotDiagnosticMXBean hotspot =
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        if (hotspot != null) {
            try {
                return Long.parseLong(hotspot.getVMOption("MaxHeapSize").getValue());
            } catch (IllegalArgumentException e) {
                // not a HotSpot JVM after all: what the runtime says
            }
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** The machine's memory, or 0 where the JVM cannot tell. */
    static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }
}
