# Generates the reference actions that ScriptedPoliciesTest compares the Java policies with:
# Meta-World's own policy code at the pinned commit, run on random observations that put the
# hand at random scales and near the policies' thresholds around the object, so every phase
# is reached. Output (gzip): task,obs[39],action[4] per line.
#
#   python3 gen_policy_reference.py <Metaworld git dir> <out.csv.gz> [group]
#
# One reference file per group of ported tasks (ScriptedPoliciesTest.REFERENCES):
#   mt10 (the default)  reference-actions.csv.gz
#   mt50a               reference-actions-mt50a.csv.gz
#   mt50d               reference-actions-mt50d.csv.gz
#   mt50c               reference-actions-mt50c.csv.gz
#   mt50b               reference-actions-mt50b.csv.gz
# A group is its tasks (policy file and class) and the sampler that draws its observations; each
# sampler is kept exactly as its group's reference was made with, so every file reproduces.
# On stderr: per policy, the lines of its source that no observation ran (empty: every phase reached).
#
# The Python sources are read with `git show` into a temporary folder, never into this repo.
import gzip, importlib, os, subprocess, sys, tempfile, warnings, zlib
import numpy as np

COMMIT = '04be337a12305e393c0caf0cbf5ec7755c7c8feb'
SCALES = [0.002, 0.01, 0.03, 0.06, 0.15, 0.4]


def sample_mt10(tasks, anchors={}):
    """One generator (seed 20261123) for the whole group, 230 observations per task, the hand around
    the object; with anchors (mt50b), around the point each policy lines the hand up with instead."""
    rng = np.random.default_rng(20261123)
    for task in tasks:
        for i in range(230):
            obs = np.round(rng.uniform(-1, 1, 39), 3)
            obj = rng.uniform([-0.3, 0.5, 0.0], [0.3, 0.95, 0.25])
            obs[4:7] = obj
            anchor = obj + np.array(anchors[task]) if task in anchors else obj
            hand = anchor + rng.uniform(-1, 1, 3) * np.array([rng.choice(SCALES) for _ in range(3)])
            if i >= 80:  # straddle the policies' thresholds and offsets
                th = [0.0, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.075, 0.1, 0.12, 0.15, 0.2, 0.21, 0.23, 0.25, 0.3, 0.5]
                hand = anchor + np.array([rng.choice([-1, 1]) * (rng.choice(th) + rng.uniform(-0.012, 0.012))
                                          for _ in range(3)])
            if i % 5 == 0:
                hand[:2] = anchor[:2] + rng.uniform(-0.005, 0.005, 2)  # aligned in xy: lower phases
            obs[0:3] = hand
            obs[3] = rng.uniform(0, 1)
            goal = rng.uniform([-0.4, 0.4, 0.0], [0.4, 0.9, 0.3])
            if i % 7 == 0 and task == 'peg-insert-side-v2':
                goal[1] = obj[1] + rng.uniform(-0.02, 0.02); obj[2] = 0.16 + rng.uniform(-0.02, 0.02)
                obs[4:7] = obj; obs[0:3] = obj + rng.uniform(-0.01, 0.01, 3)
            if i % 7 == 0 and task == 'hand-insert-v2':
                goal[:2] = hand[:2] + rng.uniform(-0.06, 0.06, 2); hand[2] = obj[2] + rng.uniform(-0.06, 0.06)
                obs[0:3] = hand
            obs[36:39] = goal
            yield task, np.round(obs, 6)


# mt50b: the point each policy lines the hand up with, relative to the observed object (else the object)
MT50B_ANCHORS = {'door-lock-v2': [-.02, -.02, 0], 'door-unlock-v2': [-.04, -.02, -.03],
                 'faucet-open-v2': [-.04, 0, .03], 'faucet-close-v2': [.04, 0, .03], 'box-close-v2': [0, 0, .02],
                 'plate-slide-v2': [0, -.055, .03], 'plate-slide-side-v2': [.07, 0, -.005],
                 'plate-slide-back-v2': [0, -.065, .025], 'plate-slide-back-side-v2': [.023, 0, .025]}


