package org.d2r.replay;

/**
 * A transition that decoded and passed the checks that need no history: the fields the replay
 * job computes with, plus the original single-object bytes, which is what the replay window
 * stores (no re-encoding, and Flink never has to serialize Avro objects in its state).
 */
public record AcceptedTransition(int taskId, String taskName, int partition, long offset, int envId, long episode, float reward,
                          boolean success, boolean truncated, long snapshotVersion, int obsDim, int actionDim, byte[] key,
                          byte[] payload) {}
