package org.d2r.core.model;

import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.ResRouting;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Ops;
import org.d2r.core.nn.ReluMlp;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingPaths;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The D2R network of d2r.md section 2, as actor (out = 2 x action dims) or critic (input = [s, a],
 * out = 1):
 * <pre>
 *   F(s) = MLP(s)                 state representation (ReLU between layers, none after)
 *   H(T) = Linear(one-hot T)      task representation
 *   g = F(s) * H(T), b = ReLU(F(s))
 *   z^1..z^n = RoutingNet(g)      n(n+1)/2 logits, z^i of length i; z^n is the output router
 *   m^1 = ReLU(W_1 b + c_1)
 *   m^i = ReLU(W_i x^i + c_i) + x^i,  x^i = sum_j p^{i-1}_j m^j     (i >= 2)
 *   out = Linear(sum_j p^n_j m^j)
 * </pre>
 * With a restricted {@link org.d2r.core.routing.RoutingGranularity} (the layer-level and model-level
 * ablations) router i has logits only for the sources it may choose, and a module whose router has
 * none reads b as m^1 does (no shortcut).
 * Backward applies ResRouting (section 4) in training-mode passes: an unsuitable source's gradient
 * reaches only its module's shortcut x^j (module 1 has none, so it gets nothing), i.e. the gradient of
 * rsg[m^j] = x^j + stopgrad(ReLU(W_j x^j + c_j)). By default in the release's form, where each
 * consumer's own shortcut is fed from the ungated sources ({@link ResRouting}); the paper's single x^i
 * is the PAPER form.
 */
public final class D2rNetwork extends FixedBatchNetwork {
    private final D2rLayers L;
    private final int n;
    private final int width;

    private final INDArray[] hidden;
    private final INDArray fs;
    private final INDArray onehot;
    private final INDArray taskRep;
    private final INDArray routeIn;
    private final INDArray base;
    private final INDArray[] routerHidden;
    private final INDArray logits;
    private final INDArray[] m;
    private final INDArray[] xin;
    /** W_i x^i + c_i of module i >= 2 before the ReLU (module 1: its output m^1 itself). */
    final INDArray[] branch;
    private final INDArray y;
    private final INDArray out;
    final Router router;

    // backward buffers: dL/d of the forward buffer of the same name
    private final INDArray gy;
    private final INDArray gpre;
    private final INDArray gx;
    private final INDArray gSrc;
    private final INDArray gLogits;
    private final INDArray gRouteIn;
    private final INDArray gTask;
    private final INDArray gBase;
    private final INDArray gFs;
    private final INDArray[] gFull;
    private final INDArray[] gShort;
    private final INDArray[] gRouterHidden;
    private final INDArray[] gHidden;
    private final Buf gSrcBuf;
    /** dL/dz in D2R's n(n+1)/2 layout; gLogits itself when the routing network outputs that layout. */
    private final INDArray gLogitsFull;

    private final Buf[] mBuf;
    private final Buf[] gFullBuf;
    private final Buf[] gShortBuf;

    /** The input of the last completed forward, null before the first. */
    private INDArray lastInput;
    private boolean lastTraining;

    /** A fresh network with the release's initialisation. */
    public static D2rNetwork create(D2rNetConfig cfg, int inputSize, int outputSize, int taskCount, int batchSize,
                                    DataType dtype, Rng rng) {
        D2rLayers layers = new D2rLayers(cfg, new NetShape(inputSize, outputSize, taskCount), dtype);
        layers.init(rng);
        return new D2rNetwork(layers, batchSize);
    }

    public static D2rNetwork actor(D2rNetConfig cfg, int obsDims, int actionDims, int tasks, int batchSize, DataType dtype, Rng rng) {
        return create(cfg, obsDims, 2 * actionDims, tasks, batchSize, dtype, rng);
    }

