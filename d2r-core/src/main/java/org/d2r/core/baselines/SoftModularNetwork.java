package org.d2r.core.baselines;

import org.d2r.core.model.FixedBatchNetwork;
import org.d2r.core.model.NetShape;
import org.d2r.core.model.Routing;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Linear;
import org.d2r.core.nn.Ops;
import org.d2r.core.nn.ReluMlp;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Soft Modularization (Yang et al. 2020) as actor or critic, following its released network
 * (ModularGatedCascadeCondNet, no batch norm, softmax weights fed forward):
 * <pre>
 *   f = F(s)  (MLP, no activation after),   h = H(one-hot T)  (MLP, no activation after)
 *   e = G(ReLU(f * h))                      routing trunk, ReLU between layers, none after
 *   p^0 = softmax_rows(R_0(ReLU(e)))                          M x M, row j = weights of module j
 *   p^l = softmax_rows(R_l(ReLU(C_l([p^0..p^{l-1}]) * e)))    l = 1..L-2
 *   q   = softmax(R_{L-1}(ReLU(C_{L-1}([p^0..p^{L-2}]) * e)))  M output weights
 *   u^0_j = W^0_j ReLU(f)
 *   u^{l+1}_j = W^{l+1}_j ReLU(sum_k p^l_{jk} u^l_k)
 *   out = Linear(ReLU(sum_k q_k u^{L-1}_k))
 * </pre>
 * Routing is soft and deterministic, so the {@link Routing} argument is ignored and there are no
 * routing paths. Element-wise work is plain loops over the buffers; every product is one gemm.
 */
public final class SoftModularNetwork extends FixedBatchNetwork {
    private final SoftModularLayers lay;
    private final int nLayers;
    private final int nMod;
    private final int width;
    private final int mm;

    // forward buffers
    private final INDArray[] stateH;   // ReLU outputs of the state encoder's inner layers
    private final INDArray fs;
    private final INDArray onehot;
    private final INDArray[] taskH;
    private final INDArray taskRep;
    private final INDArray emb0;       // f * h
    private final INDArray out0;       // ReLU(f)
    private final INDArray ge0;        // ReLU(f * h)
    private final INDArray[] gateH;    // ReLU outputs of the routing trunk's inner layers
    private final INDArray emb;        // e
    private final INDArray embR;       // ReLU(e)
    final INDArray[] w;                // softmaxed routing weights p^l, l = 0..L-2; w[L-1] = q
    private final INDArray[] condIn;   // [p^0..p^{l-1}] flattened, l = 1..L-1
    private final INDArray[] cond;     // C_l(condIn)
    private final INDArray[] cr;       // ReLU(C_l(condIn) * e)
    private final INDArray[][] u;      // module outputs
    private final INDArray[][] a;      // module inputs (layers 1..L-1), after ReLU
    private final INDArray y;
    private final INDArray out;

    // backward buffers: gX holds dL/dX of the forward buffer X (gA of a module input, gRaw of the logits before a softmax)
    private final INDArray gY;
    private final INDArray gA;
    private final INDArray gOut0;
    private final INDArray gCr;
    private final INDArray gCond;
    private final INDArray gEmb;
    private final INDArray gEmbR;
    private final INDArray gGe0;
    private final INDArray gFs;
    private final INDArray gTaskRep;
    private final INDArray[] gW;
    private final INDArray[] gRaw;
    private final INDArray[] gCondIn;
    private final INDArray[] gGateH;
    private final INDArray[] gStateH;
    private final INDArray[] gTaskH;
    private final INDArray[][] gu;

    private INDArray lastInput;

    /** A fresh network with Soft Modularization's initialisation. */
    public static SoftModularNetwork create(SoftModularConfig cfg, int inputSize, int outputSize, int taskCount,
            int batchSize, DataType dtype, Rng rng) {
        SoftModularLayers l = new SoftModularLayers(cfg, new NetShape(inputSize, outputSize, taskCount), dtype);
        l.init(rng);
        return new SoftModularNetwork(l, batchSize);
    }

