# Generates the reference actions that ScriptedPoliciesTest compares the Java policies with:
# Meta-World's own policy code at the pinned commit, run on random observations that put the
# hand at random scales and near the policies' thresholds around the object, so every phase
# is reached. Output (gzip): task,obs[39],action[4] per line.
#
#   python3 gen_policy_reference.py <Metaworld git dir> <out.csv.gz>
#   python3 gen_policy_reference.py <Metaworld git dir> <out.csv.gz> mt50c   (MT50 group c, below)
#
# The Python sources are read with `git show` into a temporary folder, never into this repo.
import gzip, os, subprocess, sys, tempfile, warnings
import numpy as np

COMMIT = '04be337a12305e393c0caf0cbf5ec7755c7c8feb'
NAMES = ['reach', 'push', 'pick_place', 'door_open', 'drawer_open', 'drawer_close',
         'button_press_topdown', 'peg_insertion_side', 'window_open', 'window_close']


def gen_mt50c(out, policies):
    """MT50 group c: per policy 400 observations with the object where the task puts it and the
    hand around the object, the goal and the policy's own waypoints (the wall zone, the shelf's x,
    the target bin, the soccer push point), at random scales and across the thresholds. Every line
    of each policy's source is checked to run on some observation."""
    rng = np.random.default_rng(20261206)
    scales = [0.002, 0.01, 0.03, 0.06, 0.15, 0.4]
    th = [0.0, 0.01, 0.015, 0.02, 0.03, 0.04, 0.055, 0.085, 0.1, 0.15, 0.25, 0.3]
    obj_box = {'pick-place-wall-v2': ([-0.1, 0.55, 0.0], [0.1, 0.9, 0.3]),
               'pick-out-of-hole-v2': ([-0.1, 0.5, -0.02], [0.1, 0.8, 0.3]),
               'push-back-v2': ([-0.15, 0.55, 0.0], [0.15, 0.9, 0.1]),
               'push-wall-v2': ([-0.2, 0.55, 0.0], [0.4, 0.95, 0.05]),
               'reach-wall-v2': ([-0.05, 0.6, 0.015], [0.05, 0.65, 0.015]),
               'shelf-place-v2': ([-0.15, 0.45, 0.0], [0.15, 0.9, 0.35]),
               'sweep-into-v2': ([-0.15, 0.55, 0.0], [0.15, 0.9, 0.1]),
               'sweep-v2': ([-0.15, 0.55, -0.1], [0.6, 0.75, 0.1]),
               'bin-picking-v2': ([-0.25, 0.6, 0.0], [0.2, 0.8, 0.3]),
               'soccer-v2': ([-0.15, 0.55, 0.0], [0.15, 0.95, 0.05])}
    goal_box = {'bin-picking-v2': ([0.12, 0.7, 0.0], [0.12, 0.7, 0.0]),
                'shelf-place-v2': ([-0.1, 0.8, 0.3], [0.1, 0.9, 0.3]),
                'sweep-v2': ([0.5, 0.6, 0.01], [0.5, 0.7, 0.01])}
    src = {}
    for task, pol in policies.items():
        src[task] = sys.modules[type(pol).__module__].__file__
    with gzip.open(out, 'wt') as f:
        f.write('# reference actions from Meta-World 04be337a policies (MT50 group c); task,obs0..obs38,act0..act3\n')
        for task, pol in policies.items():
            covered = set()
            def tracer(frame, event, arg):
                if frame.f_code.co_filename == src[task]:
                    covered.add(frame.f_lineno)
                return tracer
            lo, hi = obj_box[task]
            glo, ghi = goal_box.get(task, ([-0.1, 0.5, 0.0], [0.1, 0.95, 0.3]))
            for i in range(400):
                obs = np.round(rng.uniform(-1, 1, 39), 3)
                obj = rng.uniform(lo, hi)
                goal = rng.uniform(glo, ghi)
                kind = i % 8
                if kind in (0, 1):   # around the object at random scales
                    hand = obj + rng.uniform(-1, 1, 3) * np.array([rng.choice(scales) for _ in range(3)])
                elif kind in (2, 3):  # across the thresholds around the object (and its offsets)
                    base = obj + np.array([rng.choice([0.0, -0.005]), 0.0, rng.choice([0.0, 0.01, 0.015, 0.02, 0.03])])
                    hand = base + np.array([rng.choice([-1, 1]) * (rng.choice(th) + rng.uniform(-0.008, 0.008))
                                            for _ in range(3)])
                    if rng.uniform() < 0.5:
                        hand[:2] = base[:2] + rng.uniform(-0.01, 0.01, 2)
                elif kind == 4:      # around the goal
                    hand = goal + rng.uniform(-1, 1, 3) * np.array([rng.choice(scales) for _ in range(3)])
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
                obs = np.round(obs, 6); inp = obs.copy()
                sys.settrace(tracer)
                act = pol.get_action(inp)
                sys.settrace(None)
                f.write(','.join([task] + [repr(float(x)) for x in obs] + [repr(float(x)) for x in act]) + '\n')
            fn = [c for c in vars(type(pol)).values() if isinstance(c, staticmethod)]
            lines = set()
            for m in fn:
                code = m.__func__.__code__
                lines |= {l for _, _, l in code.co_lines() if l is not None and l > code.co_firstlineno}
            code_lines = {l for l in lines
                          if open(src[task]).read().splitlines()[l - 1].strip() not in ('', 'else:', '}')
                          and not open(src[task]).read().splitlines()[l - 1].strip().startswith('#')}
            missed = sorted(code_lines - covered)
            print('%s: %d lines, missed %s' % (task, len(code_lines), missed), file=sys.stderr)


