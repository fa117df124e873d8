# Generates the reference actions that ScriptedPoliciesTest compares the Java policies with:
# Meta-World's own policy code at the pinned commit, run on random observations that put the
# hand at random scales and near the policies' thresholds around the object, so every phase
# is reached. Output (gzip): task,obs[39],action[4] per line.
#
#   python3 gen_policy_reference.py <Metaworld git dir> <out.csv.gz>          (MT10: reference-actions.csv.gz)
#   python3 gen_policy_reference.py <Metaworld git dir> <out.csv.gz> mt50a    (reference-actions-mt50a.csv.gz)
#
# A group's observations are drawn per task (a generator seeded by the task's name) around the points
# its policy steers to, so a task's lines do not depend on which other tasks are generated.
#
# The Python sources are read with `git show` into a temporary folder, never into this repo.
import gzip, os, subprocess, sys, tempfile, warnings
import numpy as np

COMMIT = '04be337a12305e393c0caf0cbf5ec7755c7c8feb'
NAMES = ['reach', 'push', 'pick_place', 'door_open', 'drawer_open', 'drawer_close',
         'button_press_topdown', 'peg_insertion_side', 'window_open', 'window_close']
GROUPS = {
    'mt50a': {  # task: (policy file name, policy class, offsets from the object to the policy's way points)
        'button-press-topdown-wall-v2': ('button_press_topdown_wall', 'SawyerButtonPressTopdownWallV2Policy',
                                         [(0, -.06, 0), (0, -.06, .1)]),
        'button-press-v2': ('button_press', 'SawyerButtonPressV2Policy', [(0, 0, -.07), (0, -.1, -.07)]),
        'button-press-wall-v2': ('button_press_wall', 'SawyerButtonPressWallV2Policy',
                                 [(0, -.09, .04), (0, -.05, .04), (0, -.02, .04), (0, -.09, .3)]),
        'coffee-button-v2': ('coffee_button', 'SawyerCoffeeButtonV2Policy', [(0, -.1, -.07), (0, .2, -.07)]),
        'coffee-pull-v2': ('coffee_pull', 'SawyerCoffeePullV2Policy', [(-.005, 0, .05), (.01, 0, .05), (0, 0, .2)]),
        'coffee-push-v2': ('coffee_push', 'SawyerCoffeePushV2Policy', [(.01, 0, .05), (.01, 0, .25)]),
        'dial-turn-v2': ('dial_turn', 'SawyerDialTurnV2Policy', [(.05, .02, .09), (.05, .02, .2), (0, .025, .09)]),
        'handle-press-side-v2': ('handle_press_side', 'SawyerHandlePressSideV2Policy', [(0, 0, 0), (0, 0, .2)]),
        'handle-press-v2': ('handle_press', 'SawyerHandlePressV2Policy', [(0, -.02, 0), (0, -.02, .2)]),
        'handle-pull-side-v2': ('handle_pull_side', 'SawyerHandlePullSideV2Policy', [(0, 0, 0), (0, 0, .1)]),
        'handle-pull-v2': ('handle_pull', 'SawyerHandlePullV2Policy', [(0, -.04, 0), (0, -.04, .1)]),
        'lever-pull-v2': ('lever_pull', 'SawyerLeverPullV2Policy', [(0, -.055, 0), (0, -.055, -.1)]),
    },
}
GROUP = sys.argv[3] if len(sys.argv) > 3 else None
if GROUP is not None:
    NAMES = [v[0] for v in GROUPS[GROUP].values()]
tmp = tempfile.mkdtemp()
os.makedirs(os.path.join(tmp, 'metaworld', 'policies'))
for init in ('metaworld/__init__.py', 'metaworld/policies/__init__.py'):
    open(os.path.join(tmp, init), 'w').close()
for path in ['policy.py', 'action.py'] + ['sawyer_%s_v2_policy.py' % n for n in NAMES]:
    src = subprocess.check_output(['git', '-C', sys.argv[1], 'show', '%s:metaworld/policies/%s' % (COMMIT, path)])
    open(os.path.join(tmp, 'metaworld', 'policies', path), 'wb').write(src)
sys.path.insert(0, tmp)
warnings.simplefilter('ignore')

if GROUP is not None:
    import importlib, zlib
    TH = [0.0, 0.02, 0.03, 0.04, 0.05, 0.06, 0.09, 0.1, 0.15]
    with gzip.open(sys.argv[2], 'wt') as f:
        f.write('# reference actions from Meta-World 04be337a policies (%s); task,obs0..obs38,act0..act3\n' % GROUP)
        for task, (name, cls, anchors) in GROUPS[GROUP].items():
            pol = getattr(importlib.import_module('metaworld.policies.sawyer_%s_v2_policy' % name), cls)()
            rng = np.random.default_rng(zlib.crc32(task.encode()))
            straddle = lambda: rng.choice([-1, 1]) * (rng.choice(TH) + rng.uniform(-0.004, 0.004))
            for i in range(230):
                obs = np.round(rng.uniform(-1, 1, 39), 3)
                obj = np.round(rng.uniform([-0.3, 0.5, 0.0], [0.3, 0.95, 0.25]), 6)
                anchor = obj + np.array(anchors[rng.integers(len(anchors))])
                mode = i % 4
                if mode == 0:  # random scales per axis
                    d = rng.uniform(-1, 1, 3) * np.array([rng.choice([0.002, 0.01, 0.03, 0.06, 0.15, 0.4]) for _ in range(3)])
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
                act = pol.get_action(obs.copy())
                f.write(','.join([task] + [repr(float(x)) for x in obs] + [repr(float(x)) for x in act]) + '\n')
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
