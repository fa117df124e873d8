package org.d2r.roles.learner;

import java.util.List;
import org.d2r.core.baselines.Method;
import org.d2r.core.baselines.Networks;
import org.d2r.core.baselines.TaskEmbeddings;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.nn.Rng;
import org.d2r.core.sac.MultiTaskSac;

/**
 * The learner's networks and their update in every mode (the pipeline's learner, {@code train --local},
 * {@code train-offline}): one construction path for every method, so that CARE and PaCo, whose actor and
 * critics share parts, train wherever the others do, and the random streams are split in one place.
 */
public final class LearnerNetworks {

    private LearnerNetworks() {}

    /**
     * The update of a fresh actor and twin critics of {@code method}. From {@code master}, in this order: the
     * initialisation stream (actor, then critic 1, then critic 2, as the learners have always drawn them, so
     * D2R's and the Soft Modularization baselines' initial weights are unchanged), then the update's own stream.
     * The caller splits its further streams (acting, replay) from {@code master} afterwards.
     *
     * @param tasks Meta-World task names in task-id order: CARE's task embeddings are read for them
     * @param sac   the update's settings; its batch size sizes the networks
     * @throws IllegalStateException when CARE's embedding file is missing or unreadable (the message says where it was looked for)
     */
    public static MultiTaskSac sac(Method method, D2rNetConfig net, int obsDims, int actionDims, List<String> tasks, SacConfig sac,
                                   Rng master) {
        Rng init = master.split();
        Networks nets = Networks.builder(method).net(net).dims(obsDims, actionDims).tasks(tasks.size()).batchSize(sac.batchSize())
                .embeddings(embeddings(method, tasks)).build(init);
        return nets.sac(sac, master.split());
    }

    /**
     * CARE's task embeddings of these tasks, null for every other method (no file needed). Commands call it before
     * starting anything, so that a missing file is an error at start, not once a broker and the replay job are up.
     *
     * @throws IllegalStateException the file is missing or unreadable, or has no entry for one of the tasks
     */
    public static TaskEmbeddings embeddings(Method method, List<String> tasks) {
        if (method != Method.CARE) return null;
        try {
            return TaskEmbeddings.load(tasks);
        } catch (IllegalArgumentException e) {
            // a task the file does not name: as fatal at start as a missing file
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
