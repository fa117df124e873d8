package org.d2r.replay;

/**
 * One task's share of training batch {@code sequence} and where its stream stood when it was
 * drawn. The rows are either {@code rows} (single-object encoded transitions, inline batches) or
 * {@code offsets} (their offsets in {@code partition} of the transitions topic, batches of
 * references); the other is null.
 *
 * @param windowStart offset of the oldest transition in the task's window, -1 for inline batches
 */
public record TaskSamples(int taskId, long sequence, long transitionsSeen, int partition, long offset, long windowStart,
                          byte[][] rows, long[] offsets) {}
