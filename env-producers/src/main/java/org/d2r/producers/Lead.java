package org.d2r.producers;

/**
 * How far the producers run ahead of the learner, in updates.
 *
 * <p>The learner owes updatesPerEnvStep gradient steps for every step of all N task environments past
 * the warm-up (TrainingSchedule's rule). With s = transitions published per task (all of that task's
 * environments together) and w = warm-up steps per task, the learner should have made
 * {@code expected(s) = max(0, s - w) * ratio} updates. The lead is {@code expected(s) - u}, u being the
 * update count of the newest snapshot; the producers pause while it exceeds maxLead. Counting per
 * task (the slowest task: tasks are stepped together, so they agree) keeps the figure independent of
 * the number of tasks and of envs per task.
 */
record Lead(long warmupStepsPerTask, double updatesPerEnvStep, long maxLeadUpdates) {

    double expectedUpdates(long stepsPerTask) {
        return Math.max(0, stepsPerTask - warmupStepsPerTask) * updatesPerEnvStep;
    }

    /** Whether taking the next round of steps would put the producers past the allowed lead. */
    boolean mustPause(long stepsPerTask, long learnerUpdates) {
        return maxLeadUpdates > 0 && expectedUpdates(stepsPerTask) - learnerUpdates > maxLeadUpdates;
    }
}
