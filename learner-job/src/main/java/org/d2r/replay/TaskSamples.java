package org.d2r.replay;

/**
 * One task's share of training batch {@code sequence}: its sampled rows (single-object encoded
 * transitions) and where its stream stood when they were drawn.
 */
// Public only because Flink's POJO serializer (not Kryo) needs public types; not part of the API.
public record TaskSamples(int taskId, long sequence, long transitionsSeen, int partition, long offset, byte[][] rows) {}
