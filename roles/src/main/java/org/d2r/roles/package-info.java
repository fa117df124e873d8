/**
 * The roles of a training run and the narrow ports between them, after DeepMind's Acme: an
 * environment loop steps environments with an actor and hands what happened to a transition sink
 * (Acme's adder); a replay turns transitions into batches behind a batch source; one learner loop
 * trains on those batches and hands policies to a policy publisher, which the actors read back
 * through a policy source (Acme's variable source); the evaluator runs the environment loop with
 * the deterministic policy.
 *
 * <p>Stepping: {@link org.d2r.roles.EnvironmentLoop} is the one loop of the producers, local
 * training, the evaluator and the local and offline evaluation; it acts through an
 * {@link org.d2r.roles.ActingPass} ({@link org.d2r.roles.SnapshotActing}: a published snapshot;
 * {@link org.d2r.roles.NetworkActing}: the learner's own network in one process), hands steps to a
 * {@link org.d2r.roles.TransitionSink} ({@link org.d2r.roles.ReplaySink} locally; the recording
 * file's, {@code org.d2r.recording.RecordingSink}, in learner-job beside the file's writer, the
 * reader being in {@code org.d2r.roles.recording}; Kafka's, {@code org.d2r.kafka.KafkaTransitionSink},
 * in kafka-io), counts {@link org.d2r.roles.RecentEpisodes} and reads policies from a
 * {@link org.d2r.roles.PolicySource}.
 *
 * <p>Lifecycle: a running role (producers, learner, evaluator) is a {@link org.d2r.roles.Role}; every
 * process that runs roles ({@code train} and each role's own command) adds them to one
 * {@link org.d2r.roles.Roles}, which installs the one shutdown hook and stops them once, in the
 * run's stop order, reporting each stop and a failed one.
 *
 * <p>The in-memory and recorded-file implementations of the ports live here, beside the ports;
 * the Kafka and Flink ones live in their own modules, so that {@code train}, {@code train --local}
 * and {@code train-offline} are different wirings of the same roles. Nothing here knows that Kafka
 * exists.
 */
package org.d2r.roles;
