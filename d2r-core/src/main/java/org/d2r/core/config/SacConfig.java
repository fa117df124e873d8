package org.d2r.core.config;

/**
 * The multi-task SAC update of d2r.md section 6 and the D2R-specific training switches of section
 * 5 and 7, paper/release values by default.
 *
 * @param tasks               N
 * @param batchPerTask        rows per task in one update (128; batch = N x 128)
 * @param discount            gamma (0.99)
 * @param rewardScale         factor applied to the batch's environment rewards (0.1)
 * @param polyak              target-network rate (0.005 per update)
 * @param actorLr             Adam learning rate of the actor (3e-4)
 * @param criticLr            Adam learning rate of each critic (3e-4)
 * @param alphaLr             Adam learning rate of log alpha (1e-4)
 * @param targetEntropy       -(action dims) (-4)
 * @param maxLogAlpha         log alpha is clamped to at most this after each step (0)
 * @param gradClip            max gradient norm per network (1)
 * @param taskLossThreshold   extreme-task mask-out threshold on a task's summed loss (3e3)
 * @param maskOut             extreme-task mask-out ({@link MaskOut}): the release's, the paper's or off
 * @param taskReweight        w_T = N softmax(-log alpha)_T on policy and critic losses (true)
 * @param routeBalancing      tau_T from alpha (section 5); false = tau 1 for every task (ablation)
 * @param storedPaths         train the actor on the behaviour paths d_old (true); false = "target
 *                            routing" ablation: freshly sampled paths
 * @param sampleKWhenActing   SampleK when acting in training (true); false = "w/o SampleK" ablation
 * @param warmupStepsPerTask  uniformly random actions per task before learning (4000)
 * @param minTransitions      no update until this many transitions are stored (1000)
 * @param updatesPerEnvStep   gradient steps per step of all N environments (1)
 * @param alphaStep           when log alpha steps: with the networks (the release) or first (Soft Modularization's code)
 */