    private SoftModularNetwork(SoftModularLayers layers, int batchSize) {
        super(layers.params, layers.shape, batchSize);
        this.lay = layers;
        SoftModularConfig cfg = layers.cfg;
        this.nLayers = cfg.layers();
        this.nMod = cfg.modules();
        this.width = cfg.moduleWidth();
        this.mm = nMod * nMod;
        int rep = cfg.representationWidth();
        int gw = cfg.gatingWidth();
        stateH = hiddenBufs(layers.state);
        gStateH = hiddenBufs(layers.state);
        fs = buf(rep);
        gFs = buf(rep);
        onehot = buf(taskCount());
        taskH = hiddenBufs(layers.task);
        gTaskH = hiddenBufs(layers.task);
        taskRep = buf(rep);
        gTaskRep = buf(rep);
        emb0 = buf(rep);
        out0 = buf(rep);
        gOut0 = buf(rep);
        ge0 = buf(rep);
        gGe0 = buf(rep);
        gateH = hiddenBufs(layers.gate);
        gGateH = hiddenBufs(layers.gate);
        emb = buf(gw);
        gEmb = buf(gw);
        embR = buf(gw);
        gEmbR = buf(gw);
        w = new INDArray[nLayers];
        gW = new INDArray[nLayers];
        gRaw = new INDArray[nLayers];
        condIn = new INDArray[nLayers];
        gCondIn = new INDArray[nLayers];
        cond = new INDArray[nLayers];
        cr = new INDArray[nLayers];
        for (int l = 0; l < nLayers; l++) {
            int cols = l == nLayers - 1 ? nMod : mm;
            w[l] = buf(cols);
            gW[l] = buf(cols);
            gRaw[l] = buf(cols);
            if (l > 0) {
                condIn[l] = buf(l * mm);
                gCondIn[l] = buf(l * mm);
                cond[l] = buf(gw);
                cr[l] = buf(gw);
            }
        }
        gCr = buf(gw);
        gCond = buf(gw);
        u = new INDArray[nLayers][nMod];
        gu = new INDArray[nLayers][nMod];
        a = new INDArray[nLayers][nMod];
        for (int i = 0; i < nLayers; i++) {
            for (int j = 0; j < nMod; j++) {
                u[i][j] = buf(width);
                gu[i][j] = buf(width);
                a[i][j] = i == 0 ? null : buf(width);
            }
        }
        gA = buf(width);
        y = buf(width);
        gY = buf(width);
        out = buf(outputSize());
    }

    @Override
    public INDArray forward(INDArray input, int[] taskIds, Routing routing) {
        checkInput(input, taskIds);
        lastInput = input;
        // state and task encoders, no activation after their last layers
        ReluMlp.forward(lay.state, input, stateH, fs);
        oneHot(taskIds, onehot);
        ReluMlp.forward(lay.task, onehot, taskH, taskRep);
        Buf bf = Buf.of(fs), bt = Buf.of(taskRep), be0 = Buf.of(emb0), bo0 = Buf.of(out0), bg0 = Buf.of(ge0);
        for (int i = 0, n = bf.length(); i < n; i++) {
            double f = bf.get(i);
            double e = f * bt.get(i);
            be0.set(i, e);
            bg0.set(i, e > 0 ? e : 0);
            bo0.set(i, f > 0 ? f : 0);
        }
        // routing trunk: ReLU between layers, none after
        ReluMlp.forward(lay.gate, ge0, gateH, emb);
        Ops.reluInto(emb, embR);
        lay.route[0].forward(embR, w[0]);
        softmaxGroups(w[0], nMod);
        for (int l = 1; l < nLayers; l++) {
            concatWeights(l);
            lay.cond[l].forward(condIn[l], cond[l]);
            Buf bc = Buf.of(cond[l]), be = Buf.of(emb), bcr = Buf.of(cr[l]);
            for (int i = 0, n = bc.length(); i < n; i++) {
                double v = bc.get(i) * be.get(i);
                bcr.set(i, v > 0 ? v : 0);
            }
            lay.route[l].forward(cr[l], w[l]);
            softmaxGroups(w[l], nMod);
        }
        // modules: linear, mixed then ReLU'd by the next layer
        for (int j = 0; j < nMod; j++) lay.modules[0][j].forward(out0, u[0][j]);
        for (int i = 1; i < nLayers; i++) {
            Buf bw = Buf.of(w[i - 1]);
            Buf[] src = bufsOf(u[i - 1]);
            for (int j = 0; j < nMod; j++) {
                mixRelu(bw, mm, j * nMod, src, Buf.of(a[i][j]));
                lay.modules[i][j].forward(a[i][j], u[i][j]);
            }
        }
        mixRelu(Buf.of(w[nLayers - 1]), nMod, 0, bufsOf(u[nLayers - 1]), Buf.of(y));
        lay.out.forward(y, out);
        return out;
    }

