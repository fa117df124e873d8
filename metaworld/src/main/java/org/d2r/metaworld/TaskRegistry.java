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
