package org.d2r.core.model;

import org.d2r.core.nn.ParamSet;
import org.d2r.core.routing.RoutingPaths;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the multi-task SAC update needs from an actor or critic network, whatever its design (D2R,
 * plain multi-task MLP, multi-head, Soft Modularization). A network is built for a fixed batch size
 * and owns every activation buffer for it, so a forward/backward pair allocates nothing; the output
 * and gradient arrays it returns are its own buffers and are overwritten by the next call.
 *
 * <p>Input rows are the network's "input" (the 39-dim observation for an actor, observation then
 * action for a critic, 43 dims) plus a task id per row; the one-hot task encoding is the network's
 * business. A call sequence is forward then at most one backward for that forward.
 */
public interface TaskNetwork {

    /** Columns of the input (without the task one-hot). */
    int inputSize();

    /** Columns of the output (8 for the actor: 4 means then 4 log-stds; 1 for a critic). */
    int outputSize();

    int taskCount();

    int batchSize();

    DataType dataType();

    /**
     * @param input   [batchSize, inputSize] array of this network's data type
     * @param taskIds task of each row, 0..taskCount-1
     * @param routing routing mode; ignored by networks without routing
     * @return the output [batchSize, outputSize], owned by the network
     */
    INDArray forward(INDArray input, int[] taskIds, Routing routing);

    /**
     * @param gradOutput dL/d(output), [batchSize, outputSize]
     * @param paramGrads accumulate dL/dparams into the parameters' grads (they are not zeroed here)
     * @param inputGrad  compute dL/d(input), then readable from {@link #inputGradient()}
     */
    void backward(INDArray gradOutput, boolean paramGrads, boolean inputGrad);

    /** dL/d(input) of the last backward that asked for it, [batchSize, inputSize]; the critic's action gradient is its last columns. */
    INDArray inputGradient();

    /** The trainable parameters (with their gradient accumulators). */
    ParamSet params();

    /**
     * Every tensor the forward reads, in a fixed order: what a policy snapshot carries and loads. The
     * trainable {@link #params()} for a network that owns all it reads; a network with shared or frozen
     * parts (CARE's encoders and embeddings, PaCo's task vectors) lists those too.
     */
    default java.util.List<org.d2r.core.nn.Param> weights() {
        return params().list();
    }

    /** Routing paths chosen by the last forward, or null for a network without routing (only D2R routes). */
    default RoutingPaths lastPaths() {
        return null;
    }

    /** An independent copy (own parameters, same values): target networks. */
    TaskNetwork copy();

    /** A network sharing these parameters and gradients but with its own buffers for another batch size. */
    TaskNetwork withBatchSize(int batchSize);
}