def sample_mt50b(tasks):
    """MT10's sampler, draw for draw (same seed), around MT50B_ANCHORS."""
    return sample_mt10(tasks, MT50B_ANCHORS)


# mt50a: offsets from the object to the points each policy steers to
MT50A_ANCHORS = {
    'button-press-topdown-wall-v2': [(0, -.06, 0), (0, -.06, .1)],
    'button-press-v2': [(0, 0, -.07), (0, -.1, -.07)],
    'button-press-wall-v2': [(0, -.09, .04), (0, -.05, .04), (0, -.02, .04), (0, -.09, .3)],
    'coffee-button-v2': [(0, -.1, -.07), (0, .2, -.07)],
    'coffee-pull-v2': [(-.005, 0, .05), (.01, 0, .05), (0, 0, .2)],
    'coffee-push-v2': [(.01, 0, .05), (.01, 0, .25)],
    'dial-turn-v2': [(.05, .02, .09), (.05, .02, .2), (0, .025, .09)],
    'handle-press-side-v2': [(0, 0, 0), (0, 0, .2)],
    'handle-press-v2': [(0, -.02, 0), (0, -.02, .2)],
    'handle-pull-side-v2': [(0, 0, 0), (0, 0, .1)],
    'handle-pull-v2': [(0, -.04, 0), (0, -.04, .1)],
    'lever-pull-v2': [(0, -.055, 0), (0, -.055, -.1)],
}


def sample_mt50a(tasks):
    """230 observations per task, drawn per task (a generator seeded by the task's name) around the
    points its policy steers to, so a task's lines do not depend on which other tasks are generated."""
    TH = [0.0, 0.02, 0.03, 0.04, 0.05, 0.06, 0.09, 0.1, 0.15]
    for task in tasks:
        anchors = MT50A_ANCHORS[task]
        rng = np.random.default_rng(zlib.crc32(task.encode()))
        straddle = lambda: rng.choice([-1, 1]) * (rng.choice(TH) + rng.uniform(-0.004, 0.004))
        for i in range(230):
            obs = np.round(rng.uniform(-1, 1, 39), 3)
            obj = np.round(rng.uniform([-0.3, 0.5, 0.0], [0.3, 0.95, 0.25]), 6)
            anchor = obj + np.array(anchors[rng.integers(len(anchors))])
            mode = i % 4
            if mode == 0:  # random scales per axis
                d = rng.uniform(-1, 1, 3) * np.array([rng.choice(SCALES) for _ in range(3)])
            elif mode == 1:  # x-y distance around the thresholds, z near or straddling
                a, r = rng.uniform(0, 2 * np.pi), rng.choice(TH) + rng.uniform(-0.004, 0.004)
                d = np.array([r * np.cos(a), r * np.sin(a), rng.choice([rng.uniform(-0.005, 0.005), straddle()])])
            elif mode == 2:  # each axis near or straddling a threshold
                d = np.array([rng.choice([rng.uniform(-0.005, 0.005), straddle()]) for _ in range(3)])
            else:  # lined up in x-y, z straddling
                d = np.array([rng.uniform(-0.005, 0.005), rng.uniform(-0.005, 0.005), straddle()])
            hand = np.round(anchor + d, 6)
            if task == 'button-press-v2' and i % 23 == 0:
                # numpy isclose's relative term: |dx| just above 0.02, within 0.02 + 1e-5 |x|
                b = obj + np.array([0, 0, -.07])
                hand = b + np.array([rng.choice([-1, 1]) * (0.02 + rng.uniform(0, 2e-5) * abs(b[0])),
                                     rng.uniform(-0.2, 0.2), rng.uniform(-0.01, 0.01)])
            obs[0:3] = hand
            obs[3] = rng.uniform(0, 1)
            obs[4:7] = obj
            obs[36:39] = np.round(rng.uniform([-0.3, 0.4, 0.0], [0.3, 0.9, 0.3]), 6)
            yield task, obs


