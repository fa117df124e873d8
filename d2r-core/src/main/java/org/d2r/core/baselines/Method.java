package org.d2r.core.baselines;

import java.util.Arrays;
import java.util.Locale;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The networks the paper's Table 1 compares and this project implements, each built as an actor
 * (2 x action outputs) or a critic (input [s, a], one output) behind the same {@link TaskNetwork}
 * interface, so one SAC update trains any of them.
 */
public enum Method {
    D2R("d2r", "D2R"),
    MTSAC("mtsac", "Multi-task SAC"),
    MHSAC("mhsac", "Multi-head SAC"),
    SOFTMOD("softmod", "Soft Modularization"),
    CARE("care", "CARE"),
    PACO("paco", "PaCo");

    private final String cliName;
    private final String title;

    Method(String cliName, String title) {
        this.cliName = cliName;
        this.title = title;
    }

    /** The name used on command lines and in run folders. */
    public String cliName() {
        return cliName;
    }

    /** The paper's name of the method. */
    public String title() {
        return title;
    }

    /** Whether the network routes (and so produces and consumes routing paths). */
    public boolean routed() {
        return this == D2R;
    }

    /** Whether actor and critics share parts (CARE's encoders, PaCo's task vectors): {@link Networks} builds them. */
    public boolean sharesParts() {
        return this == CARE || this == PACO;
    }

    /**
     * The update this method trains with, from a preset's. D2R keeps the preset's: the update of the authors'
     * release (ReleaseParityTest). The baselines take the update of the Soft Modularization codebase their
     * numbers in the paper come from ({@link SacConfig#softModuleUpdate}, SoftModuleParityTest; reweighting as in
     * SM's "reweight" configuration, not its MT-SAC and MH-SAC), at the paper's presets with that codebase's
     * reward scale 1 and alpha learning rate 3e-4; a project preset (smoke) keeps its own two. CARE and PaCo
     * have no such source in the paper: they take the settings the paper states for every method (d2r.md,
     * baselines-care-paco.md), which are the preset's: per-task alpha, loss reweighting, mask-out at 3e3.
     */
    public SacConfig update(SacConfig preset, boolean paperPreset) {
        if (this == D2R || sharesParts()) return preset;
        return preset.softModuleUpdate(paperPreset ? SOFT_MODULE_ALPHA_LR : preset.alphaLr(), paperPreset ? 1.0 : preset.rewardScale(),
                preset.taskReweight() && this != MTSAC && this != MHSAC);
    }

    /**
     * The baselines' sizes follow the D2R network they are compared with, so that a preset's methods are of
     * comparable size: at the paper's D2R (F(s) [400, 400], 16 modules of 128, routing [256, 256]) exactly the
     * paper's baselines (MT-SAC and MH-SAC [400]x5, SM 4 x 4 modules of 128 with routing width 256, CARE with mtrl's
     * encoders of 50, PaCo 5 x [400]x3); at the smoke preset's D2R (F(s) [64, 64], 4 modules of 32) networks as small.
     * Trainable parameters as {@code params --preset smoke} counts them (actor and one critic, MT10): D2R 35,517, MT-SAC
     * 1.14x, MH-SAC 1.29x, SM 1.30x, CARE 1.48x, PaCo 3.18x (its five parameter sets: 2.48x D2R in the paper's own Table 1).
     */
    static int[] mlpHidden(D2rNetConfig d2r) {
        int[] h = new int[MultiTaskMlp.PAPER_HIDDEN.length];
        Arrays.fill(h, d2r.stateHidden()[0]);
        return h;
    }

    /**
     * SM's grid holds as many modules as D2R has, as sqrt(n) layers of sqrt(n) modules of D2R's width: 4 x 4 of 128 at the
     * paper's 16 (its SM), 2 x 2 of 32 at smoke's 4 (Soft Modularization's own smaller layout, modular_2_2_2_256). SM's
     * 4 x 4 beside a 4-module D2R was 2.6 times its parameters.
     */
    static SoftModularConfig softModular(D2rNetConfig d2r) {
        SoftModularConfig paper = SoftModularConfig.paper();
        int[] rh = d2r.routerHidden();
        int side = Math.max(2, (int) Math.round(Math.sqrt(d2r.modules())));
        return new SoftModularConfig(d2r.stateHidden(), new int[] {d2r.taskWidth()}, side, side, d2r.moduleWidth(),
                paper.gatingLayers(), rh.length > 0 ? rh[0] : d2r.taskWidth());
    }

    /**
     * CARE at a D2R configuration's scale: trunks of three layers of F(s)'s width, and mtrl's encoder, task-encoder and
     * attention widths (50 at the paper's F(s) of 400) scaled as F(s) is: 8 at smoke's 64. mtrl's 50 beside a 64-wide
     * D2R made CARE 5 times its parameters, most of them the task encoder's first layer on the 768-float embedding.
     */
    static CareConfig care(D2rNetConfig d2r) {
        int h = d2r.stateHidden()[0];
        CareConfig paper = CareConfig.paper();
        int w = Math.max(1, (int) Math.round((double) paper.encoderWidth() * h
                / D2rNetConfig.paper().stateHidden()[0]));
        return paper.withWidths(w, h, h, h);
    }

