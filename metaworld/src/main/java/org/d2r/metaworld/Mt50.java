package org.d2r.metaworld;

import java.util.List;

/**
 * The MT50 benchmark's tasks in Meta-World's own order at commit 04be337a (env_dict.MT50_V2, whose three
 * repeated entries keep their first place); index = task id of the one-hot in an MT50 run. An MT10 run
 * numbers its tasks in {@link Mt10}'s order instead, and a run on a list of names in the list's order: a task
 * id means a task only together with the run's task list, which every run folder records.
 */
public final class Mt50 {

    public static final List<String> TASKS = List.of("assembly-v2", "basketball-v2", "bin-picking-v2", "box-close-v2",
            "button-press-topdown-v2", "button-press-topdown-wall-v2", "button-press-v2", "button-press-wall-v2",
            "coffee-button-v2", "coffee-pull-v2", "coffee-push-v2", "dial-turn-v2", "disassemble-v2", "door-close-v2",
            "door-lock-v2", "door-open-v2", "door-unlock-v2", "hand-insert-v2", "drawer-close-v2", "drawer-open-v2",
            "faucet-open-v2", "faucet-close-v2", "hammer-v2", "handle-press-side-v2", "handle-press-v2", "handle-pull-side-v2",
            "handle-pull-v2", "lever-pull-v2", "peg-insert-side-v2", "pick-place-wall-v2", "pick-out-of-hole-v2", "reach-v2",
            "push-back-v2", "push-v2", "pick-place-v2", "plate-slide-v2", "plate-slide-side-v2", "plate-slide-back-v2",
            "plate-slide-back-side-v2", "peg-unplug-side-v2", "soccer-v2", "stick-push-v2", "stick-pull-v2", "push-wall-v2",
            "reach-wall-v2", "shelf-place-v2", "sweep-into-v2", "sweep-v2", "window-open-v2", "window-close-v2");

    private Mt50() {}
}
