package org.d2r.core.baselines;

import java.util.ArrayList;
import java.util.List;
import org.d2r.core.model.FixedBatchNetwork;
import org.d2r.core.model.NetShape;
import org.d2r.core.model.Routing;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Linear;
import org.d2r.core.nn.Ops;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PaCo's actor or critic (Sun et al. 2022): every layer compositional, y = act(sum_k w_T,k (x W_k + b_k)),
 * i.e. task T's parameters are theta_T = Phi w_T. Actor 39 -> 400 x3 -> [mean; log-std] with
 * std = exp(clip(x, -10, 2)); critic [s, a] -> 400 x3 -> Q; no task one-hot input. The K sets of a layer
 * are one Linear(in, K x out) (set k owns columns k out .. k out + out - 1), so the forward is one gemm
 * and the count is K layers'. The task vectors are {@link PacoParts}'; {@link #params()} is this network's Phi.
 */
public final class PacoNetwork extends FixedBatchNetwork {

    private record Wiring(PacoParts parts, boolean actor, ParamSet w, boolean trainsW, Linear[] layers, ParamSet own, List<Param> weights,
                          int inputSize, int outputSize) {}

    /** paco-mtrl clips the std head's pre-activation before exp. */
    static final double LOG_STD_LOW = -10, LOG_STD_HIGH = 2;

    private final Wiring wr;
    private final int k;
    /** Per layer: the K sets' outputs, their task-weighted sum h (ReLU'd below the last layer), and the gradients of both. */
    private final INDArray[] yAll;
    private final INDArray[] h;
    private final INDArray[] gh;
    private final INDArray[] gYAll;
    private final INDArray xin;
    private final INDArray actorOut;
    private int[] lastTasks;

    private PacoNetwork(Wiring wr, int batchSize) {
        super(wr.own, new NetShape(wr.inputSize, wr.outputSize, wr.parts.tasks), batchSize);
        this.wr = wr;
        this.k = wr.parts.cfg.paramSets();
        int n = wr.layers.length;
        yAll = new INDArray[n];
        h = new INDArray[n];
        gh = new INDArray[n];
        gYAll = new INDArray[n];
        for (int l = 0; l < n; l++) {
            yAll[l] = buf(wr.layers[l].out());
            gYAll[l] = buf(wr.layers[l].out());
            h[l] = buf(wr.layers[l].out() / k);
            gh[l] = buf(wr.layers[l].out() / k);
        }
        xin = buf(wr.inputSize);
        actorOut = wr.actor ? buf(wr.outputSize) : null;
    }

    /** The actor: xavier-uniform hidden layers, heads at gain 0.3, each set initialised alike, biases 0. */
    static PacoNetwork actor(PacoParts p, int obsDims, int actionDims, int batchSize, Rng rng) {
        ParamSet own = new ParamSet(p.dtype);
        Linear[] layers = layers(own, "actor", p.cfg, obsDims, 2 * actionDims);
        for (int l = 0; l < layers.length; l++) {
            int in = layers[l].in(), out = layers[l].out() / p.cfg.paramSets();
            boolean head = l == layers.length - 1;
            // the mean and the std head are each 400 -> A: xavier's fans are theirs
            double bound = (head ? p.cfg.headGain() : 1) * Math.sqrt(6.0 / (in + (head ? out / 2 : out)));
            identicalSets(layers[l], p.cfg.paramSets(), bound, rng);
        }
        return build(p, true, own, layers, p.view(p.taskVectors), true, obsDims, 2 * actionDims, batchSize);
    }

    /** A critic: variance-scaling hidden layers (fan-in, ReLU gain), U(+-0.003) last layer, each set initialised alike. */
    static PacoNetwork critic(PacoParts p, int obsDims, int actionDims, int batchSize, Rng rng) {
        ParamSet own = new ParamSet(p.dtype);
        Linear[] layers = layers(own, "q", p.cfg, obsDims + actionDims, 1);
        for (int l = 0; l < layers.length; l++) {
            double bound = l == layers.length - 1 ? 3e-3 : Math.sqrt(6.0 / layers[l].in());
            identicalSets(layers[l], p.cfg.paramSets(), bound, rng);
        }
        return build(p, false, own, layers, p.view(p.taskVectors), true, obsDims + actionDims, 1, batchSize);
    }

    private static Linear[] layers(ParamSet own, String prefix, PacoConfig cfg, int in, int out) {
        int[] hd = cfg.hidden();
        Linear[] l = new Linear[hd.length + 1];
        for (int i = 0; i <= hd.length; i++) {
            int o = i < hd.length ? hd[i] : out;
            l[i] = new Linear(own, prefix + "." + i, i == 0 ? in : hd[i - 1], cfg.paramSets() * o);
        }
        return l;
    }

    /** One draw of U(+-bound) copied into every set (ALF's identical-kernel init), biases 0. */
    private static void identicalSets(Linear l, int sets, double bound, Rng rng) {
        l.initUniform(bound, rng);
        Buf w = Buf.of(l.weight().value());
        int out = l.out() / sets;
        for (int r = 0; r < l.in(); r++) {
            for (int s = 1; s < sets; s++) {
                for (int c = 0; c < out; c++) w.set(r * l.out() + s * out + c, w.get(r * l.out() + c));
            }
        }
    }

    private static PacoNetwork build(PacoParts p, boolean actor, ParamSet own, Linear[] layers, ParamSet w, boolean trainsW, int in, int out,
            int batchSize) {
        List<Param> weights = new ArrayList<>(w.list());
        weights.addAll(own.list());
        return new PacoNetwork(new Wiring(p, actor, w, trainsW, layers, own, List.copyOf(weights), in, out), batchSize);
    }

    /** The target of this online critic: its own layers copied, the task vectors shared (no gradient). */
    PacoNetwork target() {
        if (wr.actor || !wr.trainsW) throw new IllegalStateException("only an online PaCo critic has a target");
        ParamSet own = wr.own.copy();
        Linear[] layers = new Linear[wr.layers.length];
        for (int l = 0; l < layers.length; l++) layers[l] = Linear.of(own, "q." + l);
        return build(wr.parts, false, own, layers, wr.parts.taskVectors, false, wr.inputSize, wr.outputSize, rows);
    }

    /** The task vectors as this network reads them: its gradient view (an online network) or the part itself. */
    ParamSet taskVectorView() {
        return wr.w;
    }

    PacoParts parts() {
        return wr.parts;
    }

    @Override
    public List<Param> weights() {
        return wr.weights;
    }

    @Override
    public INDArray forward(INDArray input, int[] taskIds, Routing routing) {
        int tasks = wr.parts.tasks;
        checkInput(input, taskIds);
        Buf w = Buf.of(wr.w.list().get(0).value());
        xin.assign(input);
        INDArray x = xin;
        int n = wr.layers.length;
        for (int l = 0; l < n; l++) {
            wr.layers[l].forward(x, yAll[l]);
            Buf ya = Buf.of(yAll[l]), hb = Buf.of(h[l]);
            int out = wr.layers[l].out() / k;
            for (int b = 0; b < rows; b++) {
                int t = taskIds[b];
                for (int j = 0; j < out; j++) {
                    double v = 0;
                    for (int s = 0; s < k; s++) v += w.get(s * tasks + t) * ya.get(b * k * out + s * out + j);
                    hb.set(b * out + j, v);
                }
            }
            if (l + 1 < n) Ops.relu(h[l]);
            x = h[l];
        }
        lastTasks = taskIds.clone();
        if (!wr.actor) return h[n - 1];
        // the std head: log-std clipped to [-10, 2], inside TanhGaussian's range; the clip is applied here so
        // the gradient stops where paco-mtrl's does
        actorOut.assign(h[n - 1]);
        Buf ob = Buf.of(actorOut);
        int a = wr.outputSize / 2;
        for (int b = 0; b < rows; b++) {
            for (int c = 0; c < a; c++) {
                int i = b * 2 * a + a + c;
                ob.set(i, Math.min(LOG_STD_HIGH, Math.max(LOG_STD_LOW, ob.get(i))));
            }
        }
        return actorOut;
    }

    @Override
    public void backward(INDArray gradOutput, boolean paramGrads, boolean inputGrad) {
        if (lastTasks == null) throw new IllegalStateException("backward needs a forward first");
        int tasks = wr.parts.tasks;
        int n = wr.layers.length;
        Buf go = Buf.of(gradOutput), g = Buf.of(gh[n - 1]);
        for (int i = 0, len = g.length(); i < len; i++) g.set(i, go.get(i));
        if (wr.actor) {
            Buf raw = Buf.of(h[n - 1]);
            int a = wr.outputSize / 2;
            for (int b = 0; b < rows; b++) {
                for (int c = 0; c < a; c++) {
                    int i = b * 2 * a + a + c;
                    if (raw.get(i) < LOG_STD_LOW || raw.get(i) > LOG_STD_HIGH) g.set(i, 0);
                }
            }
        }
        Buf w = Buf.of(wr.w.list().get(0).value());
        Buf gw = Buf.of(wr.w.list().get(0).grad());
        boolean wGrads = paramGrads && wr.trainsW;
        for (int l = n - 1; l >= 0; l--) {
            Buf ghb = Buf.of(gh[l]), gya = Buf.of(gYAll[l]), ya = Buf.of(yAll[l]);
            int out = wr.layers[l].out() / k;
            for (int b = 0; b < rows; b++) {
                int t = lastTasks[b];
                for (int s = 0; s < k; s++) {
                    double ws = w.get(s * tasks + t), dot = 0;
                    for (int j = 0; j < out; j++) {
                        double gj = ghb.get(b * out + j);
                        gya.set(b * k * out + s * out + j, ws * gj);
                        dot += gj * ya.get(b * k * out + s * out + j);
                    }
                    if (wGrads) gw.add(s * tasks + t, dot);
                }
            }
            if (paramGrads) wr.layers[l].accumulateParamGrads(l == 0 ? xin : h[l - 1], gYAll[l], ones);
            if (l > 0) {
                wr.layers[l].inputGrad(gYAll[l], gh[l - 1], false);
                Ops.reluBackward(h[l - 1], gh[l - 1]);
            } else if (inputGrad) {
                wr.layers[0].inputGrad(gYAll[0], gInput, false);
            }
        }
    }

    /** Refused, as CARE's: PaCo's networks share w, and the targets come from {@link PacoParts}. */
    @Override
    public PacoNetwork copy() {
        throw new UnsupportedOperationException("PaCo's actor and critics share their task vectors: build them with"
                + " Networks.builder(Method.PACO)...build(rng) and train them with Networks.sac(cfg, rng) (MultiTaskSac with their UpdateExtension)");
    }

    @Override
    public PacoNetwork withBatchSize(int batchSize) {
        return new PacoNetwork(wr, batchSize);
    }

    @Override
    public String toString() {
        return "Paco" + (wr.actor ? "Actor" : "Critic") + "[" + wr.parts.cfg + ", tasks=" + wr.parts.tasks + ", in=" + wr.inputSize + "]";
    }
}
