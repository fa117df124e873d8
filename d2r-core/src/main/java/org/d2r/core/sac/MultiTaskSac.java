package org.d2r.core.sac;

import org.d2r.core.config.AlphaStep;
import org.d2r.core.config.MaskOut;
import org.d2r.core.config.SacConfig;
import org.d2r.core.model.Routing;
import org.d2r.core.model.TanhGaussian;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Adam;
import org.d2r.core.nn.Buf;
import org.d2r.core.nn.Par;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RouteBalancing;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The multi-task SAC update of d2r.md section 6 with D2R's routing (sections 3-5), for any
 * {@link TaskNetwork} actor and twin critics:
 * <ol>
 * <li>TD target y = scale r + gamma (min(Q1', Q2')(s', a') - alpha_T log pi(a'|s')), a' from the actor
 *     with TopK routing, target critics with TopK routing;</li>
 * <li>actor on the stored behaviour paths d_old with ResRouting, a~ reparameterised;</li>
 * <li>policy loss w_T (alpha_T log pi - min(Q1, Q2)(s, a~)), critics with TopK in training mode and no
 *     parameter gradient from this term;</li>
 * <li>critic losses w_T (Q_i(s, a) - y)^2 with SampleK routing at tau_T;</li>
 * <li>alpha loss -log alpha_T (log pi + target entropy); a task whose summed loss exceeds the threshold
 *     is dropped; total = mean over all tasks of the kept tasks' row means (the release's; {@link MaskOut}
 *     PAPER divides by the remaining tasks instead);</li>
 * <li>per-network gradient clipping to norm 1, Adam, log alpha clamped to <= 0, Polyak targets,
 *     and tau_T = N softmax(-log alpha)_T for the next SampleK.</li>
 * </ol>
 * Networks that share parts (CARE's encoders, PaCo's task vectors) bring an {@link UpdateExtension}: its parts are
 * clipped, stepped and Polyak-averaged beside the networks, it builds the target critics, and it acts after the step
 * (PaCo's reset of masked tasks' vectors); with {@link UpdateExtension#NONE} the update is exactly the one above.
 */
public final class MultiTaskSac {
    public static final String[] PHASES = {"prepare", "target", "actor-forward", "policy-critics", "critic-forward", "losses",
            "policy-backward", "actor-backward", "critic-backward", "optimizers", "polyak"};

    private final SacConfig cfg;
    private final int rows;
    private final int obsDims;
    private final int actDims;
    private final TaskNetwork actor;
    /** The actor's parameters with buffers of their own, for the pass on s' beside the pass on s. */
    private final TaskNetwork nextActor;
    final TaskNetwork critic1;
    final TaskNetwork critic2;
    private final TaskNetwork policyCritic1;
    private final TaskNetwork policyCritic2;
    final TaskNetwork target1;
    final TaskNetwork target2;
    private final ParamSet logAlpha;
    private final Adam actorOpt;
    private final Adam critic1Opt;
    private final Adam critic2Opt;
    private final Adam alphaOpt;
    private final Rng rng;
    private final UpdateExtension extension;
    private final Adam[] partOpts;
    private double[] tau;
    private long updates;

    // the batch's buffers, allocated once
    private final INDArray obs;
    private final INDArray nextObs;
    private final INDArray obsAction;
    private final INDArray obsNewAction;
    private final INDArray nextObsAction;
    private final INDArray gActorOut;
    private final INDArray gQ1;
    private final INDArray gQ2;
    private final INDArray gQpi;
    private final INDArray gQpi2;
    private final TanhGaussian head;
    private final TanhGaussian nextHead;
    private final double[] y;
    private final double[] gAction;
    private final double[] gLogProb;
    private final double[] noise;
    private final int[] taskIds;

    /** The actor outputs 2 x A; the critics (obs + A inputs, one output) are initialised independently. */
    public MultiTaskSac(SacConfig cfg, TaskNetwork actor, TaskNetwork critic1, TaskNetwork critic2, UpdateExtension extension, Rng rng) {
        this.cfg = cfg;
        this.extension = java.util.Objects.requireNonNull(extension, "extension (UpdateExtension.NONE for none)");
        this.rows = cfg.batchSize();
        this.actDims = actor.outputSize() / 2;
        this.obsDims = actor.inputSize();
        for (TaskNetwork t : new TaskNetwork[] {actor, critic1, critic2}) {
            if (t.batchSize() != rows) {
                throw new IllegalArgumentException("networks must be built for the update's batch of " + rows + " rows (tasks x batchPerTask), got " + t.batchSize());
            }
            if (t.taskCount() != cfg.tasks()) throw new IllegalArgumentException("networks are for " + t.taskCount() + " tasks, config for " + cfg.tasks());
        }
        if (critic1.inputSize() != obsDims + actDims || critic2.inputSize() != obsDims + actDims || critic1.outputSize() != 1) {
            throw new IllegalArgumentException("critics must take obs + action (" + (obsDims + actDims) + ") inputs and give one output");
        }
        this.actor = actor;
        this.critic1 = critic1;
        this.critic2 = critic2;
        this.nextActor = actor.withBatchSize(rows);
        this.policyCritic1 = critic1.withBatchSize(rows);
        this.policyCritic2 = critic2.withBatchSize(rows);
        this.target1 = extension.target(critic1);
        this.target2 = extension.target(critic2);
        DataType dt = actor.dataType();
        this.logAlpha = new ParamSet(DataType.DOUBLE);
        logAlpha.create("logAlpha", 1, cfg.tasks());
        this.actorOpt = new Adam(actor.params(), cfg.actorLr());
        this.critic1Opt = new Adam(critic1.params(), cfg.criticLr());
        this.critic2Opt = new Adam(critic2.params(), cfg.criticLr());
        this.alphaOpt = new Adam(logAlpha, cfg.alphaLr());
        this.partOpts = extension.parts().stream().map(p -> new Adam(p.params(), p.learningRate())).toArray(Adam[]::new);
        this.rng = rng;
        this.tau = temperatures();
        obs = Nd4j.zeros(dt, rows, obsDims);
        nextObs = Nd4j.zeros(dt, rows, obsDims);
        obsAction = Nd4j.zeros(dt, rows, obsDims + actDims);
        obsNewAction = Nd4j.zeros(dt, rows, obsDims + actDims);
        nextObsAction = Nd4j.zeros(dt, rows, obsDims + actDims);
        gActorOut = Nd4j.zeros(dt, rows, 2 * actDims);
        gQ1 = Nd4j.zeros(dt, rows, 1);
        gQ2 = Nd4j.zeros(dt, rows, 1);
        gQpi = Nd4j.zeros(dt, rows, 1);
        gQpi2 = Nd4j.zeros(dt, rows, 1);
        head = new TanhGaussian(rows, actDims);
        nextHead = new TanhGaussian(rows, actDims);
        y = new double[rows];
        gAction = new double[rows * actDims];
        gLogProb = new double[rows];
        taskIds = new int[rows];
        noise = new double[rows * actDims];
    }

    /**
     * The four loss terms as differentiated (for gradient checks), and per task: w_T, each term's row
     * mean, and whether the task was masked out or kept (a task without rows is neither).
     */
    record Losses(double policy, double critic1, double critic2, double alpha, int kept, int masked, double[] weights,
                  double[] policyT, double[] critic1T, double[] critic2T, double[] alphaT, boolean[] maskedT,
                  boolean[] keptT) {}

    /** One gradient step on the batch (rows = tasks x batchPerTask), drawing from the learner's generator. */
    public UpdateStats update(TransitionBatch batch) {
        long[] ns = new long[PHASES.length];
        return step(gradients(batch, UpdateDraws.from(rng), ns), ns);
    }

    /** Clipping, optimiser steps, Polyak targets and route balancing after {@link #gradients}. */
    UpdateStats step(Losses l, long[] ns) {
        long t9 = System.nanoTime();

        // 7. clip per network, Adam, clamp log alpha (unless it stepped first, in gradients)
        double na = actor.params().clipGradNorm(cfg.gradClip());
        double n1 = critic1.params().clipGradNorm(cfg.gradClip());
        double n2 = critic2.params().clipGradNorm(cfg.gradClip());
        actorOpt.step();
        critic1Opt.step();
        critic2Opt.step();
        // a shared part is clipped on its own, as the networks are: each optimiser sees norm <= gradClip
        for (int i = 0; i < partOpts.length; i++) {
            extension.parts().get(i).params().clipGradNorm(cfg.gradClip());
            partOpts[i].step();
        }
        if (cfg.alphaStep() == AlphaStep.WITH_NETWORKS) {
            logAlpha.clipGradNorm(cfg.gradClip());
            alphaOpt.step();
            clampLogAlpha();
        }
        long t10 = System.nanoTime();
        ns[9] = t10 - t9;

        // 8. Polyak targets and route balancing
        target1.params().polyakFrom(critic1.params(), cfg.polyak());
        target2.params().polyakFrom(critic2.params(), cfg.polyak());
        for (UpdateExtension.Part p : extension.parts()) {
            if (p.target() != null) p.target().polyakFrom(p.params(), p.targetRate());
        }
        extension.afterStep(l.maskedT(), l.keptT(), rng);
        tau = temperatures();
        updates++;
        ns[10] = System.nanoTime() - t10;

        double[] alphaAfter = logAlphaValues();
        for (int t = 0; t < alphaAfter.length; t++) alphaAfter[t] = Math.exp(alphaAfter[t]);
        return new UpdateStats(l.policy(), l.critic1(), l.critic2(), l.alpha(), alphaAfter, tau.clone(), na, n1, n2, l.masked(), ns);
    }

    /** Forward passes, losses and all gradients (zeroed first), no step. */
    Losses gradients(TransitionBatch batch, UpdateDraws draws, long[] ns) {
        long t0 = System.nanoTime();
        if (batch.rows() != rows || batch.obsDims() != obsDims || batch.actionDims() != actDims) {
            throw new IllegalArgumentException("batch is " + batch.rows() + " rows of obs " + batch.obsDims() + ", action "
                    + batch.actionDims() + "; this update needs " + rows + " rows of obs " + obsDims + ", action " + actDims);
        }
        int n = cfg.tasks();
        int[] rowsPerTask = new int[n];
        for (int b = 0; b < rows; b++) {
            int t = batch.taskIds()[b];
            if (t < 0 || t >= n) throw new IllegalArgumentException("row " + b + " has task id " + t + " outside 0.." + (n - 1));
            taskIds[b] = t;
            rowsPerTask[t]++;
        }
        fill(obs, batch.obs(), obsDims, 0, obsDims);
        fill(nextObs, batch.nextObs(), obsDims, 0, obsDims);
        fill(obsAction, batch.obs(), obsDims, 0, obsDims + actDims);
        fill(obsAction, batch.actions(), actDims, obsDims, obsDims + actDims);
        fill(obsNewAction, batch.obs(), obsDims, 0, obsDims + actDims);
        fill(nextObsAction, batch.nextObs(), obsDims, 0, obsDims + actDims);
        double[] laBefore = logAlphaValues();
        long t1 = System.nanoTime();
        ns[0] = t1 - t0;

        // 1. the actor on s' with TopK (for the TD target, no gradient) and on s with the behaviour
        // paths (ResRouting) or, for the target-routing ablation, fresh SampleK paths. The two passes,
        // like the twin networks' passes below, run side by side (Par.both): they share parameters and
        // inputs, never buffers.
        Routing actorRouting = cfg.storedPaths() && batch.paths() != null ? Routing.stored(batch.paths())
                : draws.freshActorRouting(tau);
        INDArray[] pair = new INDArray[2];
        Par.both(() -> pair[0] = nextActor.forward(nextObs, taskIds, Routing.topK()),
                () -> pair[1] = actor.forward(obs, taskIds, actorRouting));
        draws.nextActionNoise(noise);
        nextHead.sample(pair[0], noise);
        draws.actionNoise(noise);
        head.sample(pair[1], noise);
        fill(nextObsAction, nextHead.actions(), actDims, obsDims, obsDims + actDims);
        fill(obsNewAction, head.actions(), actDims, obsDims, obsDims + actDims);
        if (cfg.alphaStep() == AlphaStep.FIRST) {
            // Soft Modularization's order: the mean over all rows of -log alpha_T (log pi + target entropy),
            // stepped unclipped; the losses below then use the stepped alpha
            logAlpha.zeroGrad();
            Buf ga = Buf.of(logAlpha.list().get(0).grad());
            double[] lpNow = head.logProbs();
            for (int b = 0; b < rows; b++) ga.add(taskIds[b], -(lpNow[b] + cfg.targetEntropy()) / rows);
            alphaOpt.step();
            clampLogAlpha();
        }
        double[] la = cfg.alphaStep() == AlphaStep.FIRST ? logAlphaValues() : laBefore;
        double[] alpha = new double[n];
        for (int t = 0; t < n; t++) alpha[t] = Math.exp(la[t]);
        double[] w = cfg.taskReweight() ? RouteBalancing.temperatures(la) : ones(n);
        long t2 = System.nanoTime();
        ns[2] = t2 - t1;

        // 2. TD target, no gradient: target critics with TopK
        Par.both(() -> pair[0] = target1.forward(nextObsAction, taskIds, Routing.topK()),
                () -> pair[1] = target2.forward(nextObsAction, taskIds, Routing.topK()));
        Buf q1t = Buf.of(pair[0]), q2t = Buf.of(pair[1]);
        double[] logpNext = nextHead.logProbs();
        for (int b = 0; b < rows; b++) {
            int t = taskIds[b];
            double v = Math.min(q1t.get(b), q2t.get(b)) - alpha[t] * logpNext[b];
            y[b] = cfg.rewardScale() * batch.rewards()[b] + (batch.terminal()[b] ? 0 : cfg.discount() * v);
        }
        long t3 = System.nanoTime();
        ns[1] = t3 - t2;

        // 3. critics inside the policy loss: TopK, training mode, parameters untouched
        Par.both(() -> pair[0] = policyCritic1.forward(obsNewAction, taskIds, Routing.topKTraining()),
                () -> pair[1] = policyCritic2.forward(obsNewAction, taskIds, Routing.topKTraining()));
        Buf qp1 = Buf.of(pair[0]), qp2 = Buf.of(pair[1]);
        long t4 = System.nanoTime();
        ns[3] = t4 - t3;

        // 4. critics on the stored actions with SampleK at tau_T
        // each critic draws its paths from its own stream split off the update's generator, so the
        // draws do not depend on which of the two runs first
        Routing routing1 = draws.criticRouting(1, tau), routing2 = draws.criticRouting(2, tau);
        Par.both(() -> pair[0] = critic1.forward(obsAction, taskIds, routing1),
                () -> pair[1] = critic2.forward(obsAction, taskIds, routing2));
        Buf q1 = Buf.of(pair[0]), q2 = Buf.of(pair[1]);
        long t5 = System.nanoTime();
        ns[4] = t5 - t4;

        // 5. per-task losses, mask-out, coefficients
        double[] lp = head.logProbs();
        double[] policyT = new double[n], q1T = new double[n], q2T = new double[n], alphaT = new double[n], entT = new double[n];
        for (int b = 0; b < rows; b++) {
            int t = taskIds[b];
            double qmin = Math.min(qp1.get(b), qp2.get(b));
            policyT[t] += w[t] * (alpha[t] * lp[b] - qmin);
            double d1 = q1.get(b) - y[b], d2 = q2.get(b) - y[b];
            q1T[t] += w[t] * d1 * d1;
            q2T[t] += w[t] * d2 * d2;
            entT[t] += lp[b] + cfg.targetEntropy();
        }
        double[] keep = new double[n];
        int kept = 0, masked = 0;
        int present = 0;
        for (int t = 0; t < n; t++) {
            if (rowsPerTask[t] == 0) continue;
            present++;
            policyT[t] /= rowsPerTask[t];
            q1T[t] /= rowsPerTask[t];
            q2T[t] /= rowsPerTask[t];
            entT[t] /= rowsPerTask[t];
            alphaT[t] = -laBefore[t] * entT[t];
            double total = alphaT[t] + policyT[t] + q1T[t] + q2T[t];
            boolean extreme = cfg.maskOut() != MaskOut.OFF && !(total <= cfg.taskLossThreshold());
            keep[t] = extreme ? 0 : 1;
            if (extreme) masked++;
            else kept++;
        }
        int denominator = cfg.maskOut() == MaskOut.PAPER ? kept : present;
        double[] c = new double[n];
        for (int t = 0; t < n; t++) c[t] = kept == 0 || rowsPerTask[t] == 0 ? 0 : keep[t] / (denominator * (double) rowsPerTask[t]);
        long t6 = System.nanoTime();
        ns[5] = t6 - t5;

        // 6. backward: dL/da~ through the (frozen) policy critics
        actor.params().zeroGrad();
        critic1.params().zeroGrad();
        critic2.params().zeroGrad();
        extension.zeroGradients();
        if (cfg.alphaStep() == AlphaStep.WITH_NETWORKS) logAlpha.zeroGrad();
        Buf gq1 = Buf.of(gQpi), gq2 = Buf.of(gQpi2);
        for (int b = 0; b < rows; b++) {
            double g = -c[taskIds[b]] * w[taskIds[b]];
            boolean first = qp1.get(b) <= qp2.get(b);
            gq1.set(b, first ? g : 0);
            gq2.set(b, first ? 0 : g);
        }
        Par.both(() -> policyCritic1.backward(gQpi, false, true), () -> policyCritic2.backward(gQpi2, false, true));
        Buf gi1 = Buf.of(policyCritic1.inputGradient()), gi2 = Buf.of(policyCritic2.inputGradient());
        int cols = obsDims + actDims;
        for (int b = 0; b < rows; b++) {
            for (int k = 0; k < actDims; k++) {
                gAction[b * actDims + k] = gi1.get(b * cols + obsDims + k) + gi2.get(b * cols + obsDims + k);
            }
            gLogProb[b] = c[taskIds[b]] * w[taskIds[b]] * alpha[taskIds[b]];
        }
        long t7 = System.nanoTime();
        ns[6] = t7 - t6;
        head.backward(gAction, gLogProb, gActorOut);
        actor.backward(gActorOut, true, false);
        long t8 = System.nanoTime();
        ns[7] = t8 - t7;
        Buf g1 = Buf.of(gQ1), g2 = Buf.of(gQ2);
        for (int b = 0; b < rows; b++) {
            int t = taskIds[b];
            g1.set(b, c[t] * w[t] * 2 * (q1.get(b) - y[b]));
            g2.set(b, c[t] * w[t] * 2 * (q2.get(b) - y[b]));
        }
        Par.both(() -> critic1.backward(gQ1, true, false), () -> critic2.backward(gQ2, true, false));
        extension.gatherGradients();
        if (cfg.alphaStep() == AlphaStep.WITH_NETWORKS) {
            Buf ga = Buf.of(logAlpha.list().get(0).grad());
            for (int t = 0; t < n; t++) {
                double m = kept == 0 ? 0 : keep[t] / denominator;
                ga.set(t, rowsPerTask[t] == 0 ? 0 : -m * entT[t]);
            }
        }
        long t9 = System.nanoTime();
        ns[8] = t9 - t8;

        double keptD = Math.max(denominator, 1);
        double lPolicy = 0, lQ1 = 0, lQ2 = 0, lAlpha = 0;
        boolean[] maskedT = new boolean[n];
        boolean[] keptT = new boolean[n];
        for (int t = 0; t < n; t++) {
            lPolicy += keep[t] * policyT[t] / keptD;
            lQ1 += keep[t] * q1T[t] / keptD;
            lQ2 += keep[t] * q2T[t] / keptD;
            lAlpha += keep[t] * alphaT[t] / keptD;
            maskedT[t] = rowsPerTask[t] > 0 && keep[t] == 0;
            keptT[t] = rowsPerTask[t] > 0 && keep[t] == 1;
        }
        return new Losses(lPolicy, lQ1, lQ2, lAlpha, kept, masked, w, policyT, q1T, q2T, alphaT, maskedT, keptT);
    }

    private void clampLogAlpha() {
        Buf lab = Buf.of(logAlpha.list().get(0).value());
        for (int t = 0; t < cfg.tasks(); t++) lab.set(t, Math.min(lab.get(t), cfg.maxLogAlpha()));
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1);
        return o;
    }

    private double[] temperatures() {
        return cfg.routeBalancing() ? RouteBalancing.temperatures(logAlphaValues()) : ones(cfg.tasks());
    }

    /** Copies a row-major [rows, width] source into columns [col, col + width) of a [rows, stride] array. */
    private void fill(INDArray dst, float[] src, int width, int col, int stride) {
        Buf d = Buf.of(dst);
        for (int b = 0; b < rows; b++) {
            for (int k = 0; k < width; k++) d.set(b * stride + col + k, src[b * width + k]);
        }
    }

    private void fill(INDArray dst, double[] src, int width, int col, int stride) {
        Buf d = Buf.of(dst);
        for (int b = 0; b < rows; b++) {
            for (int k = 0; k < width; k++) d.set(b * stride + col + k, src[b * width + k]);
        }
    }

    public double[] logAlphaValues() {
        Buf b = Buf.of(logAlpha.list().get(0).value());
        double[] v = new double[cfg.tasks()];
        for (int t = 0; t < v.length; t++) v[t] = b.get(t);
        return v;
    }

    /** Current SampleK temperatures tau_T (what acting in training should use). */
    public double[] taskTemperatures() {
        return tau.clone();
    }

    public long updateCount() {
        return updates;
    }

    public TaskNetwork actor() {
        return actor;
    }

    public Rng rng() {
        return rng;
    }

    /** Everything a checkpoint must hold, in a fixed order: parameter sets and their optimisers. */
    public ParamSet[] parameterSets() {
        java.util.List<ParamSet> sets = new java.util.ArrayList<>(java.util.List.of(actor.params(), critic1.params(), critic2.params(),
                target1.params(), target2.params(), logAlpha));
        for (UpdateExtension.Part p : extension.parts()) {
            sets.add(p.params());
            if (p.target() != null) sets.add(p.target());
        }
        sets.addAll(extension.fixed());
        return sets.toArray(ParamSet[]::new);
    }

    public Adam[] optimizers() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(actorOpt, critic1Opt, critic2Opt, alphaOpt),
                java.util.Arrays.stream(partOpts)).toArray(Adam[]::new);
    }

    /** After restoring parameters and counters from a checkpoint. */
    public void restoreCounters(long updateCount) {
        this.updates = updateCount;
        this.tau = temperatures();
    }
}
