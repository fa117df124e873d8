package org.d2r.metaworld.tasks;

import org.d2r.metaworld.EnvConfig;
import org.d2r.metaworld.SawyerXYZEnv;

/**
 * Builds a task's environment by its Meta-World name. The tasks of one family (the button box, the handle box,
 * the plate slides, ...) are one class given each task's scene, reset space and variant here.
 */
public final class Tasks {
    private Tasks() {}

    /** @throws IllegalArgumentException for a name that is not one of the 50 tasks */
    public static SawyerXYZEnv create(String task, EnvConfig cfg) {
        return switch (task) {
            case "reach-v2" -> new ReachTask(task, "sawyer_reach_v2.xml", cfg, false,
                    new double[] {-0.1, 0.8, 0.2}, new double[] {-0.1, 0.6, 0.02, -0.1, 0.8, 0.05},
                    new double[] {0.1, 0.7, 0.02, 0.1, 0.9, 0.3});
            case "push-v2" -> new PushV2(cfg);
            case "pick-place-v2" -> new PickPlaceV2(cfg);
            case "door-open-v2" -> new DoorPull(task, cfg, true);
            case "drawer-open-v2" -> new Drawer(task, cfg, false);
            case "drawer-close-v2" -> new Drawer(task, cfg, true);
            case "button-press-topdown-v2" -> new ButtonBox(task, "sawyer_button_press_topdown.xml", cfg,
                    ButtonBox.Style.TOPDOWN, 0.8, new double[] {-0.1, 0.8, 0.115}, new double[] {0.1, 0.9, 0.115});
            case "peg-insert-side-v2" -> new PegInsertSideV2(cfg);
            case "window-open-v2" -> new SlidingWindow(task, cfg, true, -0.1,
                    new double[] {-0.1, 0.7, 0.16}, new double[] {0.1, 0.9, 0.16});
            case "window-close-v2" -> new SlidingWindow(task, cfg, false, 0.1,
                    new double[] {0., 0.75, 0.2}, new double[] {0., 0.9, 0.2});
            case "button-press-topdown-wall-v2" -> new ButtonBox(task, "sawyer_button_press_topdown_wall.xml", cfg,
                    ButtonBox.Style.TOPDOWN, 0.8, new double[] {-0.1, 0.8, 0.115}, new double[] {0.1, 0.9, 0.115});
            case "button-press-v2" -> new ButtonBox(task, "sawyer_button_press.xml", cfg,
                    ButtonBox.Style.PRESS, 0.9, new double[] {-0.1, 0.85, 0.115}, new double[] {0.1, 0.9, 0.115});
            case "button-press-wall-v2" -> new ButtonBox(task, "sawyer_button_press_wall.xml", cfg,
                    ButtonBox.Style.WALL, 0.9, new double[] {-0.05, 0.85, 0.1149}, new double[] {0.05, 0.9, 0.1151});
            case "coffee-button-v2" -> new CoffeeButtonV2(cfg);
            case "coffee-pull-v2" -> new CoffeeMug(task, cfg, new double[] {0, 0.75, 0.},
                    new double[] {0., 0.6, 0}, new double[] {-0.05, 0.7, -.001, -0.1, 0.55, -.001},
                    new double[] {0.05, 0.75, +.001, 0.1, 0.65, +.001}, "mug_goal", false);
            case "coffee-push-v2" -> new CoffeeMug(task, cfg, new double[] {0., .6, 0.},
                    new double[] {0., 0.75, 0}, new double[] {-0.1, 0.55, -.001, -0.05, 0.7, -.001},
                    new double[] {0.1, 0.65, +.001, 0.05, 0.75, +.001}, "coffee_goal", true);
            case "dial-turn-v2" -> new DialTurnV2(cfg);
            case "handle-press-side-v2" -> new HandleBox(task, cfg, true, false, "handleStart",
                    new double[] {-0.35, 0.65, -0.001}, new double[] {-0.25, 0.75, +0.001});
            case "handle-press-v2" -> new HandleBox(task, cfg, false, false, "handleStart",
                    new double[] {-0.1, 0.8, -0.001}, new double[] {0.1, 0.9, +0.001});
            case "handle-pull-side-v2" -> new HandleBox(task, cfg, true, true, "handleCenter",
                    new double[] {-0.35, 0.65, 0.0}, new double[] {-0.25, 0.75, 0.0});
            case "handle-pull-v2" -> new HandleBox(task, cfg, false, true, "handleRight",
                    new double[] {-0.1, 0.8, -0.001}, new double[] {0.1, 0.9, +0.001});
            case "lever-pull-v2" -> new LeverPullV2(cfg);
            case "assembly-v2" -> new RoundNut(task, cfg, true);
            case "disassemble-v2" -> new RoundNut(task, cfg, false);
            case "basketball-v2" -> new BasketballV2(cfg);
            case "hammer-v2" -> new HammerV2(cfg);
            case "peg-unplug-side-v2" -> new PegUnplugSideV2(cfg);
            // hand_low y, thermos, stick, then the reset space: stick position and goal
            case "stick-push-v2" -> new StickThermos(task, cfg, true, 0.40, new double[] {0.2, 0.6, 0.0},
                    new double[] {-0.1, 0.6, 0.02}, new double[] {-0.08, 0.58, 0.000, 0.399, 0.55, 0.1319},
                    new double[] {-0.03, 0.62, 0.001, 0.401, 0.6, 0.1321});
            case "stick-pull-v2" -> new StickThermos(task, cfg, false, 0.35, new double[] {0.2, 0.69, 0.0},
                    new double[] {0, 0.6, 0.02}, new double[] {-0.1, 0.55, 0.000, 0.35, 0.45, 0.0199},
                    new double[] {0., 0.65, 0.001, 0.45, 0.55, 0.0201});
            // reset space: obj_low + goal_low, obj_high + goal_high
            case "pick-place-wall-v2" -> new WallPuck(task, "sawyer_pick_place_wall_v2.xml", cfg, true,
                    new double[] {0.05, 0.8, 0.2}, new double[] {-0.05, 0.6, 0.015, -0.05, 0.85, 0.05},
                    new double[] {0.05, 0.65, 0.015, 0.05, 0.9, 0.3});
            case "pick-out-of-hole-v2" -> new PickOutOfHoleV2(cfg);
            case "push-back-v2" -> new PushBackV2(cfg);
            case "push-wall-v2" -> new WallPuck(task, "sawyer_push_wall_v2.xml", cfg, false,
                    new double[] {0.05, 0.8, 0.015}, new double[] {-0.05, 0.6, 0.015, -0.05, 0.85, 0.01},
                    new double[] {0.05, 0.65, 0.015, 0.05, 0.9, 0.02});
            case "reach-wall-v2" -> new ReachTask(task, "sawyer_reach_wall_v2.xml", cfg, true,
                    new double[] {-0.05, 0.8, 0.2}, new double[] {-0.05, 0.6, 0.015, -0.05, 0.85, 0.05},
                    new double[] {0.05, 0.65, 0.015, 0.05, 0.9, 0.3});
            case "shelf-place-v2" -> new ShelfPlaceV2(cfg);
            case "sweep-into-v2" -> new SweepTask(task, cfg, true);
            case "sweep-v2" -> new SweepTask(task, cfg, false);
            case "bin-picking-v2" -> new BinPickingV2(cfg);
            case "soccer-v2" -> new SoccerV2(cfg);
            case "box-close-v2" -> new BoxCloseV2(cfg);
            case "door-close-v2" -> new DoorPull(task, cfg, false);
            case "door-lock-v2" -> new DoorLockBox(task, cfg, true);
            case "door-unlock-v2" -> new DoorLockBox(task, cfg, false);
            case "hand-insert-v2" -> new HandInsertV2(cfg);
            case "faucet-open-v2" -> new Faucet(task, cfg, true, F32.of(-0.05, 0.8, 0.0), F32.of(0.05, 0.85, 0.0));
            case "faucet-close-v2" -> new Faucet(task, cfg, false, F32.of(-0.1, 0.8, 0.0), F32.of(0.1, 0.85, 0.0));
            case "plate-slide-v2" -> new PlateSlideBase(task, "sawyer_plate_slide.xml", cfg,
                    F32.of(0., 0.6, 0., -0.1, 0.85, 0.), F32.of(0., 0.6, 0., 0.1, 0.9, 0.), F32.of(0., 0.6, 0.),
                    new double[] {0., 0.85, 0.02}, true, new double[] {0, 0}, PlateSlideBase.Shape.FORWARD);
            case "plate-slide-side-v2" -> new PlateSlideBase(task, "sawyer_plate_slide_sideway.xml",
                    cfg, F32.of(0., 0.6, 0., -0.3, 0.54, 0.), F32.of(0., 0.6, 0., -0.25, 0.66, 0.), F32.of(0., 0.6, 0.),
                    new double[] {-0.25, 0.6, 0.015}, true, new double[] {0, 0}, PlateSlideBase.Shape.BONUS);
            case "plate-slide-back-v2" -> new PlateSlideBase(task, "sawyer_plate_slide.xml", cfg,
                    F32.of(0., 0.85, 0., -0.1, 0.6, 0.015), F32.of(0., 0.85, 0., 0.1, 0.6, 0.015), F32.of(0., 0.85, 0.),
                    new double[] {0., 0.6, 0.015}, false, new double[] {0, 0.15}, PlateSlideBase.Shape.BONUS);
            case "plate-slide-back-side-v2" -> new PlateSlideBase(task,
                    "sawyer_plate_slide_sideway.xml", cfg, F32.of(-0.25, 0.6, 0., -0.05, 0.6, 0.015),
                    F32.of(-0.25, 0.6, 0., 0.15, 0.6, 0.015), F32.of(-0.25, 0.6, 0.02), new double[] {0., 0.6, 0.015},
                    false, new double[] {-0.15, 0.}, PlateSlideBase.Shape.BONUS);
            default -> throw new IllegalArgumentException("Unknown Meta-World task '" + task + "'");
        };
    }
}
