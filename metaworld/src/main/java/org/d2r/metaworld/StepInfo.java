package org.d2r.metaworld;

/**
 * Meta-World V2's info dictionary. {@code success} is 0 or 1 (Meta-World stores it as a float);
 * an episode counts as a success if it is 1 at any step.
 */
public record StepInfo(double success, double nearObject, double graspSuccess, double graspReward,
                       double inPlaceReward, double objToTarget, double unscaledReward) {

    /** What Meta-World reports for a step after the simulation went unstable. */
    public static final StepInfo UNSTABLE = new StepInfo(0, 0, 0, 0, 0, 0, 0);

    public boolean isSuccess() {
        return success >= 1.0;
    }
}
