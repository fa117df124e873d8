/**
 * The roles of a training run and the narrow ports between them, after DeepMind's Acme: an
 * environment loop steps environments with an actor and hands what happened to a transition sink
 * (Acme's adder); a replay turns transitions into batches behind a batch source; one learner loop
 * trains on those batches and hands policies to a policy publisher, which the actors read back
 * through a policy source (Acme's variable source); the evaluator runs the environment loop with
 * the deterministic policy.
 *
 * <p>The in-memory and recorded-file implementations of the ports live here, beside the ports;
 * the Kafka and Flink ones live in their own modules (the recording file's sink,
 * {@code org.d2r.recording.RecordingSink}, is in learner-job beside the file's writer; Kafka's,
 * {@code org.d2r.kafka.KafkaTransitionSink}, in kafka-io), so that {@code train}, {@code train --local}
 * and {@code train-offline} are different wirings of the same roles. Nothing here knows that Kafka
 * exists.
 */
package org.d2r.roles;