def sample_mt50d(tasks):
    """One generator (seed 20261206) for the whole group, 300 observations per task, with each policy's
    second reference point (peg, hoop, nail, thermos, the unplug height) also placed near its thresholds."""
    rng = np.random.default_rng(20261206)
    th = [0.0, 0.01, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.07, 0.1, 0.12, 0.15, 0.2, 0.3]
    near = lambda c, w: c + rng.uniform(-w, w, 3)
    for task in tasks:
        for i in range(300):
            obs = np.round(rng.uniform(-1, 1, 39), 3)
            obj = rng.uniform([-0.3, 0.4, 0.0], [0.3, 0.95, 0.4])
            hand = obj + rng.uniform(-1, 1, 3) * np.array([rng.choice(SCALES) for _ in range(3)])
            if i >= 100:
                hand = obj + np.array([rng.choice([-1, 1]) * (rng.choice(th) + rng.uniform(-0.008, 0.008)) for _ in range(3)])
            if i % 5 == 0:
                hand[:2] = obj[:2] + rng.uniform(-0.03, 0.03, 2)
            goal = rng.uniform([-0.4, 0.4, 0.0], [0.4, 0.9, 0.3])
            second = obs[11:14].copy()
            if i % 3 == 1:  # the second reference point near the hand or the object
                if task == 'assembly-v2':
                    goal = near(np.array([hand[0] - .12, hand[1], hand[2] - rng.choice([.14, .34])]), 0.03)
                elif task == 'basketball-v2':
                    obj[2] = 0.34 + rng.uniform(-0.05, 0.05); hand = near(obj + [0, 0, .01], 0.03)
                elif task == 'hammer-v2':
                    obj = near(np.array([0.09, obj[1], 0.17]), 0.03); hand = near(obj + [-.04, 0, -.01], 0.04)
                elif task == 'peg-unplug-side-v2':
                    hand = near(obj + [-.02, 0, .035], 0.05); hand[2] = 0.15 + rng.uniform(-0.03, 0.03)
                elif task in ('stick-push-v2', 'stick-pull-v2'):  # stick x away from the thermos, y, z near
                    dz = .03 if task == 'stick-push-v2' else 0.
                    second = obj + [rng.choice([-1, 1]) * rng.uniform(0.03, 0.1), rng.uniform(-0.03, 0.03),
                                    dz + rng.uniform(-0.03, 0.03)]
                    hand = obj + [rng.uniform(-0.025, 0.025), rng.uniform(-0.01, 0.01), .03 + rng.uniform(-0.03, 0.03)]
            obs[4:7] = obj; obs[0:3] = hand; obs[3] = rng.uniform(0, 1); obs[11:14] = second; obs[36:39] = goal
            yield task, np.round(obs, 6)


# mt50c: where each task puts its object (and, for three tasks, its goal)
MT50C_OBJ_BOX = {'pick-place-wall-v2': ([-0.1, 0.55, 0.0], [0.1, 0.9, 0.3]),
                 'pick-out-of-hole-v2': ([-0.1, 0.5, -0.02], [0.1, 0.8, 0.3]),
                 'push-back-v2': ([-0.15, 0.55, 0.0], [0.15, 0.9, 0.1]),
                 'push-wall-v2': ([-0.2, 0.55, 0.0], [0.4, 0.95, 0.05]),
                 'reach-wall-v2': ([-0.05, 0.6, 0.015], [0.05, 0.65, 0.015]),
                 'shelf-place-v2': ([-0.15, 0.45, 0.0], [0.15, 0.9, 0.35]),
                 'sweep-into-v2': ([-0.15, 0.55, 0.0], [0.15, 0.9, 0.1]),
                 'sweep-v2': ([-0.15, 0.55, -0.1], [0.6, 0.75, 0.1]),
                 'bin-picking-v2': ([-0.25, 0.6, 0.0], [0.2, 0.8, 0.3]),
                 'soccer-v2': ([-0.15, 0.55, 0.0], [0.15, 0.95, 0.05])}
MT50C_GOAL_BOX = {'bin-picking-v2': ([0.12, 0.7, 0.0], [0.12, 0.7, 0.0]),
                  'shelf-place-v2': ([-0.1, 0.8, 0.3], [0.1, 0.9, 0.3]),
                  'sweep-v2': ([0.5, 0.6, 0.01], [0.5, 0.7, 0.01])}


