package org.d2r.core.baselines;

import java.util.Arrays;

/**
 * PaCo's sizes (Sun et al. 2022, paco-mtrl with its ALF fork; README "CARE and PaCo").
 *
 * @param paramSets    K, parameter sets composed by each task's vector w_T (5)
 * @param hidden       hidden widths of actor and critic ([400, 400, 400]), every layer compositional
 * @param headGain     xavier gain of the actor's mean and std heads (0.3)
 * @param learningRate Adam rate of the task vectors (3e-4, as actor and critic)
 */
public record PacoConfig(int paramSets, int[] hidden, double headGain, double learningRate) {

    public PacoConfig {
        if (paramSets < 1) throw new IllegalArgumentException("PaCo needs at least one parameter set, got " + paramSets);
        if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) throw new IllegalArgumentException("PaCo needs hidden widths >= 1");
        if (!(headGain > 0 && learningRate > 0)) throw new IllegalArgumentException("head gain and learning rate must be positive");
        hidden = hidden.clone();
    }

    /** The paper's Table 6: 5 sets of [400, 400, 400]; 3,394,095 parameters (MT10, actor + one critic + w). */
    public static PacoConfig paper() {
        return new PacoConfig(5, new int[] {400, 400, 400}, 0.3, 3e-4);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    public PacoConfig withHidden(int... h) {
        return new PacoConfig(paramSets, h, headGain, learningRate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PacoConfig c && c.paramSets == paramSets && Arrays.equals(c.hidden, hidden) && c.headGain == headGain
                && c.learningRate == learningRate;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hidden) * 31 + paramSets;
    }

    @Override
    public String toString() {
        return "PacoConfig[K=" + paramSets + ", hidden=" + Arrays.toString(hidden) + "]";
    }
}
