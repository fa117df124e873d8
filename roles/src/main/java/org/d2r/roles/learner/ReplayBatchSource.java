package org.d2r.roles.learner;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.time.Duration;
import java.util.Map;
import org.d2r.core.config.SacConfig;
import org.d2r.core.nn.Rng;
import org.d2r.core.replay.TaskReplay;
import org.d2r.core.routing.RoutingPaths;
import org.d2r.core.sac.TrainingSchedule;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.roles.BatchSource;

/**
 * A batch source over d2r-core's in-memory per-task replay, with the replay ratio of d2r.md section 6
 * ({@link TrainingSchedule}): whoever fills it calls {@link #afterEnvStep} after each step of all N
 * environments (or N recorded transitions), and it then gives as many batches as the ratio's credit allows,
 * none in the warm-up or while the replay holds fewer than the minimum. It answers at once, so the
 * environment loop steps the learner synchronously and a run stays deterministic for its seed.
 *
 * <p>Its checkpoint state is the schedule, the sampler's random stream and the updates still due; the
 * transitions themselves are not checkpointed (refilled from a recording, or by acting again).
 */
public final class ReplayBatchSource implements BatchSource {

    static final String SCHEDULE = "replay.schedule";
    static final String REPLAY_RNG = "replay.rng";
    static final String DUE = "replay.updatesDue";

    private final TaskReplay replay;
    private final TrainingSchedule schedule;
    private final Rng rng;
    private final int perTask;
    private final int tasks;
    private long due;
    private long nextSequence;
    private boolean unlimited;

    /**
     * @param sac its schedule (warm-up, minimum, ratio) and rows per task
     * @param rng the replay sampler's stream (split from the run's seed in the order every mode uses)
     */
    public ReplayBatchSource(TaskReplay replay, SacConfig sac, Rng rng) {
        this.replay = replay;
        this.schedule = new TrainingSchedule(sac);
        this.rng = rng;
        this.perTask = sac.batchPerTask();
        this.tasks = sac.tasks();
    }

    /** Adds one transition; Meta-World episodes end only by the time limit, a truncation: the TD target bootstraps. */
    public void add(int task, float[] obs, float[] action, float reward, float[] nextObs, RoutingPaths path, int pathRow) {
        replay.add(task, obs, action, reward, nextObs, false, path, pathRow);
    }

    /** One step of all N environments happened: the updates it makes due join the credit. */
    public void afterEnvStep() {
        due += schedule.afterEnvStep(replay.total());
    }

    /** From now on every {@link #next} gives a batch: a recording is used up and the learner goes on to its --updates. */
    public void drawWithoutLimit() {
        unlimited = true;
    }

    /** Forgets the updates still due: an environment loop resumed from a checkpoint earns them again once refilled. */
    public void dropDue() {
        due = 0;
    }

    /** Environment steps per task so far (restored ones included). */
    public long envStepsPerTask() {
        return schedule.envStepsPerTask();
    }

    /** Batches drawn so far (restored ones included). */
    public long drawn() {
        return nextSequence;
    }

    /** Whether every task has a transition: an update samples them all. */
    public boolean everyTaskStored() {
        for (int t = 0; t < tasks; t++) if (replay.size(t) == 0) return false;
        return true;
    }

    @Override
    public Drawn next(TransitionBatch into, Duration wait) {
        // updates due before every task has a transition (a recording that starts task by task) wait for it
        if ((due == 0 && !unlimited) || !everyTaskStored()) return null;
        if (due > 0) due--;
        replay.sample(into, perTask, rng);
        return new Drawn(nextSequence++, schedule.envStepsPerTask());
    }

    @Override
    public Map<String, byte[]> state() {
        return Map.of(SCHEDULE, bytes(schedule.state()), REPLAY_RNG, bytes(rng.state()), DUE, bytes(new long[] {due}));
    }

    @Override
    public void resume(Resume from) {
        nextSequence = from.lastSequence() + 1;
        for (String key : new String[] {SCHEDULE, REPLAY_RNG, DUE}) {
            if (!from.state().containsKey(key)) {
                throw new IllegalStateException("the checkpoint lacks the replay's '" + key + "': it was not written by an"
                        + " in-memory replay run; use a fresh --run-dir");
            }
        }
        schedule.restore(longs(from.state().get(SCHEDULE)));
        rng.restore(longs(from.state().get(REPLAY_RNG)));
        due = longs(from.state().get(DUE))[0];
    }

    static byte[] bytes(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length);
        for (long x : v) b.putLong(x);
        return b.array();
    }

    static long[] longs(byte[] b) {
        LongBuffer l = ByteBuffer.wrap(b).asLongBuffer();
        long[] v = new long[l.remaining()];
        l.get(v);
        return v;
    }
}