def sample_mt50c(tasks):
    """One generator (seed 20261206) for the whole group, 400 observations per task with the object
    where the task puts it and the hand around the object, the goal and the policy's own waypoints
    (the wall zone, the shelf's x, the target bin, the soccer push point), at random scales and
    across the thresholds."""
    rng = np.random.default_rng(20261206)
    th = [0.0, 0.01, 0.015, 0.02, 0.03, 0.04, 0.055, 0.085, 0.1, 0.15, 0.25, 0.3]
    for task in tasks:
        lo, hi = MT50C_OBJ_BOX[task]
        glo, ghi = MT50C_GOAL_BOX.get(task, ([-0.1, 0.5, 0.0], [0.1, 0.95, 0.3]))
        for i in range(400):
            obs = np.round(rng.uniform(-1, 1, 39), 3)
            obj = rng.uniform(lo, hi)
            goal = rng.uniform(glo, ghi)
            kind = i % 8
            if kind in (0, 1):   # around the object at random scales
                hand = obj + rng.uniform(-1, 1, 3) * np.array([rng.choice(SCALES) for _ in range(3)])
            elif kind in (2, 3):  # across the thresholds around the object (and its offsets)
                base = obj + np.array([rng.choice([0.0, -0.005]), 0.0, rng.choice([0.0, 0.01, 0.015, 0.02, 0.03])])
                hand = base + np.array([rng.choice([-1, 1]) * (rng.choice(th) + rng.uniform(-0.008, 0.008))
                                        for _ in range(3)])
                if rng.uniform() < 0.5:
                    hand[:2] = base[:2] + rng.uniform(-0.01, 0.01, 2)
            elif kind == 4:      # around the goal
                hand = goal + rng.uniform(-1, 1, 3) * np.array([rng.choice(SCALES) for _ in range(3)])
            elif kind == 5:      # anywhere in the workspace
                hand = rng.uniform([-0.3, 0.4, 0.0], [0.45, 0.95, 0.45])
            elif kind == 6:      # the wall zone / shelf line / bin / push point
                if task == 'bin-picking-v2':
                    hand = np.array([0.12, 0.7, 0.0]) + rng.uniform(-1, 1, 3) * np.array([0.03, 0.03, 0.25])
                    hand[2] = abs(hand[2])
                elif task == 'soccer-v2':
                    side = rng.choice([-0.03, 0.0, 0.03])
                    goal[0] = obj[0] - side / 0.03 * rng.uniform(0.05, 0.1) if side else obj[0] + rng.uniform(-0.05, 0.05)
                    push = obj + np.array([side, 0.0 if side else -0.03, 0.0])
                    push[2] = rng.choice([0.03, 0.1])
                    hand = push + rng.uniform(-0.012, 0.012, 3)
                elif task == 'shelf-place-v2':
                    hand = np.array([goal[0] + rng.uniform(-0.04, 0.04), rng.uniform(0.5, 0.8), rng.uniform(0.2, 0.4)])
                    obj = hand + np.array([0.005, 0.0, -0.015]) + rng.uniform(-0.01, 0.01, 3)
                else:
                    hand = rng.uniform([-0.2, 0.55, 0.0], [0.4, 0.85, 0.4])
                    if rng.uniform() < 0.5:
                        obj = hand + np.array([0.005, 0.0, 0.0]) + rng.uniform(-0.01, 0.01, 3)
            else:                # held object: object in the fingers, anywhere
                hand = rng.uniform([-0.3, 0.45, 0.0], [0.45, 0.95, 0.45])
                obj = hand + np.array([0.005, 0.0, -0.02]) + rng.uniform(-0.015, 0.015, 3)
                if task == 'bin-picking-v2':  # at its grasp point (y clamped to the bin's middle)
                    hand[1] = rng.uniform(0.66, 0.74)
                    obj = hand + np.array([0.0, 0.0, -0.03]) + rng.uniform(-0.012, 0.012, 3)
            obs[0:3] = hand
            obs[3] = rng.uniform(0, 1)
            obs[4:7] = obj
            obs[36:39] = goal
            yield task, np.round(obs, 6)