tmp = tempfile.mkdtemp()
os.makedirs(os.path.join(tmp, 'metaworld', 'policies'))
for init in ('metaworld/__init__.py', 'metaworld/policies/__init__.py'):
    open(os.path.join(tmp, init), 'w').close()
MT50C = {
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
}
if len(sys.argv) > 3 and sys.argv[3] == 'mt50c':
    NAMES = [n for n, _ in MT50C.values()]
for path in ['policy.py', 'action.py'] + ['sawyer_%s_v2_policy.py' % n for n in NAMES]:
    src = subprocess.check_output(['git', '-C', sys.argv[1], 'show', '%s:metaworld/policies/%s' % (COMMIT, path)])
    open(os.path.join(tmp, 'metaworld', 'policies', path), 'wb').write(src)
sys.path.insert(0, tmp)
warnings.simplefilter('ignore')
if len(sys.argv) > 3 and sys.argv[3] == 'mt50c':
    import importlib
    gen_mt50c(sys.argv[2], {task: getattr(importlib.import_module('metaworld.policies.sawyer_%s_v2_policy' % n), c)()
                            for task, (n, c) in MT50C.items()})
    sys.exit(0)
from metaworld.policies.sawyer_reach_v2_policy import SawyerReachV2Policy
from metaworld.policies.sawyer_push_v2_policy import SawyerPushV2Policy
from metaworld.policies.sawyer_pick_place_v2_policy import SawyerPickPlaceV2Policy
from metaworld.policies.sawyer_door_open_v2_policy import SawyerDoorOpenV2Policy
from metaworld.policies.sawyer_drawer_open_v2_policy import SawyerDrawerOpenV2Policy
from metaworld.policies.sawyer_drawer_close_v2_policy import SawyerDrawerCloseV2Policy
from metaworld.policies.sawyer_button_press_topdown_v2_policy import SawyerButtonPressTopdownV2Policy
from metaworld.policies.sawyer_peg_insertion_side_v2_policy import SawyerPegInsertionSideV2Policy
from metaworld.policies.sawyer_window_open_v2_policy import SawyerWindowOpenV2Policy
from metaworld.policies.sawyer_window_close_v2_policy import SawyerWindowCloseV2Policy

P = {
 'reach-v2': SawyerReachV2Policy(), 'push-v2': SawyerPushV2Policy(), 'pick-place-v2': SawyerPickPlaceV2Policy(),
 'door-open-v2': SawyerDoorOpenV2Policy(), 'drawer-open-v2': SawyerDrawerOpenV2Policy(),
 'drawer-close-v2': SawyerDrawerCloseV2Policy(), 'button-press-topdown-v2': SawyerButtonPressTopdownV2Policy(),
 'peg-insert-side-v2': SawyerPegInsertionSideV2Policy(), 'window-open-v2': SawyerWindowOpenV2Policy(),
 'window-close-v2': SawyerWindowCloseV2Policy()}
rng = np.random.default_rng(20261123)
scales = [0.002, 0.01, 0.03, 0.06, 0.15, 0.4]
with gzip.open(sys.argv[2], 'wt') as f:
    f.write('# reference actions from Meta-World 04be337a policies; task,obs0..obs38,act0..act3\n')
    for task, pol in P.items():
        for i in range(230):
            obs = np.round(rng.uniform(-1, 1, 39), 3)
            obj = rng.uniform([-0.3, 0.5, 0.0], [0.3, 0.95, 0.25])
            obs[4:7] = obj
            hand = obj + rng.uniform(-1, 1, 3) * np.array([rng.choice(scales) for _ in range(3)])
            if i >= 80:  # straddle the policies' thresholds and offsets
                th = [0.0, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.075, 0.1, 0.12, 0.15, 0.2, 0.21, 0.23, 0.25, 0.3, 0.5]
                hand = obj + np.array([rng.choice([-1, 1]) * (rng.choice(th) + rng.uniform(-0.012, 0.012)) for _ in range(3)])
            if i % 5 == 0:
                hand[:2] = obj[:2] + rng.uniform(-0.005, 0.005, 2)  # aligned in xy: lower phases
            obs[0:3] = hand
            obs[3] = rng.uniform(0, 1)
            goal = rng.uniform([-0.4, 0.4, 0.0], [0.4, 0.9, 0.3])
            if i % 7 == 0 and task == 'peg-insert-side-v2':
                goal[1] = obj[1] + rng.uniform(-0.02, 0.02); obj[2] = 0.16 + rng.uniform(-0.02, 0.02)
                obs[4:7] = obj; obs[0:3] = obj + rng.uniform(-0.01, 0.01, 3)
            obs[36:39] = goal
            obs = np.round(obs, 6); inp = obs.copy()
            act = pol.get_action(inp)
            f.write(','.join([task] + [repr(float(x)) for x in obs] + [repr(float(x)) for x in act]) + '\n')