    @Override
    public void backward(INDArray gradOutput, boolean paramGrads, boolean inputGrad) {
        if (lastInput == null) throw new IllegalStateException("backward needs a forward first");
        for (INDArray g : gW) Ops.zero(g);
        // output layer and output weights q
        if (paramGrads) lay.out.accumulateParamGrads(y, gradOutput, ones);
        lay.out.inputGrad(gradOutput, gY, false);
        Ops.reluBackward(y, gY);
        for (INDArray g : gu[nLayers - 1]) Ops.zero(g);
        mixBackward(Buf.of(gY), Buf.of(w[nLayers - 1]), Buf.of(gW[nLayers - 1]), nMod, 0,
                bufsOf(u[nLayers - 1]), bufsOf(gu[nLayers - 1]));
        // module layers, deepest first
        for (int i = nLayers - 1; i >= 1; i--) {
            for (INDArray g : gu[i - 1]) Ops.zero(g);
            Buf bw = Buf.of(w[i - 1]), bgw = Buf.of(gW[i - 1]);
            Buf[] src = bufsOf(u[i - 1]), gsrc = bufsOf(gu[i - 1]);
            for (int j = 0; j < nMod; j++) {
                Linear m = lay.modules[i][j];
                if (paramGrads) m.accumulateParamGrads(a[i][j], gu[i][j], ones);
                m.inputGrad(gu[i][j], gA, false);
                Ops.reluBackward(a[i][j], gA);
                mixBackward(Buf.of(gA), bw, bgw, mm, j * nMod, src, gsrc);
            }
        }
        for (int j = 0; j < nMod; j++) {
            Linear m = lay.modules[0][j];
            if (paramGrads) m.accumulateParamGrads(out0, gu[0][j], ones);
            m.inputGrad(gu[0][j], gOut0, j > 0);
        }
        // routing blocks, last first: each adds to the weights it read and to e
        Ops.zero(gEmb);
        Buf bge = Buf.of(gEmb), be = Buf.of(emb);
        for (int l = nLayers - 1; l >= 1; l--) {
            softmaxGroupsBackward(w[l], gW[l], gRaw[l], nMod);
            if (paramGrads) lay.route[l].accumulateParamGrads(cr[l], gRaw[l], ones);
            lay.route[l].inputGrad(gRaw[l], gCr, false);
            Ops.reluBackward(cr[l], gCr);
            Buf bgcr = Buf.of(gCr), bgc = Buf.of(gCond), bc = Buf.of(cond[l]);
            for (int i = 0, n = bgcr.length(); i < n; i++) {
                double g = bgcr.get(i);
                bgc.set(i, g * be.get(i));
                bge.add(i, g * bc.get(i));
            }
            if (paramGrads) lay.cond[l].accumulateParamGrads(condIn[l], gCond, ones);
            lay.cond[l].inputGrad(gCond, gCondIn[l], false);
            splitConcatGrad(l);
        }
        softmaxGroupsBackward(w[0], gW[0], gRaw[0], nMod);
        if (paramGrads) lay.route[0].accumulateParamGrads(embR, gRaw[0], ones);
        lay.route[0].inputGrad(gRaw[0], gEmbR, false);
        Ops.reluBackward(embR, gEmbR);
        Ops.addInto(gEmb, gEmbR, gEmb);
        // routing trunk
        ReluMlp.backward(lay.gate, ge0, gateH, gGateH, gEmb, gGe0, paramGrads, ones);
        Ops.reluBackward(ge0, gGe0);
        // e0 = f * h and ReLU(f)
        Buf bgf = Buf.of(gFs), bgt = Buf.of(gTaskRep), bg = Buf.of(gGe0), bgo = Buf.of(gOut0);
        Buf bf = Buf.of(fs), bt = Buf.of(taskRep);
        for (int i = 0, n = bgf.length(); i < n; i++) {
            double g = bg.get(i);
            double f = bf.get(i);
            bgf.set(i, g * bt.get(i) + (f > 0 ? bgo.get(i) : 0));
            bgt.set(i, g * f);
        }
        ReluMlp.backward(lay.task, onehot, taskH, gTaskH, gTaskRep, null, paramGrads, ones);
        ReluMlp.backward(lay.state, lastInput, stateH, gStateH, gFs, inputGrad ? gInput : null, paramGrads, ones);
    }

