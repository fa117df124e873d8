package org.d2r.core.config;

/**
 * Extreme-task mask-out (d2r.md section 6): a task whose summed loss (alpha + policy + both critics)
 * exceeds the threshold is dropped from the update. The forms differ in what the remaining total is
 * divided by.
 * <ul>
 * <li>{@link #RELEASE} (default): the release zeroes the masked tasks' losses and takes the mean over all
 *     tasks of the batch, so a masked task still counts in the denominator.</li>
 * <li>{@link #PAPER}: the mean over the remaining tasks, as d2r.md's text reads. Ablation {@code paper-mask-out}.</li>
 * <li>{@link #OFF}: no task is dropped.</li>
 * </ul>
 */
public enum MaskOut {
    OFF, RELEASE, PAPER
}
