package org.d2r.schemas;

/**
 * Why a decoded transition cannot be trained on, whatever the run: the checks the replay job
 * dead-letters on and the export counts as malformed. Run-specific checks (task id within the
 * run's tasks, the preset's dimensions) belong to the consumer that knows the run. Here, beside the
 * Transition record it checks, because its users are the replay job and the learner's recording tools,
 * two roles that may not depend on each other.
 */
public final class TransitionCheck {

    private TransitionCheck() {}

    /** The problem with {@code t}, or null when it is trainable. */
    public static String problem(Transition t) {
        if (t.getTaskId() < 0) return "negative task id " + t.getTaskId();
        int obs = t.getObs().size();
        if (obs == 0 || t.getNextObs().size() != obs) {
            return "obs has " + obs + " values and nextObs " + t.getNextObs().size() + ": both must have the observation size";
        }
        if (t.getAction().isEmpty()) return "empty action";
        if (!Float.isFinite(t.getReward())) return "non-finite reward " + t.getReward();
        return null;
    }
}
