package org.d2r.metaworld;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Task name to environment class. Classes are looked up by name so that a task whose class is not
 * built yet is reported as missing instead of breaking the module. Each class lives in
 * {@code org.d2r.metaworld.tasks} and has a public constructor taking an {@link EnvConfig}.
 */
final class TaskRegistry {

    private static final String PKG = "org.d2r.metaworld.tasks.";
    /** Every task, the MT10 ones first in MT10's order. */
    private static final List<String> NAMES = List.of("reach-v2", "push-v2", "pick-place-v2", "door-open-v2",
            "drawer-open-v2", "drawer-close-v2", "button-press-topdown-v2", "peg-insert-side-v2", "window-open-v2",
            "window-close-v2", "button-press-topdown-wall-v2", "button-press-v2", "button-press-wall-v2",
            "coffee-button-v2", "coffee-pull-v2", "coffee-push-v2", "dial-turn-v2", "handle-press-side-v2",
            "handle-press-v2", "handle-pull-side-v2", "handle-pull-v2", "lever-pull-v2", "assembly-v2",
            "disassemble-v2", "basketball-v2", "hammer-v2", "peg-unplug-side-v2", "stick-push-v2", "stick-pull-v2",
            "pick-place-wall-v2", "pick-out-of-hole-v2", "push-back-v2", "push-wall-v2", "reach-wall-v2",
            "shelf-place-v2", "sweep-into-v2", "sweep-v2", "bin-picking-v2", "soccer-v2", "box-close-v2",
            "door-close-v2", "door-lock-v2", "door-unlock-v2", "hand-insert-v2", "faucet-open-v2", "faucet-close-v2",
            "plate-slide-v2", "plate-slide-side-v2", "plate-slide-back-v2", "plate-slide-back-side-v2");
    private static final Set<String> NAME_SET = Collections.unmodifiableSet(new LinkedHashSet<>(NAMES));

    private TaskRegistry() {}

    static Set<String> names() {
        return NAME_SET;
    }

    /** The task's class: its name in camel case (push-back-v2: PushBackV2). */
    static String className(String task) {
        if (!NAME_SET.contains(task)) {
            throw new IllegalArgumentException("Unknown Meta-World task '" + task + "'. Valid tasks: "
                    + String.join(", ", NAMES));
        }
        StringBuilder cls = new StringBuilder(PKG);
        for (String word : task.split("-")) {
            cls.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
        return cls.toString();
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
