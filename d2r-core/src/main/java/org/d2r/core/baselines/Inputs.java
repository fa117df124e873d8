package org.d2r.core.baselines;

import org.d2r.core.nn.Buf;

/** One-hot handling shared by the baselines (row-major [rows, cols] buffers). */
final class Inputs {
    private Inputs() {}

    /** dst[b] = [src[b], one-hot(task_b)]. */
    static void withOneHot(Buf src, int[] taskIds, Buf dst, int rows, int inputSize, int taskCount) {
        int cols = inputSize + taskCount;
        for (int b = 0; b < rows; b++) {
            int s = b * inputSize;
            int d = b * cols;
            for (int c = 0; c < inputSize; c++) {
                dst.set(d + c, src.get(s + c));
            }
            for (int t = 0; t < taskCount; t++) {
                dst.set(d + inputSize + t, t == taskIds[b] ? 1 : 0);
            }
        }
    }

    /** dst[b] = the first inputSize columns of src[b] (the gradient of the input without the one-hot). */
    static void dropOneHot(Buf src, Buf dst, int rows, int inputSize, int taskCount) {
        int cols = inputSize + taskCount;
        for (int b = 0; b < rows; b++) {
            for (int c = 0; c < inputSize; c++) {
                dst.set(b * inputSize + c, src.get(b * cols + c));
            }
        }
    }

    /** The one-hot task matrix [rows, taskCount]. */
    static void oneHot(int[] taskIds, Buf dst, int rows, int taskCount) {
        for (int b = 0; b < rows; b++) {
            for (int t = 0; t < taskCount; t++) {
                dst.set(b * taskCount + t, t == taskIds[b] ? 1 : 0);
            }
        }
    }
}
