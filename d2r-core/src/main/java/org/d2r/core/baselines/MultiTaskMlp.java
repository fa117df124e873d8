package org.d2r.core.baselines;

import java.util.Arrays;
import org.d2r.core.model.FixedBatchNetwork;
import org.d2r.core.model.NetShape;
import org.d2r.core.model.Routing;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Linear;
import org.d2r.core.nn.Ops;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.ReluMlp;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two MLP baselines of the paper's Table 1 (d2r.md section 7), as actor or critic:
 * <ul>
 *   <li>Multi-task SAC: [input, one-hot(T)] -> [400]x5 (ReLU) -> Linear -> out;</li>
 *   <li>Multi-head SAC: the same trunk, and one output head per task; a row's output is its task's
 *       head. The heads are stored as one [400, N x out] layer (task T owns columns T*out ..
 *       T*out+out-1), so the forward is one gemm and the parameter count is that of N heads.</li>
 * </ul>
 * Both get the one-hot task id as input, as in Soft Modularization's code that the paper's
 * baseline numbers come from ("with_goal_and_id" observations); with it the parameter counts match
 * the paper's table (1.33M and 1.36M for MT10, actor plus one critic).
 */
public final class MultiTaskMlp extends FixedBatchNetwork {

    public static final int[] PAPER_HIDDEN = {400, 400, 400, 400, 400};

    private final Layers layers;

    /** [input, one-hot], the trunk's activations, the full output (all heads), the row's own output; and gradients. */
    private final INDArray xin;
    private final INDArray full;
    private final INDArray out;
    private final INDArray gFull;
    private final INDArray gXin;
    private final INDArray[] hidden;
    private final INDArray[] gHidden;
    private int[] lastTasks;

    /** Trainable layers, shared by every batch-size instance. */
    private static final class Layers {
        final NetShape shape;
        final boolean multiHead;
        final int[] widths;
        final ParamSet params;
        /** The hidden layers, then the output layer (or the heads): one ReLU MLP. */
        final Linear[] mlp;

        Layers(NetShape shape, int[] widths, boolean multiHead, DataType dtype) {
            if (widths.length == 0) {
                throw new IllegalArgumentException("an MLP baseline needs at least one hidden layer");
            }
            this.shape = shape;
            this.multiHead = multiHead;
            this.widths = widths.clone();
            this.params = new ParamSet(dtype);
            mlp = Arrays.copyOf(ReluMlp.layers(params, "hidden", shape.inputSize() + shape.taskCount(), widths), widths.length + 1);
            mlp[widths.length] = new Linear(params, multiHead ? "heads" : "out", widths[widths.length - 1],
                    multiHead ? shape.taskCount() * shape.outputSize() : shape.outputSize());
        }

        /** Soft Modularization's code: basic_init for hidden layers, uniform(+-3e-3) for the last. */
        void init(Rng rng) {
            for (int i = 0; i < widths.length; i++) {
                mlp[i].initHidden(rng);
            }
            mlp[widths.length].initOutput(rng);
        }
    }

    /** @param multiHead one output head per task (multi-head SAC) instead of one shared output */
    public static MultiTaskMlp create(int inputSize, int outputSize, int taskCount, int[] hiddenWidths,
            boolean multiHead, int batchSize, DataType dtype, Rng rng) {
        Layers l = new Layers(new NetShape(inputSize, outputSize, taskCount), hiddenWidths, multiHead, dtype);
        l.init(rng);
        return new MultiTaskMlp(l, batchSize);
    }

    private MultiTaskMlp(Layers layers, int batchSize) {
        super(layers.params, layers.shape, batchSize);
        this.layers = layers;
        int n = layers.widths.length;
        xin = buf(inputSize() + taskCount());
        gXin = buf(inputSize() + taskCount());
        hidden = hiddenBufs(layers.mlp);
        gHidden = hiddenBufs(layers.mlp);
        full = buf(layers.mlp[n].out());
        gFull = buf(layers.mlp[n].out());
        out = layers.multiHead ? buf(outputSize()) : full;
    }

    @Override
    public INDArray forward(INDArray input, int[] taskIds, Routing routing) {
        checkInput(input, taskIds);
        withOneHot(Buf.of(input), taskIds, Buf.of(xin));
        ReluMlp.forward(layers.mlp, xin, hidden, full);
        if (layers.multiHead) {
            ownHeads(Buf.of(full), Buf.of(out), taskIds, false);
        }
        lastTasks = taskIds.clone();
        return out;
    }

    @Override
    public void backward(INDArray gradOutput, boolean paramGrads, boolean inputGrad) {
        if (lastTasks == null) {
            throw new IllegalStateException("backward needs a forward first");
        }
        INDArray g = gradOutput;
        if (layers.multiHead) {
            // only the row's own head saw the row: the other heads' gradient is zero
            Ops.zero(gFull);
            ownHeads(Buf.of(gFull), Buf.of(gradOutput), lastTasks, true);
            g = gFull;
        }
        ReluMlp.backward(layers.mlp, xin, hidden, gHidden, g, inputGrad ? gXin : null, paramGrads, ones);
        if (inputGrad) {
            dropOneHot(Buf.of(gXin), Buf.of(gInput));
        }
    }

    /** dst[b] = [src[b], one-hot(task_b)]. */
    private void withOneHot(Buf src, int[] taskIds, Buf dst) {
        int in = inputSize(), tasks = taskCount(), cols = in + tasks;
        for (int b = 0; b < rows; b++) {
            for (int c = 0; c < in; c++) {
                dst.set(b * cols + c, src.get(b * in + c));
            }
            for (int t = 0; t < tasks; t++) {
                dst.set(b * cols + in + t, t == taskIds[b] ? 1 : 0);
            }
        }
    }

    /** dst[b] = the first inputSize columns of src[b] (the gradient of the input without the one-hot). */
    private void dropOneHot(Buf src, Buf dst) {
        int in = inputSize(), cols = in + taskCount();
        for (int b = 0; b < rows; b++) {
            for (int c = 0; c < in; c++) {
                dst.set(b * in + c, src.get(b * cols + c));
            }
        }
    }

    /** Each row's own head, outputSize columns of the [rows, tasks x outputSize] heads, from (or, toHeads, into) own. */
    private void ownHeads(Buf heads, Buf own, int[] taskIds, boolean toHeads) {
        int k = outputSize();
        int headCols = taskCount() * k;
        for (int b = 0; b < rows; b++) {
            int at = b * headCols + taskIds[b] * k;
            for (int c = 0; c < k; c++) {
                if (toHeads) {
                    heads.set(at + c, own.get(b * k + c));
                } else {
                    own.set(b * k + c, heads.get(at + c));
                }
            }
        }
    }

    @Override
    public MultiTaskMlp copy() {
        Layers c = new Layers(layers.shape, layers.widths, layers.multiHead, dtype);
        c.params.copyValuesFrom(layers.params);
        return new MultiTaskMlp(c, rows);
    }

    @Override
    public MultiTaskMlp withBatchSize(int batchSize) {
        return new MultiTaskMlp(layers, batchSize);
    }

    @Override
    public String toString() {
        return (layers.multiHead ? "MultiHeadSac" : "MultiTaskSac") + "[in=" + inputSize() + ", tasks="
                + taskCount() + ", hidden=" + Arrays.toString(layers.widths) + ", out=" + outputSize() + "]";
    }
}
