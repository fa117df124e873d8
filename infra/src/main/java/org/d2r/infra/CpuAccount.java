package org.d2r.infra;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * CPU seconds spent by each part of the pipeline between two snapshots: this JVM's threads grouped
 * by what they do (their names), the rest of this JVM (garbage collection, JIT: process time not
 * owed to a live thread) and the broker's child process. Wall-clock rates on a shared 2-core machine
 * move with the load; CPU seconds per transition say what each part costs whatever else runs.
 */
final class CpuAccount {

    private static final String STEPPING_THREAD = "env-producers-";
    private static final String SAMPLER = "cpu-account-sampler";

    /** Components in print order, each with the thread names that belong to it (the first match wins). */
    private static final List<Map.Entry<String, Predicate<String>>> GROUPS = List.of(
            // first: the monitor's own Kafka clients' threads carry its name too
            Map.entry("run monitor (Kafka Streams, HTTP, page reads)", n -> n.contains(BenchMonitor.THREADS)),
            Map.entry("environments + acting + producer (stepping thread)", n -> n.startsWith(STEPPING_THREAD)),
            Map.entry("Kafka producer I/O", n -> n.startsWith("kafka-producer-network-thread") || n.startsWith("transitions-publisher-")),
            Map.entry("Flink source + decode", n -> n.startsWith("Source")),
            Map.entry("Flink replay windows (sampling)", n -> n.startsWith("task-replay-window")),
            Map.entry("Flink batch assembly + sink", n -> n.startsWith("batch-assembler")),
            Map.entry("batch consumer (counting)", n -> n.startsWith("batch-counter")),
            Map.entry("Flink runtime + Kafka clients (other threads)", n -> true));

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long brokerPid;
    /** Per live thread id: CPU nanoseconds at start, and the name and CPU time last seen. */
    private final Map<Long, Long> atStart = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastSeen = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private long processStart;
    private long brokerStart;
    private volatile boolean sampling;
    private Thread sampler;
    /** The stepping thread's scheduler statistics at start and as last seen (it ends before stop). */
    private SchedStat steppingStart = SchedStat.NONE;
    private volatile SchedStat steppingLast = SchedStat.NONE;
    private Path steppingFile;
    /** The JVM's own threads (compilers, collector), which the management API does not list: tid -> [kind, ticks]. */
    private Map<String, long[]> vmStart = Map.of();

    CpuAccount(long brokerPid) {
        this.brokerPid = brokerPid;
    }

    /**
     * Starts counting. Threads that end before {@link #stop()} (the producers' loop, the counting
     * consumer) keep the CPU time last seen by a sampler that looks every 50 ms.
     */
    void start() { // once per account
        steppingFile = SchedStat.threadNamed(STEPPING_THREAD);
        sample();
        atStart.putAll(lastSeen);
        steppingStart = steppingLast;
        processStart = processCpuNanos();
        brokerStart = brokerCpuNanos();
        vmStart = vmThreadTicks();
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                sample();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, SAMPLER);
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) continue;
            long now = threads.getThreadCpuTime(t.getThreadId());
            if (now < 0) continue;
            if (t.getThreadName().startsWith(STEPPING_THREAD)) {
                // both figures of the stepping thread from one instant, or neither (it may end in between): the kernel's
                // figures read right next to the JVM's, so that the two cover one interval
                SchedStat stepping = SchedStat.of(steppingFile);
                if (stepping.onCpuNanos() <= 0) continue;
                steppingLast = stepping;
            }
            names.put(t.getThreadId(), t.getThreadName());
            lastSeen.put(t.getThreadId(), now);
        }
    }

    /** CPU seconds per component since {@link #start()}, in print order. */
    Map<String, Double> stop() throws InterruptedException {
        sampling = false;
        sampler.join();
        sample();
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Predicate<String>> g : GROUPS) out.put(g.getKey(), 0.0);
        double owed = 0;
        double sampler = 0;
        for (Map.Entry<Long, Long> e : lastSeen.entrySet()) {
            double s = (e.getValue() - atStart.getOrDefault(e.getKey(), 0L)) / 1e9;
            String name = names.get(e.getKey());
            if (name.equals(SAMPLER)) {
                sampler += s;
                continue;
            }
            owed += s;
            out.merge(GROUPS.get(kind(GROUPS, name)).getKey(), s, Double::sum); // the last group takes any name
        }
        double process = (processCpuNanos() - processStart) / 1e9;
        double[] vm = new double[VM_KINDS.size()];
        for (Map.Entry<String, long[]> e : vmThreadTicks().entrySet()) {
            // a compiler or collector thread started meanwhile (JDK 17 adds them on demand) counts from 0; one that
            // ended before stop is not seen here and stays in "rest"
            long[] before = vmStart.getOrDefault(e.getKey(), new long[] {e.getValue()[0], 0});
            if (before[0] == e.getValue()[0]) vm[(int) before[0]] += (e.getValue()[1] - before[1]) / 100.0;
        }
        for (int k = 0; k < vm.length; k++) out.put(VM_KINDS.get(k).getKey(), vm[k]);
        out.put("this account's own sampler", sampler);
        out.put("rest of this JVM (other VM threads, threads missed by the sampler)",
                Math.max(0, process - owed - sampler - java.util.Arrays.stream(vm).sum()));
        out.put("Kafka broker (child JVM)", (brokerCpuNanos() - brokerStart) / 1e9);
        return out;
    }

    /**
     * The stepping thread between start and its last sample: CPU time, time runnable but waiting for a
     * core, and (process-wide, over the same interval, not up to stop: the bench waits for the last batches
     * after the producers finished) the collectors' pause time; NONE where Linux keeps no per-thread statistics.
     */
    SchedStat stepping() {
        return steppingLast.since(steppingStart);
    }

    /** The JVM's own threads by kernel name (first 15 characters): the JIT's compilers and the collector's workers. */
    private static final List<Map.Entry<String, Predicate<String>>> VM_KINDS = List.of(
            Map.entry("JIT compilers (C1, C2)", n -> n.startsWith("C1 CompilerThre") || n.startsWith("C2 CompilerThre")),
            Map.entry("garbage collector (GC threads, VM thread)", n -> n.startsWith("GC Thread") || n.equals("VM Thread")
                    || n.startsWith("G1 ") || n.startsWith("ParGC")));

    /** Per JVM thread of a known kind, in /proc/self/task: its kind and its utime + stime in clock ticks (10 ms). */
    private static Map<String, long[]> vmThreadTicks() {
        Map<String, long[]> out = new java.util.HashMap<>();
        try (java.nio.file.DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int k = kind(VM_KINDS, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                    if (k >= 0) out.put(task.getFileName().toString(), new long[] {k, ticks(stat)});
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc: no VM threads to count
        }
        return out;
    }

    private static int kind(List<Map.Entry<String, Predicate<String>>> kinds, String name) {
        for (int k = 0; k < kinds.size(); k++) if (kinds.get(k).getValue().test(name)) return k;
        return -1;
    }

    /** utime + stime in a /proc stat line, in clock ticks (10 ms). */
    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of the broker from /proc (clock ticks of 10 ms on Linux), 0 where unreadable. */
    private long brokerCpuNanos() {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(brokerPid), "stat"))) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