    public static D2rNetwork critic(D2rNetConfig cfg, int obsDims, int actionDims, int tasks, int batchSize, DataType dtype, Rng rng) {
        return create(cfg, obsDims + actionDims, 1, tasks, batchSize, dtype, rng);
    }

    private D2rNetwork(D2rLayers layers, int batchSize) {
        super(layers.params, layers.shape, batchSize);
        this.L = layers;
        this.n = layers.cfg.modules();
        this.width = layers.cfg.moduleWidth();
        hidden = hiddenBufs(layers.state);
        gHidden = hiddenBufs(layers.state);
        int rep = layers.cfg.taskWidth();
        fs = buf(rep);
        onehot = buf(taskCount());
        taskRep = buf(rep);
        routeIn = layers.cfg.stateInRouting() ? buf(rep) : taskRep;
        base = buf(rep);
        routerHidden = hiddenBufs(layers.router);
        gRouterHidden = hiddenBufs(layers.router);
        int bits = RoutingPaths.bitCount(n);
        logits = buf(layers.sources.logitCount());
        gLogits = buf(layers.sources.logitCount());
        gLogitsFull = layers.sources.everySource() ? gLogits : buf(bits);
        m = new INDArray[n];
        xin = new INDArray[n];
        branch = new INDArray[n];
        gFull = new INDArray[n];
        gShort = new INDArray[n];
        mBuf = new Buf[n];
        gFullBuf = new Buf[n];
        gShortBuf = new Buf[n];
        for (int i = 0; i < n; i++) {
            m[i] = buf(width);
            boolean readsBase = layers.sources.readsBase(i);
            branch[i] = readsBase ? m[i] : buf(width);
            xin[i] = readsBase ? null : buf(width);
            gFull[i] = buf(width);
            gShort[i] = buf(width);
            mBuf[i] = Buf.of(m[i]);
            gFullBuf[i] = Buf.of(gFull[i]);
            gShortBuf[i] = Buf.of(gShort[i]);
        }
        y = buf(width);
        out = buf(outputSize());
        router = new Router(n, layers.cfg.topK(), layers.cfg.rescale(), rows, width, layers.sources);
        gy = buf(width);
        gpre = buf(width);
        gx = buf(width);
        gSrc = buf(width);
        gSrcBuf = Buf.of(gSrc);
        gRouteIn = buf(rep);
        gTask = buf(rep);
        gBase = buf(rep);
        gFs = buf(rep);
    }

    public D2rNetConfig config() {
        return L.cfg;
    }

    @Override
    public RoutingPaths lastPaths() {
        return router.paths;
    }

    @Override
    public INDArray forward(INDArray input, int[] taskIds, Routing routing) {
        checkInput(input, taskIds);
        lastTraining = routing.training() && L.cfg.resRouting() != ResRouting.OFF;
        // state representation F(s): ReLU between layers, none after
        ReluMlp.forward(L.state, input, hidden, fs);
        // task representation H(T) = Linear(one-hot)
        oneHot(taskIds, onehot);
        L.task.forward(onehot, taskRep);
        if (L.cfg.stateInRouting()) Ops.mulInto(fs, taskRep, routeIn);
        Ops.reluInto(fs, base);
        // routing network: ReLU hidden layers, linear logits
        ReluMlp.forward(L.router, routeIn, routerHidden, logits);
        router.route(Buf.of(logits), taskIds, routing, lastTraining);
        // base modules in depth order; module i+1 reads router i over (its allowed ones of) modules 1..i
        for (int i = 0; i < n; i++) {
            if (L.sources.readsBase(i)) {
                L.modules[i].forward(base, m[i]);
                Ops.relu(m[i]);
                continue;
            }
            router.mix(i, mBuf, Buf.of(xin[i]));
            L.modules[i].forward(xin[i], branch[i]);
            Ops.reluAddInto(branch[i], xin[i], m[i]);
        }
        router.mix(n, mBuf, Buf.of(y));
        L.out.forward(y, out);
        lastInput = input;
        return out;
    }

