package org.d2r.metaworld.tasks;

import java.util.function.Function;
import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * The object-to-goal tasks whose reward is a pure function of {@link RewardInputs}, so that
 * TaskRewardTest can check it on recorded states: a step gathers the inputs and hands them to the
 * task's static evaluate.
 */
abstract class ObjectTask extends SawyerXYZEnv {

    private final Function<RewardInputs, Evaluation> reward;
    /** Whether the info reads touching_main_object; the other tasks skip its contact scan. */
    private final boolean touching;

    ObjectTask(String task, String scene, EnvConfig cfg, boolean touching, Function<RewardInputs, Evaluation> reward) {
        this(task, scene, cfg, 0.05, touching, reward);
    }

    ObjectTask(String task, String scene, EnvConfig cfg, double handLowZ, boolean touching,
               Function<RewardInputs, Evaluation> reward) {
        super(task, scene, cfg, new double[] {-0.5, 0.40, handLowZ});
        this.touching = touching;
        this.reward = reward;
    }

    @Override
    protected final Evaluation evaluateState(double[] obs, double[] action) {
        return reward.apply(new RewardInputs(obs, action, tcpCenter(), initTcp, targetPos, objInitPos, leftPadY(),
                rightPadY(), touching && touchingMainObject()));
    }
}
