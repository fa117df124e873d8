package org.d2r.roles;

import org.d2r.core.routing.RoutingPaths;

/**
 * Where the environment loop hands each step (Acme's adder): the in-memory replay of local training,
 * a recording file, or the transitions topic. The arguments are the loop's own arrays, valid only
 * during the call: a step is the hot path, so neither a message object nor a copy of an observation
 * is made per step (a sink that keeps a step copies or encodes what it needs).
 */
public interface TransitionSink {

    /**
     * @param task          task id (position in the run's task list)
     * @param env           environment id across the run, task * envsPerTask + index within the task
     * @param step          index of the step within its episode, from 0
     * @param taskStep      1-based number of this transition among its task's transitions of the run
     * @param nextObs       the step's observation (also when it truncated: not the next episode's first)
     * @param truncated     the episode limit was reached (the TD target still bootstraps)
     * @param success       Meta-World's success flag of this step
     * @param paths         routing paths of the acting pass (row {@code pathRow} is this step's), or null
     *                      where the policy does not route
     * @param policyVersion version of the acting policy; -1 for a uniformly random warm-up action
     */
    void add(int task, int env, long episode, int step, long taskStep, double[] obs, double[] action, double reward,
             double[] nextObs, boolean truncated, boolean success, RoutingPaths paths, int pathRow, long policyVersion);

    /**
     * Every environment stepped once since the last call; {@code episodeEnded} when one of them ended an
     * episode (a transactional sink commits there, so no episode is cut by a crash more than once).
     */
    default void endRound(boolean episodeEnded) {
    }

    /** Several sinks as one, called in the given order. */
    static TransitionSink all(TransitionSink... sinks) {
        TransitionSink[] s = sinks.clone();
        return new TransitionSink() {
            @Override
            public void add(int task, int env, long episode, int step, long taskStep, double[] obs, double[] action,
                            double reward, double[] nextObs, boolean truncated, boolean success, RoutingPaths paths,
                            int pathRow, long policyVersion) {
                for (TransitionSink k : s) {
                    k.add(task, env, episode, step, taskStep, obs, action, reward, nextObs, truncated, success, paths,
                            pathRow, policyVersion);
                }
            }

            @Override
            public void endRound(boolean episodeEnded) {
                for (TransitionSink k : s) k.endRound(episodeEnded);
            }
        };
    }

    /** Evaluation keeps no transitions. */
    TransitionSink NONE = (task, env, episode, step, taskStep, obs, action, reward, nextObs, truncated, success, paths,
                           pathRow, policyVersion) -> { };
}
