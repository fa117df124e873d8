package org.d2r.metaworld.policies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Looks up Meta-World's scripted policy for a task name (the MT10 tasks first, then the other ported tasks). */
public final class ScriptedPolicies {
    private static final Map<String, ScriptedPolicy> BY_TASK = new LinkedHashMap<>();

    static {
        register("reach-v2", ReachPolicy::action);
        register("push-v2", PushPolicy::action);
        register("pick-place-v2", PickPlacePolicy::action);
        register("door-open-v2", DoorOpenPolicy::action);
        register("drawer-open-v2", DrawerOpenPolicy::action);
        register("drawer-close-v2", DrawerClosePolicy::action);
        register("button-press-topdown-v2", ButtonPressTopdownPolicy::action);
        register("peg-insert-side-v2", PegInsertSidePolicy::action);
        register("window-open-v2", WindowOpenPolicy::action);
        register("window-close-v2", WindowClosePolicy::action);
        register("button-press-topdown-wall-v2", ButtonPressTopdownWallPolicy::action);
        register("button-press-v2", ButtonPressPolicy::action);
        register("button-press-wall-v2", ButtonPressWallPolicy::action);
        register("coffee-button-v2", CoffeeButtonPolicy::action);
        register("coffee-pull-v2", CoffeePullPolicy::action);
        register("coffee-push-v2", CoffeePushPolicy::action);
        register("dial-turn-v2", DialTurnPolicy::action);
        register("handle-press-side-v2", HandlePressSidePolicy::action);
        register("handle-press-v2", HandlePressPolicy::action);
        register("handle-pull-side-v2", HandlePullSidePolicy::action);
        register("handle-pull-v2", HandlePullPolicy::action);
        register("lever-pull-v2", LeverPullPolicy::action);
        register("assembly-v2", AssemblyPolicy::action);
        register("disassemble-v2", DisassemblePolicy::action);
        register("basketball-v2", BasketballPolicy::action);
        register("hammer-v2", HammerPolicy::action);
        register("peg-unplug-side-v2", PegUnplugSidePolicy::action);
        register("stick-push-v2", StickPushPolicy::action);
        register("stick-pull-v2", StickPullPolicy::action);
        register("pick-place-wall-v2", PickPlaceWallPolicy::action);
        register("pick-out-of-hole-v2", PickOutOfHolePolicy::action);
        register("push-back-v2", PushBackPolicy::action);
        register("push-wall-v2", PushWallPolicy::action);
        register("reach-wall-v2", ReachWallPolicy::action);
        register("shelf-place-v2", ShelfPlacePolicy::action);
        register("sweep-into-v2", SweepIntoPolicy::action);
        register("sweep-v2", SweepPolicy::action);
        register("bin-picking-v2", BinPickingPolicy::action);
        register("soccer-v2", SoccerPolicy::action);
        register("box-close-v2", BoxClosePolicy::action);
        register("door-close-v2", DoorClosePolicy::action);
        register("door-lock-v2", DoorLockPolicy::action);
        register("door-unlock-v2", DoorUnlockPolicy::action);
        register("hand-insert-v2", HandInsertPolicy::action);
        register("faucet-open-v2", FaucetOpenPolicy::action);
        register("faucet-close-v2", FaucetClosePolicy::action);
        register("plate-slide-v2", PlateSlidePolicy::action);
        register("plate-slide-side-v2", PlateSlideSidePolicy::action);
        register("plate-slide-back-v2", PlateSlideBackPolicy::action);
        register("plate-slide-back-side-v2", PlateSlideBackSidePolicy::action);
    }

    private ScriptedPolicies() {}

    private static void register(String task, UnaryOperator<double[]> action) {
        BY_TASK.put(task, new Scripted(task, action));
    }

    /** Meta-World's policies are pure functions of the observation, so one instance serves every caller. */
    private record Scripted(String task, UnaryOperator<double[]> policy) implements ScriptedPolicy {
        @Override
        public double[] action(double[] obs) {
            Obs.check(obs);
            return policy.apply(obs);
        }
    }

    /** The task names that have a scripted policy, in registration order (MT10 first, in MT10 order). */
    public static List<String> tasks() {
        return List.copyOf(BY_TASK.keySet());
    }

    /**
     * @throws IllegalArgumentException naming the known tasks if {@code task} has no policy
     */
    public static ScriptedPolicy forTask(String task) {
        ScriptedPolicy p = BY_TASK.get(task);
        if (p == null) {
            throw new IllegalArgumentException("no scripted policy for task '" + task
                    + "'; known: " + String.join(", ", BY_TASK.keySet()));
        }
        return p;
    }
}