# group: (label in the file's header, sampler, {task: (policy file name, policy class)}), tasks in file order
GROUPS = {
    'mt10': ('', sample_mt10, {
        'reach-v2': ('reach', 'SawyerReachV2Policy'),
        'push-v2': ('push', 'SawyerPushV2Policy'),
        'pick-place-v2': ('pick_place', 'SawyerPickPlaceV2Policy'),
        'door-open-v2': ('door_open', 'SawyerDoorOpenV2Policy'),
        'drawer-open-v2': ('drawer_open', 'SawyerDrawerOpenV2Policy'),
        'drawer-close-v2': ('drawer_close', 'SawyerDrawerCloseV2Policy'),
        'button-press-topdown-v2': ('button_press_topdown', 'SawyerButtonPressTopdownV2Policy'),
        'peg-insert-side-v2': ('peg_insertion_side', 'SawyerPegInsertionSideV2Policy'),
        'window-open-v2': ('window_open', 'SawyerWindowOpenV2Policy'),
        'window-close-v2': ('window_close', 'SawyerWindowCloseV2Policy'),
    }),
    'mt50a': (' (mt50a)', sample_mt50a, {
        'button-press-topdown-wall-v2': ('button_press_topdown_wall', 'SawyerButtonPressTopdownWallV2Policy'),
        'button-press-v2': ('button_press', 'SawyerButtonPressV2Policy'),
        'button-press-wall-v2': ('button_press_wall', 'SawyerButtonPressWallV2Policy'),
        'coffee-button-v2': ('coffee_button', 'SawyerCoffeeButtonV2Policy'),
        'coffee-pull-v2': ('coffee_pull', 'SawyerCoffeePullV2Policy'),
        'coffee-push-v2': ('coffee_push', 'SawyerCoffeePushV2Policy'),
        'dial-turn-v2': ('dial_turn', 'SawyerDialTurnV2Policy'),
        'handle-press-side-v2': ('handle_press_side', 'SawyerHandlePressSideV2Policy'),
        'handle-press-v2': ('handle_press', 'SawyerHandlePressV2Policy'),
        'handle-pull-side-v2': ('handle_pull_side', 'SawyerHandlePullSideV2Policy'),
        'handle-pull-v2': ('handle_pull', 'SawyerHandlePullV2Policy'),
        'lever-pull-v2': ('lever_pull', 'SawyerLeverPullV2Policy'),
    }),
    'mt50d': (' (MT50 group d)', sample_mt50d, {
        'assembly-v2': ('assembly', 'SawyerAssemblyV2Policy'),
        'basketball-v2': ('basketball', 'SawyerBasketballV2Policy'),
        'disassemble-v2': ('disassemble', 'SawyerDisassembleV2Policy'),
        'hammer-v2': ('hammer', 'SawyerHammerV2Policy'),
        'peg-unplug-side-v2': ('peg_unplug_side', 'SawyerPegUnplugSideV2Policy'),
        'stick-push-v2': ('stick_push', 'SawyerStickPushV2Policy'),
        'stick-pull-v2': ('stick_pull', 'SawyerStickPullV2Policy'),
    }),
    'mt50c': (' (MT50 group c)', sample_mt50c, {
        'pick-place-wall-v2': ('pick_place_wall', 'SawyerPickPlaceWallV2Policy'),
        'pick-out-of-hole-v2': ('pick_out_of_hole', 'SawyerPickOutOfHoleV2Policy'),
        'push-back-v2': ('push_back', 'SawyerPushBackV2Policy'),
        'push-wall-v2': ('push_wall', 'SawyerPushWallV2Policy'),
        'reach-wall-v2': ('reach_wall', 'SawyerReachWallV2Policy'),
        'shelf-place-v2': ('shelf_place', 'SawyerShelfPlaceV2Policy'),
        'sweep-into-v2': ('sweep_into', 'SawyerSweepIntoV2Policy'),
        'sweep-v2': ('sweep', 'SawyerSweepV2Policy'),
        'bin-picking-v2': ('bin_picking', 'SawyerBinPickingV2Policy'),
        'soccer-v2': ('soccer', 'SawyerSoccerV2Policy'),
    }),
    'mt50b': ('', sample_mt50b, {
        'door-close-v2': ('door_close', 'SawyerDoorCloseV2Policy'),
        'door-lock-v2': ('door_lock', 'SawyerDoorLockV2Policy'),
        'door-unlock-v2': ('door_unlock', 'SawyerDoorUnlockV2Policy'),
        'faucet-open-v2': ('faucet_open', 'SawyerFaucetOpenV2Policy'),
        'faucet-close-v2': ('faucet_close', 'SawyerFaucetCloseV2Policy'),
        'hand-insert-v2': ('hand_insert', 'SawyerHandInsertV2Policy'),
        'box-close-v2': ('box_close', 'SawyerBoxCloseV2Policy'),
        'plate-slide-v2': ('plate_slide', 'SawyerPlateSlideV2Policy'),
        'plate-slide-side-v2': ('plate_slide_side', 'SawyerPlateSlideSideV2Policy'),
        'plate-slide-back-v2': ('plate_slide_back', 'SawyerPlateSlideBackV2Policy'),
        'plate-slide-back-side-v2': ('plate_slide_back_side', 'SawyerPlateSlideBackSideV2Policy'),
    }),
}

