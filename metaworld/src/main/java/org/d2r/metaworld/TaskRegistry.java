package org.d2r.metaworld;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Task name to environment class. Classes are looked up by name so that a task whose class is not
 * built yet is reported as missing instead of breaking the module. Each class lives in
 * {@code org.d2r.metaworld.tasks} and has a public constructor taking an {@link EnvConfig}.
 */
final class TaskRegistry {

    private static final String PKG = "org.d2r.metaworld.tasks.";
    private static final Map<String, String> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put("reach-v2", PKG + "ReachV2");
        CLASSES.put("push-v2", PKG + "PushV2");
        CLASSES.put("pick-place-v2", PKG + "PickPlaceV2");
        CLASSES.put("door-open-v2", PKG + "DoorOpenV2");
        CLASSES.put("drawer-open-v2", PKG + "DrawerOpenV2");
        CLASSES.put("drawer-close-v2", PKG + "DrawerCloseV2");
        CLASSES.put("button-press-topdown-v2", PKG + "ButtonPressTopdownV2");
        CLASSES.put("peg-insert-side-v2", PKG + "PegInsertSideV2");
        CLASSES.put("window-open-v2", PKG + "WindowOpenV2");
        CLASSES.put("window-close-v2", PKG + "WindowCloseV2");
        CLASSES.put("button-press-topdown-wall-v2", PKG + "ButtonPressTopdownWallV2");
        CLASSES.put("button-press-v2", PKG + "ButtonPressV2");
        CLASSES.put("button-press-wall-v2", PKG + "ButtonPressWallV2");
        CLASSES.put("coffee-button-v2", PKG + "CoffeeButtonV2");
        CLASSES.put("coffee-pull-v2", PKG + "CoffeePullV2");
        CLASSES.put("coffee-push-v2", PKG + "CoffeePushV2");
        CLASSES.put("dial-turn-v2", PKG + "DialTurnV2");
        CLASSES.put("handle-press-side-v2", PKG + "HandlePressSideV2");
        CLASSES.put("handle-press-v2", PKG + "HandlePressV2");
        CLASSES.put("handle-pull-side-v2", PKG + "HandlePullSideV2");
        CLASSES.put("handle-pull-v2", PKG + "HandlePullV2");
        CLASSES.put("lever-pull-v2", PKG + "LeverPullV2");
        CLASSES.put("assembly-v2", PKG + "AssemblyV2");
        CLASSES.put("disassemble-v2", PKG + "DisassembleV2");
        CLASSES.put("basketball-v2", PKG + "BasketballV2");
        CLASSES.put("hammer-v2", PKG + "HammerV2");
        CLASSES.put("peg-unplug-side-v2", PKG + "PegUnplugSideV2");
        CLASSES.put("stick-push-v2", PKG + "StickPushV2");
        CLASSES.put("stick-pull-v2", PKG + "StickPullV2");
        CLASSES.put("pick-place-wall-v2", PKG + "PickPlaceWallV2");
        CLASSES.put("pick-out-of-hole-v2", PKG + "PickOutOfHoleV2");
        CLASSES.put("push-back-v2", PKG + "PushBackV2");
        CLASSES.put("push-wall-v2", PKG + "PushWallV2");
        CLASSES.put("reach-wall-v2", PKG + "ReachWallV2");
        CLASSES.put("shelf-place-v2", PKG + "ShelfPlaceV2");
        CLASSES.put("sweep-into-v2", PKG + "SweepIntoV2");
        CLASSES.put("sweep-v2", PKG + "SweepV2");
        CLASSES.put("bin-picking-v2", PKG + "BinPickingV2");
        CLASSES.put("soccer-v2", PKG + "SoccerV2");
        CLASSES.put("box-close-v2", PKG + "BoxCloseV2");
        CLASSES.put("door-close-v2", PKG + "DoorCloseV2");
        CLASSES.put("door-lock-v2", PKG + "DoorLockV2");
        CLASSES.put("door-unlock-v2", PKG + "DoorUnlockV2");
        CLASSES.put("hand-insert-v2", PKG + "HandInsertV2");
        CLASSES.put("faucet-open-v2", PKG + "FaucetOpenV2");
        CLASSES.put("faucet-close-v2", PKG + "FaucetCloseV2");
        CLASSES.put("plate-slide-v2", PKG + "PlateSlideV2");
        CLASSES.put("plate-slide-side-v2", PKG + "PlateSlideSideV2");
        CLASSES.put("plate-slide-back-v2", PKG + "PlateSlideBackV2");
        CLASSES.put("plate-slide-back-side-v2", PKG + "PlateSlideBackSideV2");
    }

    private TaskRegistry() {}

    static Set<String> names() {
        return Collections.unmodifiableSet(CLASSES.keySet());
    }

    static String className(String task) {
        String cls = CLASSES.get(task);
        if (cls == null) {
            throw new IllegalArgumentException("Unknown Meta-World task '" + task + "'. Valid tasks: "
                    + String.join(", ", CLASSES.keySet()));
        }
        return cls;
    }

    static boolean isImplemented(String task) {
        try {
            Class.forName(className(task));
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static SawyerXYZEnv create(String task, EnvConfig cfg) {
        String cls = className(task);
        Class<?> c;
        try {
            c = Class.forName(cls);
        } catch (ClassNotFoundException e) {
            throw new UnsupportedOperationException("Task '" + task + "' is listed but not implemented yet ("
                    + cls + " is missing from this build)");
        }
        try {
            Constructor<?> ctor = c.getConstructor(EnvConfig.class);
            return (SawyerXYZEnv) ctor.newInstance(cfg);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Creating " + task + " failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(cls + " must be a public class with a public (EnvConfig) constructor", e);
        }
    }
}
