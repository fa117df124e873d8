package org.d2r.learner.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.recording.TransitionFileWriter;
import org.d2r.roles.recording.TransitionFileReader;
import org.d2r.schemas.Transition;
import org.d2r.schemas.TransitionCheck;

/**
 * What a recording holds, from one pass over it. {@link #check} compares it with a plan before any
 * training starts, so a recording of other tasks or another network is refused with the fix.
 *
 * @param source        the file's {@link TransitionFileWriter#META_SOURCE}
 * @param records       transitions in the file
 * @param taskNames     recorded name per task id
 * @param perTask       transitions per task id
 * @param warmupPerTask leading uniformly random warm-up (version -1) transitions per task id
 * @param obsDims       observation size (the same in every record)
 * @param actionDims    action size (the same in every record)
 * @param pathBytes     routing-path lengths in bytes seen in the file
 * @param incompleteTailBytes bytes of a cut-off last block the reader could not use (0: complete file)
 */
record RecordingSummary(Path file, String source, long records, Map<Integer, String> taskNames, Map<Integer, Long> perTask,
                        Map<Integer, Long> warmupPerTask, int obsDims, int actionDims, List<Integer> pathBytes,
                        List<String> runIds, long incompleteTailBytes) {

    /** @throws IllegalArgumentException for a missing, empty, unreadable or inconsistent recording */
    static RecordingSummary of(Path file) throws IOException {
        Map<Integer, String> names = new TreeMap<>();
        Map<Integer, Long> counts = new TreeMap<>();
        Map<Integer, Long> warmup = new TreeMap<>();
        TreeSet<Integer> pathBytes = new TreeSet<>();
        TreeSet<String> runs = new TreeSet<>();
        int obs = -1;
        int act = -1;
        String source;
        long tail;
        try (TransitionFileReader r = TransitionFileReader.open(file)) {
            source = r.meta(TransitionFileWriter.META_SOURCE);
            Transition t = null;
            while (r.hasNext()) {
                t = r.next(t);
                long index = r.read() - 1;
                String problem = TransitionCheck.problem(t);
                if (problem != null) {
                    throw new IllegalArgumentException("recording " + file + " record #" + index + ": " + problem
                            + "; export the topic again (bin/d2r export-transitions keeps such records out)");
                }
                int id = t.getTaskId();
                String known = names.putIfAbsent(id, t.getTaskName());
                if (known != null && !known.equals(t.getTaskName())) {
                    throw new IllegalArgumentException("recording " + file + " has task id " + id + " as both '" + known
                            + "' and '" + t.getTaskName() + "' (record #" + index + "): it mixes runs with different task"
                            + " lists; export one run with 'bin/d2r export-transitions --run-id R'");
                }
                if (obs < 0) {
                    obs = t.getObs().size();
                    act = t.getAction().size();
                } else if (t.getObs().size() != obs || t.getAction().size() != act) {
                    throw new IllegalArgumentException("recording " + file + " record #" + index + " has obs=" + t.getObs().size()
                            + ", action=" + t.getAction().size() + " but the records before it obs=" + obs + ", action=" + act
                            + ": one run's transitions have one shape; export one run with --run-id");
                }
                long k = counts.merge(id, 1L, Long::sum);
                if (t.getSnapshotVersion() < 0 && warmup.getOrDefault(id, 0L) == k - 1) warmup.merge(id, 1L, Long::sum);
                pathBytes.add(t.getRoutingPath().remaining());
                runs.add(t.getRunId());
            }
            tail = r.incompleteTailBytes();
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            throw new IllegalArgumentException("recording " + file + " holds no transitions: record some with"
                    + " 'bin/d2r train --local --record FILE' or export a topic that has them");
        }
        for (Integer id : counts.keySet()) warmup.putIfAbsent(id, 0L);
        return new RecordingSummary(file, source, total, names, counts, warmup, obs, act, new ArrayList<>(pathBytes),
                new ArrayList<>(runs), tail);
    }

    /** Task names in task id order (what --tasks would have to say). */
    String taskList() {
        return String.join(",", taskNames.values());
    }

    long maxPerTask() {
        return perTask.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The warm-up as recorded: the longest random-action prefix over the tasks. */
    long recordedWarmup() {
        return warmupPerTask.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** @param presetName the preset named on the command line, for messages */
    void check(LocalPlan plan, String presetName) {
        if (obsDims != LearnerParts.OBS || actionDims != LearnerParts.ACT) {
            throw new IllegalArgumentException("recording " + file + " has " + obsDims + "-dim observations and " + actionDims
                    + "-dim actions; preset " + presetName + " trains on Meta-World V2 (" + LearnerParts.OBS + " and "
                    + LearnerParts.ACT + "): this is not a recording of Meta-World V2 tasks");
        }
        Map<Integer, String> planned = new TreeMap<>(); // task id -> name, as the recording holds them
        for (int t = 0; t < plan.taskCount(); t++) planned.put(t, plan.tasks().get(t));
        if (!planned.equals(taskNames)) {
            throw new IllegalArgumentException("recording " + file + " holds tasks " + new TreeMap<>(taskNames) + " but the run is on "
                    + planned + " (preset " + presetName + "): pass --tasks " + taskList()
                    + " (task ids follow that order) or use a recording of the preset's tasks");
        }
        // the modules of the routing paths the update needs from the recording: a routed method trains on the stored ones
        int pathModules = plan.method().routed() && plan.sac().storedPaths() ? plan.network().modules() : 0;
        if (pathModules > 0) {
            int need = (RoutingPaths.bitCount(pathModules) + 7) / 8;
            if (!pathBytes.equals(List.of(need))) {
                throw new IllegalArgumentException("recording " + file + " has routing paths of " + pathBytes + " bytes, but "
                        + plan.method().title() + " with " + pathModules + " modules trains its actor on the stored behaviour"
                        + " paths and needs " + need + " bytes (" + RoutingPaths.bitCount(pathModules) + " bits) in every"
                        + " record: the recording was made by another method or network depth. Add --ablation target-routing"
                        + " (train on freshly sampled paths) or use a recording of the same network");
            }
        }
    }
}