    @Override
    public void backward(INDArray gradOutput, boolean paramGrads, boolean inputGrad) {
        if (lastInput == null) throw new IllegalStateException("backward needs a forward first");
        // output layer and output router
        if (paramGrads) L.out.accumulateParamGrads(y, gradOutput, ones);
        L.out.inputGrad(gradOutput, gy, false);
        for (int i = 0; i < n; i++) {
            Ops.zero(gFull[i]);
            if (lastTraining) Ops.zero(gShort[i]);
        }
        java.util.Arrays.fill(router.gp, 0);
        // the output router has no shortcut: both forms route its gradient by suitability alone
        router.mixBackward(n, Buf.of(gy), null, mBuf, gFullBuf, gShortBuf, lastTraining);
        boolean releaseForm = lastTraining && L.cfg.resRouting() == ResRouting.RELEASE;
        // base modules, deepest first: m^i = ReLU(W x^i + c) + x^i, or ReLU(W b + c) for a module reading b
        boolean baseGradStarted = false;
        for (int i = n - 1; i >= 0; i--) {
            if (L.sources.readsBase(i)) {
                // no shortcut: its rsg form is fully detached, so only gFull reaches it
                Ops.reluMaskInto(m[i], gFull[i], gpre);
                if (paramGrads) L.modules[i].accumulateParamGrads(base, gpre, ones);
                L.modules[i].inputGrad(gpre, gBase, baseGradStarted);
                baseGradStarted = true;
                continue;
            }
            Ops.reluMaskInto(branch[i], gFull[i], gpre);
            if (paramGrads) L.modules[i].accumulateParamGrads(xin[i], gpre, ones);
            if (releaseForm) {
                // W's input takes the gated sources, the shortcut (reached by gFull and by gShort, the
                // gradient of rsg[m^i]) the ungated ones
                Ops.addInto(gFull[i], gShort[i], gSrc);
                L.modules[i].inputGrad(gpre, gx, false);
                router.mixBackward(i, Buf.of(gx), gSrcBuf, mBuf, gFullBuf, gShortBuf, true);
                continue;
            }
            if (lastTraining) Ops.addInto(gFull[i], gShort[i], gx);
            else Ops.copyInto(gFull[i], gx);
            L.modules[i].inputGrad(gpre, gx, true);
            router.mixBackward(i, Buf.of(gx), null, mBuf, gFullBuf, gShortBuf, lastTraining);
        }
        // routing network
        router.logitsBackward(Buf.of(gLogitsFull));
        if (gLogitsFull != gLogits) L.sources.compact(Buf.of(gLogitsFull), Buf.of(gLogits), rows);
        ReluMlp.backward(L.router, routeIn, routerHidden, gRouterHidden, gLogits, gRouteIn, paramGrads, ones);
        // routing input g = F(s) * H(T) and base input b = ReLU(F(s))
        if (L.cfg.stateInRouting()) {
            Ops.mulInto(gRouteIn, fs, gTask);
            Ops.mulAddReluMaskInto(gRouteIn, taskRep, fs, gBase, gFs);
        } else {
            Ops.copyInto(gRouteIn, gTask);
            Ops.reluMaskInto(fs, gBase, gFs);
        }
        if (paramGrads) L.task.accumulateParamGrads(onehot, gTask, ones);
        // state representation
        ReluMlp.backward(L.state, lastInput, hidden, gHidden, gFs, inputGrad ? gInput : null, paramGrads, ones);
    }

    @Override
    public D2rNetwork copy() {
        D2rLayers c = new D2rLayers(L.cfg, L.shape, dtype);
        c.params.copyValuesFrom(L.params);
        return new D2rNetwork(c, rows);
    }

    @Override
    public D2rNetwork withBatchSize(int batchSize) {
        return new D2rNetwork(L, batchSize);
    }
}
