package org.d2r.metaworld.policies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.ToDoubleBiFunction;
import java.util.function.UnaryOperator;

/** Looks up Meta-World's scripted policy for a task name (the MT10 tasks first, then the other ported tasks). */
public final class ScriptedPolicies {
    private static final Map<String, ScriptedPolicy> BY_TASK = new LinkedHashMap<>();

    static {
        // reach: straight for the goal, gripper relaxed
        register("reach-v2", obs -> Move.action(Move.move(Obs.hand(obs), Obs.goal(obs), 5.0), 0.0));
        steer("push-v2", 10.0, null, PushPolicy::desiredPos, grip(0.02, 0.10, 0.0, 0.6));
        register("pick-place-v2", PickPlacePolicy::action);
        steer("door-open-v2", 25.0, DoorOpenPolicy::desiredPos, 1.0);
        register("drawer-open-v2", DrawerOpenPolicy::action);
        steer("drawer-close-v2", 25.0, DrawerClosePolicy::desiredPos, 1.0);
        steer("button-press-topdown-v2", 25.0, ButtonPressTopdownPolicy::desiredPos, 1.0);
        steer("peg-insert-side-v2", 25.0, null, PegInsertSidePolicy::desiredPos, grip(0.04, 0.15, -1.0, 0.6));
        steer("window-open-v2", 25.0, (hand, handle) -> WindowOpenPolicy.desiredPos(hand, handle, 1, 0.3), 1.0);
        steer("window-close-v2", 25.0, (hand, handle) -> WindowOpenPolicy.desiredPos(hand, handle, -1, 0.25), 1.0);
        // the top-down press aimed 6 cm in front of the button (in -y), gripper open
        steer("button-press-topdown-wall-v2", 25.0,
                (hand, button) -> ButtonPressTopdownPolicy.desiredPos(hand, Vec3.plus(button, .0, -.06, .0)), -1.0);
        steer("button-press-v2", 25.0, ButtonPressPolicy::desiredPos, 0.0);
        steer("button-press-wall-v2", 15.0, new double[] {.0, .0, .04}, ButtonPressWallPolicy::desiredPos,
                ButtonPressWallPolicy::grabEffort);
        steer("coffee-button-v2", 10.0, CoffeeButtonPolicy::desiredPos, -1.0);
        steer("coffee-pull-v2", 10.0, null, CoffeePullPolicy::desiredPos,
                (hand, mug) -> CoffeePullPolicy.grabEffort(hand, mug, .7));
        steer("coffee-push-v2", 10.0, null, CoffeePushPolicy::desiredPos,
                (hand, mug) -> CoffeePullPolicy.grabEffort(hand, mug, .5));
        steer("dial-turn-v2", 10.0, DialTurnPolicy::desiredPos, 1.0);
        steer("handle-press-side-v2", 25.0, HandlePressSidePolicy::desiredPos, 1.0);
        // handle-press-side's moves aimed 2 cm in front of the handle's tip, gripper open
        steer("handle-press-v2", 25.0,
                (hand, handle) -> HandlePressSidePolicy.desiredPos(hand, Vec3.plus(handle, .0, -.02, .0)), -1.0);
        steer("handle-pull-side-v2", 25.0, null, HandlePullSidePolicy::desiredPos, grip(0.04, 0.04, 0., 0.6));
        steer("handle-pull-v2", 25.0, HandlePullPolicy::desiredPos, 1.);
        steer("lever-pull-v2", 25.0, LeverPullPolicy::desiredPos, 1.);
        steer("assembly-v2", 10.0, new double[] {-.02, .0, .0},
                (hand, wrench, goal) -> AssemblyPolicy.desiredPos(hand, wrench, Vec3.plus(goal, .12, .0, .14)),
                grip(0.02, 0.12, 0., 0.6));
        steer("disassemble-v2", 10.0, new double[] {-.02, .0, .01}, DisassemblePolicy::desiredPos,
                grip(0.02, 0.07, 0., 0.8));
        steer("basketball-v2", 25.0, null, (hand, ball, goal) ->
                BasketballPolicy.desiredPos(hand, Vec3.plus(ball, 0, 0, .01), Vec3.of(goal[0], .875, .35)),
                grip(0.04, 0.15, -1., .6));
        steer("hammer-v2", 10.0, new double[] {-.04, .0, -.01}, HammerPolicy::desiredPos, grip(0.04, 0.1, 0., 0.8));
        steer("peg-unplug-side-v2", 25.0, new double[] {-.02, .0, .035}, PegUnplugSidePolicy::desiredPos,
                grip(0.04, 0.15, -1., .1));
        register("stick-push-v2", StickPushPolicy::action);
        register("stick-pull-v2", StickPullPolicy::action);
        steer("pick-place-wall-v2", 10.0, null, PickPlaceWallPolicy::desiredPos, grip(0.015, 0.1, 0.0, 0.9));
        steer("pick-out-of-hole-v2", 25.0, null, PickOutOfHolePolicy::desiredPos, PickOutOfHolePolicy::grabEffort);
        steer("push-back-v2", 10.0, null, PushBackPolicy::desiredPos, grip(0.04, 0.085, 0.0, 0.9));
        steer("push-wall-v2", 10.0, null, PushWallPolicy::desiredPos, grip(0.02, 0.10, 0.0, 0.6));
        steer("reach-wall-v2", 5.0, null, (hand, puck, goal) -> ReachWallPolicy.desiredPos(hand, goal),
                (hand, puck) -> 0.);
        steer("shelf-place-v2", 25.0, null, (hand, block, goal) -> ShelfPlacePolicy.desiredPos(hand, block, goal[0]),
                grip(0.04, 0.15, -1., .7));
        steer("sweep-into-v2", 25.0, null, SweepIntoPolicy::desiredPos, grip(0.04, 0.15, -1., .7));
        steer("sweep-v2", 25.0, null, SweepPolicy::desiredPos, SweepPolicy::grabEffort);
        steer("bin-picking-v2", 25.0, null, BinPickingPolicy::desiredPos, BinPickingPolicy::grabEffort);
        steer("soccer-v2", 25.0, null, SoccerPolicy::desiredPos, (hand, ball) -> 1.);
        steer("box-close-v2", 25.0, new double[] {0, 0, .02}, BoxClosePolicy::desiredPos, grip(0.01, 0.13, .5, 1.));
        // door-close: straight for the goal, gripper closed, pushing the door shut on the way (Meta-World's
        // policy also shifts the door position inside the caller's observation, unused; this one leaves it)
        register("door-close-v2", obs -> Move.action(Move.move(Obs.hand(obs), Obs.goal(obs), 25.0), 1.0));
        steer("door-lock-v2", 25.0, DoorLockPolicy::desiredPos, -1.0);
        steer("door-unlock-v2", 25.0, DoorUnlockPolicy::desiredPos, 1.0);
        steer("hand-insert-v2", 10.0, null, HandInsertPolicy::desiredPos, grip(0.02, 0.1, 0., 0.65));
        steer("faucet-open-v2", 25.0, (hand, handle) -> FaucetOpenPolicy.desiredPos(hand, handle, -.04, .1), 1.0);
        steer("faucet-close-v2", 25.0, (hand, handle) -> FaucetOpenPolicy.desiredPos(hand, handle, +.04, -.1), 1.0);
        steer("plate-slide-v2", 10.0, null, (hand, puck, goal) -> PlateSlidePolicy.desiredPos(hand, puck, goal[0]),
                (hand, puck) -> -1.);
        steer("plate-slide-side-v2", 25.0, PlateSlideSidePolicy::desiredPos, 1.0);
        steer("plate-slide-back-v2", 10.0, PlateSlideBackPolicy::desiredPos, -1.0);
        steer("plate-slide-back-side-v2", 10.0, PlateSlideBackSidePolicy::desiredPos, 1.0);
    }

