package org.d2r.infra;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a thread's wall time goes besides its own CPU time, from Linux's per-thread scheduler
 * statistics ({@code /proc/<pid>/task/<tid>/schedstat}: nanoseconds on a core, nanoseconds runnable
 * but waiting for one, time slices) and the JVM's collectors (pause time). The pipeline bench asks
 * it why the stepping thread gets slower when it shares the machine: it waits for a core, the
 * collector stops it, or its own work costs more.
 */
record SchedStat(long onCpuNanos, long waitingNanos, long slices, long gcMillis) {

    static final SchedStat NONE = new SchedStat(0, 0, 0, 0);

    /** The calling thread's statistics, NONE where the kernel does not keep them. */
    static SchedStat self() {
        return of(Path.of("/proc/thread-self/schedstat"));
    }

    /**
     * The statistics file of the first of this process's threads whose kernel name starts with
     * {@code prefix} (Linux keeps the first 15 characters of a Java thread's name), null where none is found.
     */
    static Path threadNamed(String prefix) {
        String kernelPrefix = prefix.length() > 15 ? prefix.substring(0, 15) : prefix;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).trim().startsWith(kernelPrefix)) return task.resolve("schedstat");
                } catch (IOException e) {
                    // that thread ended meanwhile: look at the others
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** A thread's statistics from its file ({@link #threadNamed}), NONE once the thread has ended (or for no file). */
    static SchedStat of(Path file) {
        try {
            String[] f = Files.readString(file).trim().split("\\s+");
            // the collection time of this JVM's collectors so far (the parallel collector's are stop-the-world pauses)
            long gcMillis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) gcMillis += Math.max(0, gc.getCollectionTime());
            return new SchedStat(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), gcMillis);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    SchedStat since(SchedStat before) {
        return new SchedStat(onCpuNanos - before.onCpuNanos, waitingNanos - before.waitingNanos, slices - before.slices,
                gcMillis - before.gcMillis);
    }
}