if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] not in GROUPS):
    sys.exit('usage: gen_policy_reference.py <Metaworld git dir> <out.csv.gz> [%s]' % '|'.join(GROUPS))
label, sample, tasks = GROUPS[sys.argv[3] if len(sys.argv) == 4 else 'mt10']

tmp = tempfile.mkdtemp()
os.makedirs(os.path.join(tmp, 'metaworld', 'policies'))
for init in ('metaworld/__init__.py', 'metaworld/policies/__init__.py'):
    open(os.path.join(tmp, init), 'w').close()
for path in ['policy.py', 'action.py'] + ['sawyer_%s_v2_policy.py' % name for name, _ in tasks.values()]:
    src = subprocess.check_output(['git', '-C', sys.argv[1], 'show', '%s:metaworld/policies/%s' % (COMMIT, path)])
    open(os.path.join(tmp, 'metaworld', 'policies', path), 'wb').write(src)
sys.path.insert(0, tmp)
warnings.simplefilter('ignore')

P = {task: getattr(importlib.import_module('metaworld.policies.sawyer_%s_v2_policy' % name), cls)()
     for task, (name, cls) in tasks.items()}
SRC = {task: sys.modules[type(p).__module__].__file__ for task, p in P.items()}
covered = {task: set() for task in P}


def tracer(task):
    def trace(frame, event, arg):
        if frame.f_code.co_filename == SRC[task]:
            covered[task].add(frame.f_lineno)
        return trace
    return trace


with gzip.open(sys.argv[2], 'wt') as f:
    f.write('# reference actions from Meta-World 04be337a policies%s; task,obs0..obs38,act0..act3\n' % label)
    for task, obs in sample(list(tasks)):
        sys.settrace(tracer(task))
        act = P[task].get_action(obs.copy())
        sys.settrace(None)
        f.write(','.join([task] + [repr(float(x)) for x in obs] + [repr(float(x)) for x in act]) + '\n')

for task, p in P.items():  # the policy's code lines (its static methods' bodies) that no observation ran
    text = open(SRC[task]).read().splitlines()
    lines = set()
    for m in (c for c in vars(type(p)).values() if isinstance(c, staticmethod)):
        code = m.__func__.__code__
        lines |= {l for _, _, l in code.co_lines() if l is not None and l > code.co_firstlineno}
    code_lines = {l for l in lines if text[l - 1].strip() not in ('', 'else:', '}') and not text[l - 1].strip().startswith('#')}
    print('%s: %d lines, missed %s' % (task, len(code_lines), sorted(code_lines - covered[task])), file=sys.stderr)