    private ScriptedPolicies() {}

    private static void register(String task, UnaryOperator<double[]> action) {
        BY_TASK.put(task, new Scripted(task, action));
    }

    /** Meta-World's usual shape: move the hand with gain {@code p} towards aim(hand, object), constant grab effort. */
    private static void steer(String task, double p, BinaryOperator<double[]> aim, double grabEffort) {
        steer(task, p, null, aim, (hand, obj) -> grabEffort);
    }

    /**
     * The same with the grab effort a function of hand and object; the object shifted by {@code shift} (null: the
     * object itself).
     */
    private static void steer(String task, double p, double[] shift, BinaryOperator<double[]> aim,
                              ToDoubleBiFunction<double[], double[]> grab) {
        steer(task, p, shift, (Aim) (hand, obj, goal) -> aim.apply(hand, obj), grab);
    }

    /** The same towards aim(hand, object, goal). */
    private static void steer(String task, double p, double[] shift, Aim aim,
                              ToDoubleBiFunction<double[], double[]> grab) {
        register(task, obs -> {
            double[] hand = Obs.hand(obs);
            double[] obj = object(obs, shift);
            return Move.action(Move.move(hand, aim.at(hand, obj, Obs.goal(obs)), p), grab.applyAsDouble(hand, obj));
        });
    }

    /** Meta-World's usual _grab_effort, see {@link Move#grab}. */
    private static ToDoubleBiFunction<double[], double[]> grip(double xy, double z, double far, double near) {
        return (hand, obj) -> Move.grab(hand, obj, xy, z, far, near);
    }

    private static double[] object(double[] obs, double[] shift) {
        return shift == null ? Obs.object(obs) : Vec3.plus(Obs.object(obs), shift[0], shift[1], shift[2]);
    }

    private interface Aim {
        double[] at(double[] hand, double[] obj, double[] goal);
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
