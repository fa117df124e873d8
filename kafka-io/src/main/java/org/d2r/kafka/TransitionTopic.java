package org.d2r.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.d2r.schemas.kafka.KafkaSettings;

/**
 * A run's stream of transitions on Kafka: what the transactional sink writes and what
 * {@link CommittedProgress} reads back.
 *
 * @param topic           the transitions topic (task t keyed by t)
 * @param runId           the run (a field of every transition, and part of the transactional id)
 * @param tasks           task names; a task's id is its position here
 * @param envsPerTask     environments per task (environment id = task * envsPerTask + index)
 * @param deliveryTimeout how long a transition may wait for the broker (a broker restart is waited out)
 */
public record TransitionTopic(KafkaSettings kafka, String topic, String runId, List<String> tasks, int envsPerTask,
                              Duration deliveryTimeout) {

    public TransitionTopic {
        Objects.requireNonNull(kafka, "kafka settings");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(runId, "run id");
        tasks = List.copyOf(tasks);
    }
}
