package org.d2r.metaworld.tasks;

/**
 * What the object tasks' rewards read from the simulator after a step, gathered so the reward can
 * be a pure function (checked in TaskRewardTest against Meta-World's own reward code on recorded
 * states) while the live environment passes the same values.
 *
 * @param obs the observation after the step (obs[4..6] is the object)
 * @param action the raw action (its last entry, the grab effort, feeds the caging rewards)
 * @param tcp tool-centre point now
 * @param initTcp tool-centre point after the episode's hand reset
 * @param target the episode's goal
 * @param objInitPos the object's initial position this episode
 * @param leftPadY y of the left finger pad body now
 * @param rightPadY y of the right finger pad body now
 * @param touching Meta-World's touching_main_object (both pads push on the object); only read by
 *     the tasks whose info uses it
 */
record RewardInputs(double[] obs, double[] action, double[] tcp, double[] initTcp, double[] target,
                    double[] objInitPos, double leftPadY, double rightPadY, boolean touching) {

    double[] obj() {
        return new double[] {obs[4], obs[5], obs[6]};
    }

    double tcpOpened() {
        return obs[3];
    }
}
