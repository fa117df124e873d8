package org.d2r.schemas;

import java.util.List;

/**
 * Names of the pipeline's topics, in one place. A run may prefix them (several runs on one
 * cluster); every component takes a {@code Topics} instead of spelling a name.
 *
 * @param transitions     {@link Transition}, keyed by task id (producers to the replay job)
 * @param replayBatches   {@link TrainingBatch}, keyed by sequence (replay job to learner)
 * @param taskStats       {@link TaskStats}, keyed by task id (replay job to learner, reports)
 * @param policySnapshots {@link PolicySnapshot}, keyed by run id, compacted (learner to producers, evaluator)
 * @param evalResults     {@link EvalResult} (evaluator to reports)
 * @param deadLetters     {@link DeadLetter} (any job)
 */
public record Topics(String transitions, String replayBatches, String taskStats, String policySnapshots,
                     String evalResults, String deadLetters) {

    public Topics {
        for (String t : List.of(transitions, replayBatches, taskStats, policySnapshots, evalResults, deadLetters)) {
            if (t == null || !t.matches("[a-zA-Z0-9._-]{1,249}")) {
                throw new IllegalArgumentException("invalid Kafka topic name '" + t
                        + "': use 1-249 characters from [a-zA-Z0-9._-]");
            }
        }
    }

    public static Topics defaults() {
        return withPrefix("");
    }

    /** The default names behind {@code prefix}, e.g. {@code "run42."}. */
    public static Topics withPrefix(String prefix) {
        return new Topics(prefix + "transitions", prefix + "replay-batches", prefix + "task-stats",
                prefix + "policy-snapshots", prefix + "eval-results", prefix + "dead-letters");
    }

    public List<String> all() {
        return List.of(transitions, replayBatches, taskStats, policySnapshots, evalResults, deadLetters);
    }
}
