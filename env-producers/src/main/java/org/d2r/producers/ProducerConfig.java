package org.d2r.producers;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.d2r.core.config.LearnerConfig;
import org.d2r.kafka.TransitionTopic;
import org.d2r.metaworld.GoalMode;
import org.d2r.roles.options.RoleOptions;
import org.d2r.schemas.Topics;
import org.d2r.schemas.kafka.KafkaSettings;

/**
 * Everything the environment producers need.
 *
 * @param topics           transitions are written, policy-snapshots read
 * @param runId            the training run (the snapshot key and a field of every transition)
 * @param tasks            Meta-World task names; a task's id is its position in this list
 * @param seed             environment seed; env e of a task uses (seed, envIndex e)
 * @param envsPerTask      environment instances per task, all stepped by one thread
 * @param preset           LearnerConfig preset: warm-up, replay ratio, episode length, SampleK switch
 * @param episodeSteps     episode limit (truncation); 0 = the preset's
 * @param warmupStepsPerTask uniform random actions for this many transitions per task; -1 = preset's
 * @param maxLeadUpdates   pause while the producers are more than this many updates ahead of the
 *     learner (see {@link Lead}); 0 = never pause
 * @param maxStepsPerTask  stop after this many transitions per task; 0 = run until closed
 * @param deliveryTimeout  how long a transition may wait for the broker (a restart is waited out)
 */
public record ProducerConfig(KafkaSettings kafka, Topics topics, String runId, List<String> tasks, GoalMode goalMode,
                             long seed, int envsPerTask, String preset, int episodeSteps, long warmupStepsPerTask,
                             long maxLeadUpdates, long maxStepsPerTask, Duration deliveryTimeout) {

    public ProducerConfig {
        Objects.requireNonNull(kafka, "kafka settings");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(goalMode, "goal mode");
        tasks = RoleOptions.runTasks(runId, tasks);
        if (envsPerTask < 1) throw new IllegalArgumentException("envs per task must be >= 1, got " + envsPerTask);
        if (!LearnerConfig.PRESETS.contains(preset)) {
            throw new IllegalArgumentException("unknown preset '" + preset + "'; valid: " + LearnerConfig.PRESETS);
        }
        if (episodeSteps < 0) throw new IllegalArgumentException("episode steps must be >= 0 (0 = preset's), got " + episodeSteps);
        if (warmupStepsPerTask < -1) throw new IllegalArgumentException("warm-up steps must be >= 0 (or -1 = preset's)");
        if (maxLeadUpdates < 0) throw new IllegalArgumentException("max lead must be >= 0 (0 = never pause)");
        if (maxStepsPerTask < 0) throw new IllegalArgumentException("max steps per task must be >= 0 (0 = unbounded)");
        if (deliveryTimeout == null || deliveryTimeout.toMillis() < 1000 || deliveryTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("delivery timeout must be between 1 s and " + Integer.MAX_VALUE + " ms");
        }
    }

    /** Defaults for a run: MT10-style preset, one env per task, pause at 1000 updates of lead. */
    public static ProducerConfig of(KafkaSettings kafka, Topics topics, String runId, List<String> tasks, String preset) {
        return new ProducerConfig(kafka, topics, runId, tasks, GoalMode.RAND, 1, 1, preset, 0, -1, 1000, 0,
                Duration.ofMillis(Integer.MAX_VALUE));
    }

    /** The run's transitions on Kafka, as the transactional sink writes and reads them back. */
    public TransitionTopic transitionTopic() {
        return new TransitionTopic(kafka, topics.transitions(), runId, tasks, envsPerTask, deliveryTimeout);
    }

    public LearnerConfig learner() {
        return LearnerConfig.preset(preset);
    }

    public int effectiveEpisodeSteps() {
        return episodeSteps > 0 ? episodeSteps : learner().episodeSteps();
    }

    public long effectiveWarmup() {
        return warmupStepsPerTask >= 0 ? warmupStepsPerTask : learner().sac().warmupStepsPerTask();
    }

    public ProducerConfig withGoals(GoalMode m, long s) {
        return new ProducerConfig(kafka, topics, runId, tasks, m, s, envsPerTask, preset, episodeSteps, warmupStepsPerTask,
                maxLeadUpdates, maxStepsPerTask, deliveryTimeout);
    }

    public ProducerConfig withEnvsPerTask(int n) {
        return new ProducerConfig(kafka, topics, runId, tasks, goalMode, seed, n, preset, episodeSteps, warmupStepsPerTask,
                maxLeadUpdates, maxStepsPerTask, deliveryTimeout);
    }

    public ProducerConfig withEpisodeSteps(int n) {
        return new ProducerConfig(kafka, topics, runId, tasks, goalMode, seed, envsPerTask, preset, n, warmupStepsPerTask,
                maxLeadUpdates, maxStepsPerTask, deliveryTimeout);
    }

    public ProducerConfig withWarmup(long n) {
        return new ProducerConfig(kafka, topics, runId, tasks, goalMode, seed, envsPerTask, preset, episodeSteps, n,
                maxLeadUpdates, maxStepsPerTask, deliveryTimeout);
    }

    public ProducerConfig withMaxLead(long n) {
        return new ProducerConfig(kafka, topics, runId, tasks, goalMode, seed, envsPerTask, preset, episodeSteps,
                warmupStepsPerTask, n, maxStepsPerTask, deliveryTimeout);
    }

    public ProducerConfig withMaxStepsPerTask(long n) {
        return new ProducerConfig(kafka, topics, runId, tasks, goalMode, seed, envsPerTask, preset, episodeSteps,
                warmupStepsPerTask, maxLeadUpdates, n, deliveryTimeout);
    }

}
