package org.d2r.core.baselines;

import java.util.Arrays;

/**
 * CARE's sizes (Sodhani et al. 2021, as facebookresearch/mtrl builds it; README "CARE and PaCo").
 *
 * @param embeddingWidth    width of the frozen task-description embedding (768, RoBERTa)
 * @param taskWidth         e = h of the task encoder: Linear(768, 2e) -> Linear(2e, e) -> trunk of h (50)
 * @param taskLayers        L, hidden layers of the task encoder's trunk (2)
 * @param encoderWidth      hidden and output width of each expert, and the task encoding's width (50)
 * @param experts           k, the mixture's experts (6: what reproduces the paper's parameter count)
 * @param attentionWidth    hidden width of each attention MLP (50)
 * @param attentionLayers   hidden layers of each attention MLP (2)
 * @param temperature       T of the attention's softmax (1)
 * @param hidden            actor and critic trunks over [z_enc; z_ctx] ([400, 400, 400])
 * @param encoderTargetRate Polyak rate of the critic's encoder target (0.05; the critics' own is the update's)
 * @param learningRate      Adam rate of the encoder and the task encoder (3e-4)
 */
public record CareConfig(int embeddingWidth, int taskWidth, int taskLayers, int encoderWidth, int experts, int attentionWidth,
                         int attentionLayers, double temperature, int[] hidden, double encoderTargetRate, double learningRate) {

    public CareConfig {
        if (embeddingWidth < 1 || taskWidth < 1 || taskLayers < 0 || encoderWidth < 1 || experts < 1 || attentionWidth < 1
                || attentionLayers < 0) {
            throw new IllegalArgumentException("CARE sizes must be positive");
        }
        if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) throw new IllegalArgumentException("CARE needs hidden widths >= 1");
        if (!(temperature > 0)) throw new IllegalArgumentException("attention temperature must be positive, got " + temperature);
        if (!(encoderTargetRate > 0 && encoderTargetRate <= 1)) throw new IllegalArgumentException("encoder target rate must be in (0, 1]");
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive");
        hidden = hidden.clone();
    }

    /** mtrl's defaults with 6 experts and the paper's [400, 400, 400] trunks: 1,226,202 (MT10) / 1,256,922 (MT50). */
    public static CareConfig paper() {
        return new CareConfig(768, 50, 2, 50, 6, 50, 2, 1.0, new int[] {400, 400, 400}, 0.05, 3e-4);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * The task encoder's, the experts' and the attentions' widths (e = h = out, encoder, attention) set to {@code w},
     * the actor and critic trunks to {@code hidden}.
     */
    public CareConfig withWidths(int w, int... hidden) {
        return new CareConfig(embeddingWidth, w, taskLayers, w, experts, w, attentionLayers, temperature, hidden, encoderTargetRate,
                learningRate);
    }

    /** Widths of the task encoder: [768, 2e, e, h x L, encoderWidth]. */
    int[] taskWidths() {
        int[] w = new int[4 + taskLayers];
        w[0] = embeddingWidth;
        w[1] = 2 * taskWidth;
        w[2] = taskWidth;
        for (int i = 0; i < taskLayers; i++) w[3 + i] = taskWidth;
        w[w.length - 1] = encoderWidth;
        return w;
    }

    int[] attentionWidths() {
        int[] w = new int[attentionLayers + 2];
        Arrays.fill(w, attentionWidth);
        w[0] = encoderWidth;
        w[w.length - 1] = experts;
        return w;
    }

    int[] trunkWidths(int in, int out) {
        int[] w = new int[hidden.length + 2];
        w[0] = in;
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = out;
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CareConfig c && c.embeddingWidth == embeddingWidth && c.taskWidth == taskWidth && c.taskLayers == taskLayers
                && c.encoderWidth == encoderWidth && c.experts == experts && c.attentionWidth == attentionWidth
                && c.attentionLayers == attentionLayers && c.temperature == temperature && Arrays.equals(c.hidden, hidden)
                && c.encoderTargetRate == encoderTargetRate && c.learningRate == learningRate;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hidden) * 31 + experts;
    }

    @Override
    public String toString() {
        return "CareConfig[k=" + experts + ", encoder=" + encoderWidth + ", task=" + taskWidth + "x" + taskLayers + ", hidden="
                + Arrays.toString(hidden) + "]";
    }
}
