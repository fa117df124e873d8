package org.d2r.core.sac;

import org.d2r.core.config.SacConfig;

/**
 * When to act randomly and when to update (section 6): uniformly random actions for the first
 * warmupStepsPerTask steps of every task, no update until minTransitions are stored, then
 * updatesPerEnvStep gradient steps per step of all N environments (fractional ratios accumulate, so
 * 0.5 means one update every second step). Its two counters are part of a checkpoint's extras.
 */
public final class TrainingSchedule {
    private final SacConfig cfg;
    private long envSteps;
    private double credit;

    public TrainingSchedule(SacConfig cfg) {
        this.cfg = cfg;
    }

    /**
     * Records one step of all N environments and returns how many updates are due after it.
     *
     * @param storedTransitions transitions in the replay over all tasks after this step
     */
    public int afterEnvStep(long storedTransitions) {
        envSteps++;
        if (envSteps <= cfg.warmupStepsPerTask() || storedTransitions < cfg.minTransitions()) return 0;
        credit += cfg.updatesPerEnvStep();
        int due = (int) Math.floor(credit + 1e-9);
        credit -= due;
        return due;
    }

    public long envStepsPerTask() {
        return envSteps;
    }

    /** Counters for a checkpoint: env steps per task and the fractional update credit. */
    public long[] state() {
        return new long[] {envSteps, Double.doubleToRawLongBits(credit)};
    }

    public void restore(long[] s) {
        if (s.length != 2) throw new IllegalArgumentException("schedule state has 2 longs, got " + s.length);
        envSteps = s[0];
        credit = Double.longBitsToDouble(s[1]);
    }
}
