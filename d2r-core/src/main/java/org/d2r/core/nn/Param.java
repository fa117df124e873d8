package org.d2r.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One trainable tensor and its gradient accumulator, same shape and type. Weights are stored
 * [fanIn, fanOut] (row-major) so a layer is y = x W + b with one gemm.
 */
public final class Param {
    private final String name;
    private final INDArray value;
    private final INDArray grad;

    public Param(String name, INDArray value, INDArray grad) {
        if (!java.util.Arrays.equals(value.shape(), grad.shape())) {
            throw new IllegalArgumentException("param " + name + ": gradient shape differs from value shape");
        }
        this.name = name;
        this.value = value;
        this.grad = grad;
    }

    public String name() {
        return name;
    }

    public INDArray value() {
        return value;
    }

    public INDArray grad() {
        return grad;
    }

    public long size() {
        return value.length();
    }
}
