package org.d2r.learner.local;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.recording.TransitionFileWriter;
import org.d2r.schemas.Transition;

/** Test recordings: lock-stepped tasks with random Meta-World-shaped transitions. */
final class Recordings {

    private Recordings() {}

    /**
     * @param warmup    leading random-action (snapshot version -1) transitions per task
     * @param pathBytes 2 for valid paths of the smoke network's 4 modules, 0 for none
     */
    static Path write(Path file, List<String> tasks, int perTask, int warmup, int obsDims, int pathBytes) throws Exception {
        Random r = new Random(11);
        try (TransitionFileWriter w = new TransitionFileWriter(file, "test")) {
            for (int step = 0; step < perTask; step++) {
                for (int t = 0; t < tasks.size(); t++) {
                    byte[] path = pathBytes == 0 ? new byte[0] : topTwoPath(r);
                    w.append(Transition.newBuilder().setRunId("rec").setTaskId(t).setTaskName(tasks.get(t)).setEnvId(t)
                            .setEpisode(step / 50).setStep(step % 50).setObs(floats(r, obsDims)).setAction(floats(r, 4))
                            .setReward(r.nextFloat()).setNextObs(floats(r, obsDims)).setTruncated(step % 50 == 49)
                            .setSuccess(false).setRoutingPath(ByteBuffer.wrap(path))
                            .setSnapshotVersion(step < warmup ? -1 : step - warmup).build());
                }
            }
        }
        return file;
    }

    /** A valid path of the smoke network (4 modules, top-2): every router picks min(its sources, 2). */
    private static byte[] topTwoPath(Random r) {
        RoutingPaths p = new RoutingPaths(4, 1);
        for (int router = 1; router <= 4; router++) {
            List<Integer> sources = new ArrayList<>();
            for (int j = 0; j < router; j++) sources.add(j);
            Collections.shuffle(sources, r);
            for (int j = 0; j < Math.min(router, 2); j++) p.set(0, RoutingPaths.routerOffset(router) + sources.get(j), true);
        }
        return p.rowBytes(0);
    }

    private static List<Float> floats(Random r, int n) {
        List<Float> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(r.nextFloat() * 2 - 1);
        return out;
    }
}
