package org.d2r.schemas;

import java.util.List;

/**
 * Names of the pipeline's topics, in one place. A run may prefix them (several runs on one
 * cluster); every component takes a {@code Topics} instead of spelling a name.
 *
 * <p>Keys are Kafka's own serializer formats, so any client can write and read them: task id
 * as {@code IntegerSerializer} (4 bytes big-endian), sequence as {@code LongSerializer}, run id
 * as {@code StringSerializer}. Values are {@link AvroCodec} bytes of the record named below.
 * Transitions must be keyed by task id: one task's steps then stay in one partition, in order,
 * which is what makes the replay job's batches reproducible.
 *
 * @param transitions     {@link Transition}, key task id (producers to the replay job)
 * @param replayBatches   {@link TrainingBatch}, key sequence, one partition (replay job to learner)
 * @param taskStats       {@link TaskStats}, key task id (replay job to learner, reports)
 * @param policySnapshots {@link PolicySnapshot}, key run id, compacted (learner to producers, evaluator)
 * @param evalResults     {@link EvalResult} (evaluator to reports)
 * @param deadLetters     {@link DeadLetter} (any job)
 * @param learnerMetrics  {@link LearnerMetrics}, key run id, one partition (learner to the run monitor)
 */
public record Topics(String transitions, String replayBatches, String taskStats, String policySnapshots,
                     String evalResults, String deadLetters, String learnerMetrics) {

    public Topics {
        for (String t : List.of(transitions, replayBatches, taskStats, policySnapshots, evalResults, deadLetters, learnerMetrics)) {
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
                prefix + "policy-snapshots", prefix + "eval-results", prefix + "dead-letters", prefix + "learner-metrics");
    }

    public List<String> all() {
        return List.of(transitions, replayBatches, taskStats, policySnapshots, evalResults, deadLetters, learnerMetrics);
    }
}
