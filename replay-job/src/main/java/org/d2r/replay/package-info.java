/**
 * The Flink replay job: per-task replay windows over the transitions topic, training batches at
 * the replay ratio, per-task behaviour statistics, dead letters. Entry points: {@link
 * org.d2r.replay.ReplayJob#build} (add to any environment), {@link
 * org.d2r.replay.ReplayJob#startLocal} (in-process MiniCluster), {@link
 * org.d2r.replay.ReplayJob#main} ({@code flink run}).
 *
 * <h2>The batch contract</h2>
 * For N tasks, capacity C, warm-up W and ratio R new transitions per update (R a multiple of N):
 * <ul>
 *   <li>task T's k-th valid transition (k from 1, in its partition's order) enters slot (k-1) mod
 *       C/N of T's window;</li>
 *   <li>batch i takes from every task T, right after T's (ceil(W/N) + i*R/N)-th transition,
 *       {@code rowsPerTask} uniform draws with replacement over T's filled slots, from a generator
 *       seeded by (seed, T, i) only;</li>
 *   <li>batch i's rows are task 0's draws, then task 1's, ...; its {@code sources} record each
 *       task's count and the Kafka partition/offset of its newest transition at that moment, and
 *       (batches of references) the offset of the oldest transition still in its window;</li>
 *   <li>the rows travel as references (the default, resolved by the learner's
 *       org.d2r.kafka.ReplayBatchReader in kafka-io) or inline (see {@link
 *       org.d2r.replay.ReplayConfig.BatchRows}). Both forms name the same rows; references need
 *       each task's stream on one partition (producers key by task id; a task's transition on
 *       another partition is a dead letter) and a transitions topic whose retention outlasts a
 *       transition's stay in its window;</li>
 *   <li>batches leave in sequence order on a one-partition topic. After a restart from a
 *       checkpoint, batches since that checkpoint are sent again, byte-identical: a learner that
 *       skips sequence numbers it has applied trains exactly once on each batch.</li>
 * </ul>
 * So a recorded transitions topic and a seed always give the same batches, whatever the
 * parallelism, timing or restarts. Records that fail to decode or validate (unknown schema,
 * task id out of range, inconsistent shapes, non-finite reward) go to the dead-letter topic
 * with the reason and do not count.
 *
 * <h2>What is not here</h2>
 * Per-task alpha and tau are the learner's (it publishes them in policy snapshots); the
 * statistics here are success rate and return over the recent episodes, at each episode end.
 * Producers pausing when they run ahead of the learner is the producers' and learner's
 * concern: this job emits batches at the ratio regardless of how fast they are consumed.
 *
 * <p>The records between operators are public only because Flink's POJO serializer (not Kryo)
 * needs public types; they are not part of the API.
 */
package org.d2r.replay;
