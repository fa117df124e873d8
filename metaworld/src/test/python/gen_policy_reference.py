# Generates the reference actions that ScriptedPoliciesTest compares the Java policies with:
# Meta-World's own policy code at the pinned commit, run on random observations that put the
# hand at random scales and near the policies' thresholds around the object, so every phase
# is reached. Output (gzip): task,obs[39],action[4] per line.
#
#   python3 gen_policy_reference.py <Metaworld git dir> <out.csv.gz> [mt50b]
#
# The Python sources are read with `git show` into a temporary folder, never into this repo.
import gzip, os, subprocess, sys, tempfile, warnings
import numpy as np

COMMIT = '04be337a12305e393c0caf0cbf5ec7755c7c8feb'
NAMES = ['reach', 'push', 'pick_place', 'door_open', 'drawer_open', 'drawer_close',
         'button_press_topdown', 'peg_insertion_side', 'window_open', 'window_close']
# With a third argument `mt50b`: the second MT50 port group's policies instead (reference-actions-mt50b.csv.gz).
GROUP = sys.argv[3] if len(sys.argv) > 3 else 'mt10'
MT50B = {'door-close-v2': 'door_close', 'door-lock-v2': 'door_lock', 'door-unlock-v2': 'door_unlock',
         'faucet-open-v2': 'faucet_open', 'faucet-close-v2': 'faucet_close', 'hand-insert-v2': 'hand_insert',
         'box-close-v2': 'box_close', 'plate-slide-v2': 'plate_slide', 'plate-slide-side-v2': 'plate_slide_side',
         'plate-slide-back-v2': 'plate_slide_back', 'plate-slide-back-side-v2': 'plate_slide_back_side'}
# the point each of those policies lines the hand up with, relative to the observed object
MT50B_ANCHOR = {'door-lock-v2': [-.02, -.02, 0], 'door-unlock-v2': [-.04, -.02, -.03], 'faucet-open-v2': [-.04, 0, .03],
                'faucet-close-v2': [.04, 0, .03], 'box-close-v2': [0, 0, .02], 'plate-slide-v2': [0, -.055, .03],
                'plate-slide-side-v2': [.07, 0, -.005], 'plate-slide-back-v2': [0, -.065, .025],
                'plate-slide-back-side-v2': [.023, 0, .025]}
if GROUP == 'mt50b':
    NAMES = NAMES + list(MT50B.values())
tmp = tempfile.mkdtemp()
os.makedirs(os.path.join(tmp, 'metaworld', 'policies'))
for init in ('metaworld/__init__.py', 'metaworld/policies/__init__.py'):
    open(os.path.join(tmp, init), 'w').close()
for path in ['policy.py', 'action.py'] + ['sawyer_%s_v2_policy.py' % n for n in NAMES]:
    src = subprocess.check_output(['git', '-C', sys.argv[1], 'show', '%s:metaworld/policies/%s' % (COMMIT, path)])
    open(os.path.join(tmp, 'metaworld', 'policies', path), 'wb').write(src)
sys.path.insert(0, tmp)
warnings.simplefilter('ignore')
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
if GROUP == 'mt50b':
    import importlib
    P = {}
    for task, n in MT50B.items():
        mod = importlib.import_module('metaworld.policies.sawyer_%s_v2_policy' % n)
        P[task] = [v for k, v in vars(mod).items() if k.startswith('Sawyer') and k.endswith('V2Policy')][0]()
rng = np.random.default_rng(20261123)
scales = [0.002, 0.01, 0.03, 0.06, 0.15, 0.4]
with gzip.open(sys.argv[2], 'wt') as f:
    f.write('# reference actions from Meta-World 04be337a policies; task,obs0..obs38,act0..act3\n')
    for task, pol in P.items():
        for i in range(230):
            obs = np.round(rng.uniform(-1, 1, 39), 3)
            obj = rng.uniform([-0.3, 0.5, 0.0], [0.3, 0.95, 0.25])
            obs[4:7] = obj
            anchor = obj + np.array(MT50B_ANCHOR.get(task, [0, 0, 0])) if GROUP == 'mt50b' else obj
            hand = anchor + rng.uniform(-1, 1, 3) * np.array([rng.choice(scales) for _ in range(3)])
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
            obs = np.round(obs, 6); inp = obs.copy()
            act = pol.get_action(inp)
            f.write(','.join([task] + [repr(float(x)) for x in obs] + [repr(float(x)) for x in act]) + '\n')
