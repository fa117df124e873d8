package org.d2r.learner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.d2r.core.baselines.Method;
import org.d2r.core.config.LearnerConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.schemas.kafka.KafkaClientProperties;
import org.d2r.schemas.Topics;

/**
 * What the learner application needs.
 *
 * @param topics           replay-batches is read, policy-snapshots written
 * @param runId            the run (snapshot key, consumer group suffix)
 * @param preset           {@link LearnerConfig} preset (network and SAC hyper-parameters)
 * @param tasks            Meta-World task names; ids follow this order (only the count matters to the update)
 * @param runDir           checkpoints/ and metrics.csv live here
 * @param seed             initialisation and update sampling seed
 * @param snapshotEvery    publish a policy snapshot every K updates (and at update 0)
 * @param checkpointEvery  write a checkpoint every C updates
 * @param maxUpdates       stop (with a final checkpoint) after this many updates; 0 = until closed
 * @param clientProperties Kafka client properties (security settings) for the batch reader and the
 *                         snapshot publisher; protected keys are refused ({@link KafkaClientProperties})
 * @param method           the network trained: D2R or a baseline (the snapshots say which, so the
 *                         producers and the evaluator act with it unconfigured)
 * @param ablations        section-7 ablations applied to the preset ({@link LearnerConfig#withAblation}, as
 *                         {@code train --local}); the network's reach the actors through the snapshots
 */
public record LearnerSettings(String bootstrapServers, Topics topics, String runId, String preset, List<String> tasks,
                              Path runDir, long seed, int snapshotEvery, int checkpointEvery, long maxUpdates,
                              Map<String, String> clientProperties, Method method, List<String> ablations) {

    public LearnerSettings {
        Objects.requireNonNull(method, "method: pass --method d2r|mtsac|mhsac|softmod|care|paco");
        clientProperties = KafkaClientProperties.checked(clientProperties);
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers: pass --bootstrap-servers HOST:PORT");
        }
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(runDir, "run folder: pass --run-dir DIR");
        if (runId == null || runId.isBlank()) throw new IllegalArgumentException("run id missing: pass --run-id NAME");
        if (!LearnerConfig.PRESETS.contains(preset)) {
            throw new IllegalArgumentException("unknown preset '" + preset + "'; valid: " + LearnerConfig.PRESETS);
        }
        if (tasks == null || tasks.isEmpty()) throw new IllegalArgumentException("no tasks: pass --tasks a,b,c");
        tasks = List.copyOf(tasks);
        if (snapshotEvery < 1) throw new IllegalArgumentException("--snapshot-every must be >= 1, got " + snapshotEvery);
        if (checkpointEvery < 1) throw new IllegalArgumentException("--checkpoint-every must be >= 1, got " + checkpointEvery);
        if (maxUpdates < 0) throw new IllegalArgumentException("--max-updates must be >= 0 (0 = until stopped), got " + maxUpdates);
        ablations = ablations == null ? List.of() : List.copyOf(ablations);
        for (String a : ablations) LearnerConfig.preset(preset).withAblation(a); // an unknown name fails here, with the valid ones
        if (ablations.stream().anyMatch(a -> a.trim().equalsIgnoreCase("no-samplek"))) {
            // the producers, not the learner, decide how the policy acts, and they take SampleK from their preset
            throw new IllegalArgumentException("--ablation no-samplek changes how the producers act, which the pipeline's"
                    + " producers take from the preset: train it with train --local or train-offline");
        }
    }

    /**
     * The preset's configuration with the ablations, resized to this run's task count (the presets are written for MT10/MT50),
     * with the method's own update ({@link Method#update}, as {@code train --local} configures it).
     */
    public LearnerConfig learner() {
        LearnerConfig base = LearnerConfig.preset(preset);
        for (String a : ablations) base = base.withAblation(a);
        SacConfig sac = method.update(base.sac(), base.paperPreset()).toBuilder().tasks(tasks.size()).build();
        return new LearnerConfig(base.name(), base.net(), sac, base.benchmark(), base.fixedGoals(), base.obsDims(),
                base.actionDims(), base.episodeSteps(), base.stepsPerTask(), base.evalEverySteps(), base.evalEpisodes());
    }

    /** Consumer group of the learner: one per run so a second run never steals the first one's batches. */
    String groupId() {
        return "d2r-learner-" + runId;
    }
}
