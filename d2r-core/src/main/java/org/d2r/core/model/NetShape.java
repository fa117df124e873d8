package org.d2r.core.model;

/** What a network reads and writes: input columns (without the task one-hot), output columns and tasks. */
public record NetShape(int inputSize, int outputSize, int taskCount) {
    public NetShape {
        if (inputSize < 1 || outputSize < 1 || taskCount < 1) {
            throw new IllegalArgumentException("input, output and task counts must be positive, got " + inputSize + ", " + outputSize + ", " + taskCount);
        }
    }
}