    @Override
    public SoftModularNetwork copy() {
        SoftModularLayers c = new SoftModularLayers(lay.cfg, lay.shape, dtype);
        c.params.copyValuesFrom(lay.params);
        return new SoftModularNetwork(c, rows);
    }

    @Override
    public SoftModularNetwork withBatchSize(int batchSize) {
        return new SoftModularNetwork(lay, batchSize);
    }

    @Override
    public String toString() {
        return "SoftModularNetwork[" + lay.cfg + ", in=" + inputSize() + ", tasks=" + taskCount() + ", out="
                + outputSize() + "]";
    }

    private static Buf[] bufsOf(INDArray[] arrays) {
        Buf[] r = new Buf[arrays.length];
        for (int i = 0; i < arrays.length; i++) r[i] = Buf.of(arrays[i]);
        return r;
    }

    /** condIn[l] = [p^0, ..., p^{l-1}] row by row. */
    private void concatWeights(int l) {
        Buf dst = Buf.of(condIn[l]);
        int cols = l * mm;
        for (int k = 0; k < l; k++) {
            Buf src = Buf.of(w[k]);
            for (int b = 0; b < rows; b++) {
                for (int c = 0; c < mm; c++) dst.set(b * cols + k * mm + c, src.get(b * mm + c));
            }
        }
    }

    /** Adds gCondIn[l]'s column blocks to the gradients of p^0..p^{l-1}. */
    private void splitConcatGrad(int l) {
        Buf src = Buf.of(gCondIn[l]);
        int cols = l * mm;
        for (int k = 0; k < l; k++) {
            Buf dst = Buf.of(gW[k]);
            for (int b = 0; b < rows; b++) {
                for (int c = 0; c < mm; c++) dst.add(b * mm + c, src.get(b * cols + k * mm + c));
            }
        }
    }

    /** dst[b] = ReLU(sum_k wts[b, off + k] * src[k][b]). */
    private void mixRelu(Buf wts, int wCols, int off, Buf[] src, Buf dst) {
        for (int b = 0; b < rows; b++) {
            int base = b * width;
            int wo = b * wCols + off;
            for (int c = 0; c < width; c++) {
                double s = 0;
                for (int k = 0; k < nMod; k++) s += wts.get(wo + k) * src[k].get(base + c);
                dst.set(base + c, s > 0 ? s : 0);
            }
        }
    }

    /** Backward of the weighted sum (the ReLU is already applied to g): dL/dw into gw, dL/dsrc into gsrc. */
    private void mixBackward(Buf g, Buf wts, Buf gw, int wCols, int off, Buf[] src, Buf[] gsrc) {
        for (int b = 0; b < rows; b++) {
            int base = b * width;
            int wo = b * wCols + off;
            for (int k = 0; k < nMod; k++) {
                double wk = wts.get(wo + k);
                Buf s = src[k];
                Buf gs = gsrc[k];
                double dot = 0;
                for (int c = 0; c < width; c++) {
                    double gv = g.get(base + c);
                    dot += gv * s.get(base + c);
                    gs.add(base + c, wk * gv);
                }
                gw.add(wo + k, dot);
            }
        }
    }

    /** In-place softmax over each consecutive group of {@code group} columns. */
    private static void softmaxGroups(INDArray a, int group) {
        Buf b = Buf.of(a);
        for (int s = 0, n = b.length(); s < n; s += group) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < group; k++) max = Math.max(max, b.get(s + k));
            double sum = 0;
            for (int k = 0; k < group; k++) {
                double e = Math.exp(b.get(s + k) - max);
                b.set(s + k, e);
                sum += e;
            }
            for (int k = 0; k < group; k++) b.set(s + k, b.get(s + k) / sum);
        }
    }

    /** gRaw = p * (g - sum(p * g)) per group: the softmax's backward from its output p. */
    private static void softmaxGroupsBackward(INDArray p, INDArray g, INDArray gRaw, int group) {
        Buf bp = Buf.of(p), bg = Buf.of(g), br = Buf.of(gRaw);
        for (int s = 0, n = bp.length(); s < n; s += group) {
            double dot = 0;
            for (int k = 0; k < group; k++) dot += bp.get(s + k) * bg.get(s + k);
            for (int k = 0; k < group; k++) br.set(s + k, bp.get(s + k) * (bg.get(s + k) - dot));
        }
    }
}
