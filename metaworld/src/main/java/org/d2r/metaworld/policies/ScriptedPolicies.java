package org.d2r.metaworld.policies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Looks up Meta-World's scripted policy for a task name (the MT10 tasks first, then the other ported tasks). */
public final class ScriptedPolicies {
    private static final Map<String, Supplier<ScriptedPolicy>> BY_TASK = new LinkedHashMap<>();

    static {
        register(ReachPolicy::new);
        register(PushPolicy::new);
        register(PickPlacePolicy::new);
        register(DoorOpenPolicy::new);
        register(DrawerOpenPolicy::new);
        register(DrawerClosePolicy::new);
        register(ButtonPressTopdownPolicy::new);
        register(PegInsertSidePolicy::new);
        register(WindowOpenPolicy::new);
        register(WindowClosePolicy::new);
        register(ButtonPressTopdownWallPolicy::new);
        register(ButtonPressPolicy::new);
        register(ButtonPressWallPolicy::new);
        register(CoffeeButtonPolicy::new);
        register(CoffeePullPolicy::new);
        register(CoffeePushPolicy::new);
        register(DialTurnPolicy::new);
        register(HandlePressSidePolicy::new);
        register(HandlePressPolicy::new);
        register(HandlePullSidePolicy::new);
        register(HandlePullPolicy::new);
        register(LeverPullPolicy::new);
        register(AssemblyPolicy::new);
        register(DisassemblePolicy::new);
        register(BasketballPolicy::new);
        register(HammerPolicy::new);
        register(PegUnplugSidePolicy::new);
        register(StickPushPolicy::new);
        register(StickPullPolicy::new);
        register(PickPlaceWallPolicy::new);
        register(PickOutOfHolePolicy::new);
        register(PushBackPolicy::new);
        register(PushWallPolicy::new);
        register(ReachWallPolicy::new);
        register(ShelfPlacePolicy::new);
        register(SweepIntoPolicy::new);
        register(SweepPolicy::new);
        register(BinPickingPolicy::new);
        register(SoccerPolicy::new);
        register(BoxClosePolicy::new);
        register(DoorClosePolicy::new);
        register(DoorLockPolicy::new);
        register(DoorUnlockPolicy::new);
        register(HandInsertPolicy::new);
        register(FaucetOpenPolicy::new);
        register(FaucetClosePolicy::new);
        register(PlateSlidePolicy::new);
        register(PlateSlideSidePolicy::new);
        register(PlateSlideBackPolicy::new);
        register(PlateSlideBackSidePolicy::new);
    }

    private ScriptedPolicies() {}

    private static void register(Supplier<ScriptedPolicy> factory) {
        BY_TASK.put(factory.get().task(), factory);
    }

    /** The task names that have a scripted policy, in registration order (MT10 first, in MT10 order). */
    public static List<String> tasks() {
        return List.copyOf(BY_TASK.keySet());
    }

    /**
     * @throws IllegalArgumentException naming the known tasks if {@code task} has no policy
     */
    public static ScriptedPolicy forTask(String task) {
        Supplier<ScriptedPolicy> f = BY_TASK.get(task);
        if (f == null) {
            throw new IllegalArgumentException("no scripted policy for task '" + task
                    + "'; known: " + String.join(", ", BY_TASK.keySet()));
        }
        return f.get();
    }
}
