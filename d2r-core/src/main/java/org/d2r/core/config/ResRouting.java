package org.d2r.core.config;

/**
 * Which form of ResRouting's stop-gradient rule (d2r.md section 4) a D2R network trains with.
 * <ul>
 * <li>{@link #RELEASE} (default): the authors' release, which produced the paper's numbers. Module i reads
 *     x^i = sum_j p_j (suitable j ? m^j : rsg[m^j]) through W_i, but its own shortcut adds the ungated
 *     sum_j p_j m^j, so an unsuitable source still gets full gradient through the consumer's shortcut.</li>
 * <li>{@link #PAPER}: the paper's Eq. 10-12 as written: one x^i feeds both W_i and the shortcut, and an
 *     unsuitable source's gradient reaches only the shortcut of its module. Ablation {@code paper-resrouting}.</li>
 * <li>{@link #OFF}: every source passes full gradient (ablation {@code no-resrouting}).</li>
 * </ul>
 * Forward values are the same in all three; only training-mode gradients differ.
 */
public enum ResRouting {
    OFF, RELEASE, PAPER
}
