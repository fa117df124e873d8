package org.d2r.core.baselines;

import java.util.ArrayList;
import java.util.List;
import org.d2r.core.model.FixedBatchNetwork;
import org.d2r.core.model.NetShape;
import org.d2r.core.model.Routing;
import org.d2r.core.model.TanhGaussian;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.MaskSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CARE's actor or critic (Sodhani et al. 2021; mtrl's design, README "CARE and PaCo"):
 * <ul>
 *   <li>z_ctx = task encoder(ReLU(embedding_T)): Linear(768, 2e) ReLU Linear(2e, e) ReLU, then a trunk of L
 *       hidden layers to the encoder width;</li>
 *   <li>g = softmax(attention(z_ctx) / T) over k experts E_i(s) = Linear(ReLU(Linear(s))), and
 *       z_enc = sum_i g_i E_i(s) (mtrl divides by sum_i g_i, which is 1 for a softmax);</li>
 *   <li>actor: MLP([z_enc; z_ctx]) -> mean and log-std = -20 + 11 (tanh(x) + 1); critic: MLP([z_enc; z_ctx; a]) -> Q.</li>
 * </ul>
 * The task encoder and attention see only the task, so they run on one row per task, not per batch row.
 * {@link #params()} is its own trunk; {@link CareParts} holds the shared parts and says which loss trains them.
 */
public final class CareNetwork extends FixedBatchNetwork {

    private record Wiring(CareParts parts, boolean actor, boolean trainsEncoders, Mlp task, Mlp[] experts, Mlp attention, Mlp trunk,
                          ParamSet own, List<Param> weights, int inputSize, int outputSize) {}

    private final Wiring w;
    private final int tasks;
    private final int width;
    private final int k;
    private final int obs;

    private final INDArray table;
    private final INDArray s;
    private final INDArray z;
    private final INDArray out;
    private final INDArray gZ;
    private final INDArray gS;
    private final INDArray gSi;
    private final INDArray gAttIn;
    private final Mlp.Acts taskActs;
    private final Mlp.Acts attActs;
    private final Mlp.Acts trunkActs;
    private final Mlp.Acts[] expertActs;
    private final double[] gate;
    private final double[] gGate;
    private int[] lastTasks;

    private CareNetwork(Wiring w, int batchSize) {
        super(w.own, new NetShape(w.inputSize, w.outputSize, w.parts.tasks), batchSize);
        this.w = w;
        this.tasks = w.parts.tasks;
        this.width = w.parts.cfg.encoderWidth();
        this.k = w.parts.cfg.experts();
        this.obs = w.parts.obsDims;
        table = Nd4j.zeros(dtype, tasks, w.parts.cfg.embeddingWidth());
        taskActs = new Mlp.Acts(w.task, tasks, dtype);
        attActs = new Mlp.Acts(w.attention, tasks, dtype);
        gate = new double[tasks * k];
        gGate = new double[tasks * k];
        s = buf(obs);
        expertActs = new Mlp.Acts[k];
        for (int i = 0; i < k; i++) expertActs[i] = new Mlp.Acts(w.experts[i], rows, dtype);
        z = buf(w.trunk.in());
        trunkActs = new Mlp.Acts(w.trunk, rows, dtype);
        out = w.actor ? buf(w.outputSize) : trunkActs.out();
        gZ = buf(w.trunk.in());
        gS = buf(obs);
        gSi = buf(obs);
        gAttIn = Nd4j.zeros(dtype, tasks, width);
    }

    /** The actor over these parts: tied experts, the never-optimised actor attention, detached encoders. */
    static CareNetwork actor(CareParts p, int actionDims, int batchSize, Rng rng) {
        ParamSet own = new ParamSet(p.dtype);
        Mlp trunk = Mlp.create(own, "actor", p.cfg.trunkWidths(2 * p.cfg.encoderWidth(), 2 * actionDims));
        CareParts.xavier(trunk, rng);
        List<Param> weights = new ArrayList<>(p.embedding.list());
        weights.addAll(p.taskEncoder.list());
        p.encoder.list().stream().filter(x -> x.name().startsWith("expert.")).forEach(weights::add);
        weights.addAll(p.actorAttention.list());
        weights.addAll(own.list());
        Wiring w = new Wiring(p, true, false, task(p, p.taskEncoder), experts(p, p.encoder), Mlp.of(p.actorAttention, "actorAttention",
                p.cfg.attentionWidths().length - 1), trunk, own, List.copyOf(weights), p.obsDims, trunk.out());
        return new CareNetwork(w, batchSize);
    }

    /** An online critic: its gradients reach the encoder and the task encoder through views of its own. */
    static CareNetwork critic(CareParts p, int actionDims, int batchSize, Rng rng) {
        ParamSet own = new ParamSet(p.dtype);
        Mlp trunk = Mlp.create(own, "q", p.cfg.trunkWidths(2 * p.cfg.encoderWidth() + actionDims, 1));
        CareParts.xavier(trunk, rng);
        return critic(p, own, trunk, p.view(p.taskEncoder), p.view(p.encoder), true, batchSize);
    }

    private static CareNetwork critic(CareParts p, ParamSet own, Mlp trunk, ParamSet taskEncoder, ParamSet encoder, boolean trains,
            int batchSize) {
        List<Param> weights = new ArrayList<>(p.embedding.list());
        weights.addAll(taskEncoder.list());
        weights.addAll(encoder.list());
        weights.addAll(own.list());
        Wiring w = new Wiring(p, false, trains, task(p, taskEncoder), experts(p, encoder), Mlp.of(encoder, "attention",
                p.cfg.attentionWidths().length - 1), trunk, own, List.copyOf(weights), trunk.in() - 2 * p.cfg.encoderWidth() + p.obsDims, 1);
        return new CareNetwork(w, batchSize);
    }

    private static Mlp task(CareParts p, ParamSet set) {
        return Mlp.of(set, "task", p.cfg.taskWidths().length - 1);
    }

    private static Mlp[] experts(CareParts p, ParamSet set) {
        Mlp[] e = new Mlp[p.cfg.experts()];
        for (int i = 0; i < e.length; i++) e[i] = Mlp.of(set, "expert." + i, 2);
        return e;
    }

    /**
     * The target of this online critic: its own trunk copied (averaged at the update's rate), the target encoder
     * (averaged at 0.05 by the update) and the online task encoder, which mtrl's target critic reads too.
     */
    CareNetwork target() {
        if (w.actor || !w.trainsEncoders) throw new IllegalStateException("only an online CARE critic has a target");
        ParamSet own = w.own.copy();
        return critic(w.parts, own, Mlp.of(own, "q", w.trunk.layers.length), w.parts.taskEncoder, w.parts.targetEncoder, false, rows);
    }

    CareParts parts() {
        return w.parts;
    }

    @Override
    public List<Param> weights() {
        return w.weights;
    }

    @Override
    public INDArray forward(INDArray input, int[] taskIds, Routing routing) {
        checkInput(input, taskIds);
        Buf tb = Buf.of(table), eb = Buf.of(w.parts.embedding.list().get(0).value());
        for (int i = 0, n = tb.length(); i < n; i++) tb.set(i, Math.max(0, eb.get(i)));
        INDArray ctxArr = w.task.forward(taskActs, table);
        Buf ctx = Buf.of(ctxArr);
        Buf logits = Buf.of(w.attention.forward(attActs, ctxArr));
        double temp = w.parts.cfg.temperature();
        for (int i = 0; i < tasks * k; i++) gate[i] = logits.get(i) / temp;
        for (int t = 0; t < tasks; t++) MaskSoftmax.full(gate, t * k, k, gate);
        Buf in = Buf.of(input), sb = Buf.of(s);
        int cols = w.inputSize;
        for (int b = 0; b < rows; b++) for (int c = 0; c < obs; c++) sb.set(b * obs + c, in.get(b * cols + c));
        Buf[] e = new Buf[k];
        for (int i = 0; i < k; i++) e[i] = Buf.of(w.experts[i].forward(expertActs[i], s));
        Buf zb = Buf.of(z);
        int zc = w.trunk.in();
        for (int b = 0; b < rows; b++) {
            int t = taskIds[b];
            for (int j = 0; j < width; j++) {
                double v = 0;
                for (int i = 0; i < k; i++) v += gate[t * k + i] * e[i].get(b * width + j);
                zb.set(b * zc + j, v);
                zb.set(b * zc + width + j, ctx.get(t * width + j));
            }
            for (int c = obs; c < cols; c++) zb.set(b * zc + 2 * width + c - obs, in.get(b * cols + c));
        }
        INDArray raw = w.trunk.forward(trunkActs, z);
        if (w.actor) {
            Buf r = Buf.of(raw), o = Buf.of(out);
            int a = w.outputSize / 2;
            for (int b = 0; b < rows; b++) {
                for (int c = 0; c < a; c++) {
                    o.set(b * 2 * a + c, r.get(b * 2 * a + c));
                    // mtrl bounds log std smoothly into [-20, 2] (TanhGaussian's clamp range, so its clamp never bites)
                    o.set(b * 2 * a + a + c, logStd(r.get(b * 2 * a + a + c)));
                }
            }
        }
        lastTasks = taskIds.clone();
        return out;
    }

    static double logStd(double x) {
        return TanhGaussian.LOG_STD_MIN + 0.5 * (TanhGaussian.LOG_STD_MAX - TanhGaussian.LOG_STD_MIN) * (Math.tanh(x) + 1);
    }

    @Override
    public void backward(INDArray gradOutput, boolean paramGrads, boolean inputGrad) {
        if (lastTasks == null) throw new IllegalStateException("backward needs a forward first");
        INDArray gRaw = trunkActs.g[trunkActs.g.length - 1];
        Buf go = Buf.of(gradOutput), gr = Buf.of(gRaw);
        if (w.actor) {
            Buf r = Buf.of(trunkActs.out());
            int a = w.outputSize / 2;
            for (int b = 0; b < rows; b++) {
                for (int c = 0; c < a; c++) {
                    gr.set(b * 2 * a + c, go.get(b * 2 * a + c));
                    double th = Math.tanh(r.get(b * 2 * a + a + c));
                    double scale = 0.5 * (TanhGaussian.LOG_STD_MAX - TanhGaussian.LOG_STD_MIN);
                    gr.set(b * 2 * a + a + c, go.get(b * 2 * a + a + c) * scale * (1 - th * th));
                }
            }
        } else {
            for (int i = 0; i < rows; i++) gr.set(i, go.get(i));
        }
        w.trunk.backward(trunkActs, z, paramGrads, gZ);
        boolean encoderGrads = w.trainsEncoders && paramGrads;
        if (!encoderGrads && !inputGrad) return;
        Buf gz = Buf.of(gZ);
        int zc = w.trunk.in();
        java.util.Arrays.fill(gGate, 0);
        for (int i = 0; i < k; i++) {
            Buf e = Buf.of(expertActs[i].out()), ge = Buf.of(expertActs[i].g[1]);
            for (int b = 0; b < rows; b++) {
                int t = lastTasks[b];
                double gi = gate[t * k + i], dot = 0;
                for (int j = 0; j < width; j++) {
                    double g = gz.get(b * zc + j);
                    ge.set(b * width + j, gi * g);
                    dot += g * e.get(b * width + j);
                }
                gGate[t * k + i] += dot;
            }
            w.experts[i].backward(expertActs[i], s, encoderGrads, inputGrad ? (i == 0 ? gS : gSi) : null);
            if (inputGrad && i > 0) gS.addi(gSi);
        }
        if (inputGrad) {
            Buf gi = Buf.of(gInput), gs = Buf.of(gS);
            int cols = w.inputSize;
            for (int b = 0; b < rows; b++) {
                for (int c = 0; c < obs; c++) gi.set(b * cols + c, gs.get(b * obs + c));
                for (int c = obs; c < cols; c++) gi.set(b * cols + c, gz.get(b * zc + 2 * width + c - obs));
            }
        }
        if (!encoderGrads) return;
        Buf gl = Buf.of(attActs.g[attActs.g.length - 1]);
        double temp = w.parts.cfg.temperature();
        for (int t = 0; t < tasks; t++) {
            double dot = 0;
            for (int i = 0; i < k; i++) dot += gate[t * k + i] * gGate[t * k + i];
            for (int i = 0; i < k; i++) gl.set(t * k + i, gate[t * k + i] * (gGate[t * k + i] - dot) / temp);
        }
        w.attention.backward(attActs, taskActs.out(), true, gAttIn);
        Buf gc = Buf.of(taskActs.g[taskActs.g.length - 1]), ga = Buf.of(gAttIn);
        for (int i = 0, n = gc.length(); i < n; i++) gc.set(i, ga.get(i));
        for (int b = 0; b < rows; b++) {
            int t = lastTasks[b];
            for (int j = 0; j < width; j++) gc.add(t * width + j, gz.get(b * zc + width + j));
        }
        w.task.backward(taskActs, table, true, null);
    }

    /** Refused, as PaCo's: CARE's networks share their encoders, and the targets come from {@link CareParts}. */
    @Override
    public CareNetwork copy() {
        throw new UnsupportedOperationException("CARE's actor and critics share their encoders: build them with"
                + " Networks.builder(Method.CARE)...build(rng) and train them with Networks.sac(cfg, rng)"
                + " (MultiTaskSac with their UpdateExtension)");
    }

    @Override
    public CareNetwork withBatchSize(int batchSize) {
        return new CareNetwork(w, batchSize);
    }

    @Override
    public String toString() {
        return "Care" + (w.actor ? "Actor" : "Critic") + "[" + w.parts.cfg + ", tasks=" + tasks + ", in=" + w.inputSize + "]";
    }
}