public record SacConfig(int tasks, int batchPerTask, double discount, double rewardScale, double polyak, double actorLr,
                        double criticLr, double alphaLr, double targetEntropy, double maxLogAlpha, double gradClip,
                        double taskLossThreshold, MaskOut maskOut, boolean taskReweight, boolean routeBalancing,
                        boolean storedPaths, boolean sampleKWhenActing, int warmupStepsPerTask, int minTransitions,
                        double updatesPerEnvStep, AlphaStep alphaStep) {

    public SacConfig {
        if (tasks < 1) throw new IllegalArgumentException("tasks must be >= 1, got " + tasks);
        if (batchPerTask < 1) throw new IllegalArgumentException("batchPerTask must be >= 1, got " + batchPerTask);
        if (!(discount >= 0 && discount < 1)) throw new IllegalArgumentException("discount must be in [0, 1), got " + discount);
        if (!(polyak > 0 && polyak <= 1)) throw new IllegalArgumentException("polyak must be in (0, 1], got " + polyak);
        if (!(actorLr > 0 && criticLr > 0 && alphaLr > 0)) throw new IllegalArgumentException("learning rates must be positive");
        if (!(gradClip > 0)) throw new IllegalArgumentException("gradClip must be positive, got " + gradClip);
        if (!(rewardScale > 0)) throw new IllegalArgumentException("rewardScale must be positive, got " + rewardScale);
        if (alphaStep == null) throw new IllegalArgumentException("alphaStep is required (WITH_NETWORKS or FIRST)");
        if (maskOut == null) throw new IllegalArgumentException("maskOut is required (OFF, RELEASE or PAPER)");
        if (warmupStepsPerTask < 0 || minTransitions < 0) throw new IllegalArgumentException("warm-up counts must be >= 0");
        if (!(updatesPerEnvStep > 0)) throw new IllegalArgumentException("updatesPerEnvStep must be positive, got " + updatesPerEnvStep);
    }

    /** The release's MT10/MT50 values for N tasks and A action dimensions. */
    public static SacConfig paper(int tasks, int actionDims) {
        return new SacConfig(tasks, 128, 0.99, 0.1, 0.005, 3e-4, 3e-4, 1e-4, -actionDims, 0.0, 1.0, 3e3, MaskOut.RELEASE, true, true,
                true, true, 4000, 1000, 1.0, AlphaStep.WITH_NETWORKS);
    }

    public int batchSize() {
        return tasks * batchPerTask;
    }

    public SacConfig withBatchPerTask(int b) {
        return toBuilder().batchPerTask(b).build();
    }

    /**
     * The update of Soft Modularization's codebase (the paper's baseline numbers): log alpha stepped first,
     * unclipped and unclamped, with its own learning rate; no extreme-task mask-out; the given reward
     * scale and task reweighting (its MT-SAC and MH-SAC configurations do not reweight, its SM ones do).
     */
    public SacConfig softModuleUpdate(double alphaLr, double rewardScale, boolean reweight) {
        return toBuilder().alphaLr(alphaLr).rewardScale(rewardScale).maxLogAlpha(Double.POSITIVE_INFINITY).maskOut(MaskOut.OFF)
                .taskReweight(reweight).alphaStep(AlphaStep.FIRST).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes to a configuration's values by name instead of 21 positional arguments, validated again by build. */
    public static final class Builder {
        private int tasks;
        private int batchPerTask;
        private int warmupStepsPerTask;
        private int minTransitions;
        private double discount;
        private double rewardScale;
        private double polyak;
        private double actorLr;
        private double criticLr;
        private double alphaLr;
        private double targetEntropy;
        private double maxLogAlpha;
        private double gradClip;
        private double taskLossThreshold;
        private double updatesPerEnvStep;
        private boolean taskReweight;
        private boolean routeBalancing;
        private boolean storedPaths;
        private boolean sampleKWhenActing;
        private MaskOut maskOut;
        private AlphaStep alphaStep;

        private Builder(SacConfig c) {
            tasks = c.tasks;
            batchPerTask = c.batchPerTask;
            discount = c.discount;
            rewardScale = c.rewardScale;
            polyak = c.polyak;
            actorLr = c.actorLr;
            criticLr = c.criticLr;
            alphaLr = c.alphaLr;
            targetEntropy = c.targetEntropy;
            maxLogAlpha = c.maxLogAlpha;
            gradClip = c.gradClip;
            taskLossThreshold = c.taskLossThreshold;
            maskOut = c.maskOut;
            taskReweight = c.taskReweight;
            routeBalancing = c.routeBalancing;
            storedPaths = c.storedPaths;
            sampleKWhenActing = c.sampleKWhenActing;
            warmupStepsPerTask = c.warmupStepsPerTask;
            minTransitions = c.minTransitions;
            updatesPerEnvStep = c.updatesPerEnvStep;
            alphaStep = c.alphaStep;
        }

        public Builder tasks(int v) { tasks = v; return this; }
        public Builder batchPerTask(int v) { batchPerTask = v; return this; }
        public Builder discount(double v) { discount = v; return this; }
        public Builder rewardScale(double v) { rewardScale = v; return this; }
        public Builder actorLr(double v) { actorLr = v; return this; }
        public Builder criticLr(double v) { criticLr = v; return this; }
        public Builder alphaLr(double v) { alphaLr = v; return this; }
        public Builder maxLogAlpha(double v) { maxLogAlpha = v; return this; }
        public Builder maskOut(MaskOut v) { maskOut = v; return this; }
        public Builder taskReweight(boolean v) { taskReweight = v; return this; }
        public Builder routeBalancing(boolean v) { routeBalancing = v; return this; }
        public Builder storedPaths(boolean v) { storedPaths = v; return this; }
        public Builder sampleKWhenActing(boolean v) { sampleKWhenActing = v; return this; }

        /** Uniformly random actions per task before learning, and the transitions stored before the first update. */
        public Builder warmup(int stepsPerTask, int min) { warmupStepsPerTask = stepsPerTask; minTransitions = min; return this; }
        public Builder updatesPerEnvStep(double v) { updatesPerEnvStep = v; return this; }
        public Builder alphaStep(AlphaStep v) { alphaStep = v; return this; }

        public SacConfig build() {
            return new SacConfig(tasks, batchPerTask, discount, rewardScale, polyak, actorLr, criticLr, alphaLr, targetEntropy,
                    maxLogAlpha, gradClip, taskLossThreshold, maskOut, taskReweight, routeBalancing, storedPaths, sampleKWhenActing,
                    warmupStepsPerTask, minTransitions, updatesPerEnvStep, alphaStep);
        }
    }
}
