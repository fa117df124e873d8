package org.d2r.core.model;

import java.util.Arrays;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Linear;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.ReluMlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One batch-size instance of a {@link TaskNetwork}, whatever its design: the shape and parameters it
 * shares with its other instances, and the buffers every design needs at its batch size. Public only
 * because the baselines live in another package; the networks are its only subclasses.
 */
public abstract class FixedBatchNetwork implements TaskNetwork {
    private final ParamSet params;
    private final NetShape shape;
    /** The batch size: every buffer has this many rows. */
    protected final int rows;
    protected final DataType dtype;
    /** [1, rows] of ones: bias gradients sum the batch with one gemm. */
    protected final INDArray ones;
    protected final INDArray gInput;

    protected FixedBatchNetwork(ParamSet params, NetShape shape, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.params = params;
        this.shape = shape;
        this.rows = batchSize;
        this.dtype = params.dataType();
        this.ones = Nd4j.ones(dtype, 1, rows);
        this.gInput = buf(shape.inputSize());
    }

    /** A zeroed [rows, cols] buffer, allocated once per instance so that no forward or backward allocates. */
    protected final INDArray buf(int cols) {
        return Nd4j.zeros(dtype, rows, cols);
    }

    /** One buffer per hidden layer (all but the last) of a {@link ReluMlp}'s layers: its activations, or their gradients. */
    protected final INDArray[] hiddenBufs(Linear[] mlp) {
        INDArray[] r = new INDArray[mlp.length - 1];
        for (int i = 0; i < r.length; i++) r[i] = buf(mlp[i].out());
        return r;
    }

    /** dst [rows, taskCount] = one-hot(task of each row). */
    protected final void oneHot(int[] taskIds, INDArray dst) {
        Buf d = Buf.of(dst);
        int tasks = taskCount();
        for (int b = 0; b < rows; b++) {
            for (int t = 0; t < tasks; t++) d.set(b * tasks + t, t == taskIds[b] ? 1 : 0);
        }
    }

    protected final void checkInput(INDArray input, int[] taskIds) {
        int inputSize = shape.inputSize(), taskCount = shape.taskCount();
        if (input.rank() != 2 || input.rows() != rows || input.columns() != inputSize) {
            throw new IllegalArgumentException("input must be [" + rows + ", " + inputSize + "], got "
                    + Arrays.toString(input.shape()) + "; build the network for this batch size with withBatchSize");
        }
        if (input.dataType() != dtype) throw new IllegalArgumentException("input is " + input.dataType() + ", network is " + dtype);
        if (taskIds.length != rows) throw new IllegalArgumentException("need " + rows + " task ids, got " + taskIds.length);
        for (int t : taskIds) {
            if (t < 0 || t >= taskCount) throw new IllegalArgumentException("task id " + t + " outside 0.." + (taskCount - 1));
        }
    }

    @Override
    public final int inputSize() {
        return shape.inputSize();
    }

    @Override
    public final int outputSize() {
        return shape.outputSize();
    }

    @Override
    public final int taskCount() {
        return shape.taskCount();
    }

    @Override
    public final int batchSize() {
        return rows;
    }

    @Override
    public final DataType dataType() {
        return dtype;
    }

    @Override
    public final ParamSet params() {
        return params;
    }

    @Override
    public final INDArray inputGradient() {
        return gInput;
    }
}
