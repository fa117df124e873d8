package org.d2r.learner.local;

import org.d2r.core.config.SacConfig;
import org.d2r.core.nn.Rng;
import org.d2r.core.replay.TaskReplay;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.metaworld.MetaWorldEnv;
import org.d2r.roles.learner.LearnerNetworks;

/**
 * The learner side of a run built from its plan: the networks and their update (built as the
 * pipeline's learner builds them, {@link LearnerNetworks}), the per-task replay, the reused batch and
 * the random streams, split from the seed in one fixed order. The
 * in-process trainer and the offline trainer both build theirs here, so an offline run of a
 * {@code train --local --record} recording with the same plan and seed draws the same initial
 * weights and the same replay samples as the run that recorded it.
 *
 * @param actRng  acting and warm-up exploration (unused offline, but split so the replay stream stays the same)
 * @param modules routing modules whose paths the replay stores, 0 for a method without routing
 */
record LearnerParts(MultiTaskSac sac, Rng actRng, Rng replayRng, TaskReplay replay, TransitionBatch batch, int modules) {
    static final int OBS = MetaWorldEnv.OBS_DIM;
    static final int ACT = MetaWorldEnv.ACTION_DIM;

    /** With {@code sacConfig} as the update settings (the plan's, or the offline trainer's schedule). */
    static LearnerParts of(LocalPlan plan, SacConfig sacConfig) {
        Rng master = new Rng(plan.seed());
        MultiTaskSac sac = LearnerNetworks.sac(plan.method(), plan.network(), OBS, ACT, plan.tasks(), sacConfig, master);
        Rng actRng = master.split();
        Rng replayRng = master.split();
        int modules = plan.method().routed() ? plan.network().modules() : 0;
        return new LearnerParts(sac, actRng, replayRng, new TaskReplay(plan.taskCount(), plan.replayPerTask(), OBS, ACT, modules),
                TransitionBatch.allocate(sacConfig.batchSize(), OBS, ACT, modules), modules);
    }
}
