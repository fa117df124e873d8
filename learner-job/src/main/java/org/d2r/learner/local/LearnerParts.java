package org.d2r.learner.local;

import org.d2r.core.config.SacConfig;
import org.d2r.core.model.TaskNetwork;
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
 */
final class LearnerParts {
    static final int OBS = MetaWorldEnv.OBS_DIM;
    static final int ACT = MetaWorldEnv.ACTION_DIM;

    final MultiTaskSac sac;
    final TaskNetwork actor;
    /** Acting and warm-up exploration (unused offline, but split so the replay stream stays the same). */
    final Rng actRng;
    final Rng replayRng;
    final TaskReplay replay;
    final TransitionBatch batch;
    /** Routing modules whose paths the replay stores, 0 for a method without routing. */
    final int modules;

    LearnerParts(LocalPlan plan) {
        this(plan, plan.sac());
    }

    /** With {@code sac} instead of the plan's update settings (the offline trainer's schedule). */
    LearnerParts(LocalPlan plan, SacConfig sacConfig) {
        int n = plan.taskCount();
        Rng master = new Rng(plan.seed());
        int rows = sacConfig.batchSize();
        this.sac = LearnerNetworks.sac(plan.method(), plan.network(), OBS, ACT, plan.tasks(), sacConfig, master);
        this.actor = sac.actor();
        this.actRng = master.split();
        this.replayRng = master.split();
        this.modules = plan.method().routed() ? plan.network().modules() : 0;
        this.replay = new TaskReplay(n, plan.replayPerTask(), OBS, ACT, modules);
        this.batch = TransitionBatch.allocate(rows, OBS, ACT, modules);
    }
}