    /** PaCo at a D2R configuration's scale: K = 5 sets of three layers of F(s)'s width (400 at the paper's). */
    static PacoConfig paco(D2rNetConfig d2r) {
        int h = d2r.stateHidden()[0];
        return PacoConfig.paper().withHidden(h, h, h);
    }

    /**
     * Parameters as the paper's Table 1 counts this method (README "CARE and PaCo"): actor + one critic for
     * D2R, MT-SAC, MH-SAC, SM and PaCo (PaCo's task vectors w once); for CARE, actor + both critics + the task
     * encoder with its frozen N x 768 embedding table, the tied experts once, both attentions, no targets.
     */
    public long paperParameterCount(D2rNetConfig d2r, int obsDims, int actionDims, int tasks) {
        if (!sharesParts()) {
            return actor(d2r, obsDims, actionDims, tasks, 1, DataType.FLOAT, new Rng(0)).params().count()
                    + critic(d2r, obsDims, actionDims, tasks, 1, DataType.FLOAT, new Rng(0)).params().count();
        }
        Networks n = standalone(d2r, obsDims, actionDims, tasks, 1, DataType.FLOAT).build(new Rng(0));
        if (this == PACO) {
            return n.actor().params().count() + n.critic1().params().count() + ((PacoNetwork) n.actor()).parts().taskVectors.count();
        }
        CareParts p = ((CareNetwork) n.actor()).parts();
        return n.actor().params().count() + n.critic1().params().count() + n.critic2().params().count() + p.embedding.count()
                + p.taskEncoder.count() + p.encoder.count() + p.actorAttention.count();
    }

    /** Soft Modularization's alpha rate: its temperature optimiser takes the policy's learning rate. */
    static final double SOFT_MODULE_ALPHA_LR = 3e-4;

    /** The method of a command-line name (case-insensitive); the error lists the valid names. */
    public static Method parse(String name) {
        for (Method m : values()) {
            if (m.cliName.equals(name.toLowerCase(Locale.ROOT))) return m;
        }
        throw new IllegalArgumentException("unknown method '" + name + "': use one of "
                + String.join(", ", Arrays.stream(values()).map(Method::cliName).toList()));
    }

    /**
     * A fresh actor sized from {@code d2r} (the baselines as {@link #mlpHidden} says). For CARE and PaCo an
     * actor with shared parts of its own (CARE's embedding table zero): a network to load a snapshot into or
     * to count; the learner builds actor and critics together with {@link Networks#builder}.
     */
    public TaskNetwork actor(D2rNetConfig d2r, int obsDims, int actionDims, int tasks, int batchSize, DataType dtype,
            Rng rng) {
        if (sharesParts()) return standalone(d2r, obsDims, actionDims, tasks, batchSize, dtype).buildActor(rng);
        return build(d2r, obsDims, 2 * actionDims, tasks, batchSize, dtype, rng);
    }

    /** A fresh critic on [s, a]; sizes as {@link #actor} (CARE and PaCo: with shared parts of its own). */
    public TaskNetwork critic(D2rNetConfig d2r, int obsDims, int actionDims, int tasks, int batchSize, DataType dtype,
            Rng rng) {
        if (sharesParts()) return standalone(d2r, obsDims, actionDims, tasks, batchSize, dtype).build(rng).critic1();
        return build(d2r, obsDims + actionDims, 1, tasks, batchSize, dtype, rng);
    }

    private TaskNetwork build(D2rNetConfig d2r, int in, int out, int tasks, int batchSize, DataType dtype, Rng rng) {
        return switch (this) {
            case D2R -> D2rNetwork.create(d2r, in, out, tasks, batchSize, dtype, rng);
            case MTSAC -> MultiTaskMlp.create(in, out, tasks, mlpHidden(d2r), false, batchSize, dtype, rng);
            case MHSAC -> MultiTaskMlp.create(in, out, tasks, mlpHidden(d2r), true, batchSize, dtype, rng);
            case SOFTMOD -> SoftModularNetwork.create(softModular(d2r), in, out, tasks, batchSize, dtype, rng);
            case CARE, PACO -> throw new AssertionError("CARE and PaCo are built through Networks (actor, critic above)");
        };
    }

    private Networks.Builder standalone(D2rNetConfig d2r, int obsDims, int actionDims, int tasks, int batchSize, DataType dtype) {
        return Networks.builder(this).net(d2r).dims(obsDims, actionDims).tasks(tasks).batchSize(batchSize).dataType(dtype)
                .embeddings(TaskEmbeddings.zeros(tasks, CareConfig.paper().embeddingWidth()));
    }
}
