package org.d2r.infra.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.d2r.schemas.Topics;

/**
 * Creates the pipeline's topics with the settings each one needs. Works against the embedded
 * broker and against a managed cluster alike (pass that cluster's replication factor).
 */
public final class TopicLayout {
    private TopicLayout() {}

    /** Largest record accepted on the batch and snapshot topics (an MT50 batch is about 3 MB). */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    /**
     * @param transitionPartitions partitions of the transitions and task-stats topics (records are keyed by task id)
     * @param replicationFactor    1 for the embedded broker
     */
    public record Settings(int transitionPartitions, short replicationFactor) {
        public Settings {
            if (transitionPartitions < 1 || replicationFactor < 1) {
                throw new IllegalArgumentException("partitions and replication factor must be >= 1, got "
                        + transitionPartitions + " and " + replicationFactor);
            }
        }

        public static Settings defaults() {
            return new Settings(4, (short) 1);
        }
    }

    /** The topics to create; existing ones are left as they are. */
    public static List<NewTopic> plan(Topics topics, Settings s) {
        String big = String.valueOf(MAX_MESSAGE_BYTES);
        List<NewTopic> out = new ArrayList<>();
        out.add(new NewTopic(topics.transitions(), s.transitionPartitions(), s.replicationFactor()));
        // One partition: the learner reads batches in sequence order.
        out.add(new NewTopic(topics.replayBatches(), 1, s.replicationFactor())
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, big)));
        out.add(new NewTopic(topics.taskStats(), s.transitionPartitions(), s.replicationFactor()));
        // Compacted: producers and evaluators joining late need only the newest snapshot per key.
        out.add(new NewTopic(topics.policySnapshots(), 1, s.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, big)));
        out.add(new NewTopic(topics.evalResults(), 1, s.replicationFactor()));
        out.add(new NewTopic(topics.deadLetters(), 1, s.replicationFactor())
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, big)));
        // One partition, keyed by run id: a run's updates stay in order for the run monitor.
        out.add(new NewTopic(topics.learnerMetrics(), 1, s.replicationFactor()));
        return out;
    }

    /** Creates every missing topic of the layout and returns the names now present. */
    public static Set<String> create(Admin admin, Topics topics, Settings settings) {
        for (NewTopic t : plan(topics, settings)) {
            try {
                admin.createTopics(List.of(t)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + t.name() + ": " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + t.name(), e);
            }
        }
        // A new topic reaches the broker's metadata cache a moment after its creation is acknowledged.
        Set<String> wanted = Set.copyOf(topics.all());
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            Set<String> present;
            try {
                present = admin.listTopics().names().get();
            } catch (ExecutionException | InterruptedException e) {
                throw new IllegalStateException("cannot list topics after creating them: " + e, e);
            }
            if (present.containsAll(wanted) || System.currentTimeMillis() > deadline) {
                return present;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return present;
            }
        }
    }
}
