# Runs Meta-World's own evaluate_state (pinned commit) for reach-v2, push-v2 and pick-place-v2 on
# states recorded from the Java environments by org.d2r.metaworld.RppRewardTraceTool, and writes
# those records plus Meta-World's reward and info as the reference ReachPushPickPlaceRewardTest
# replays and compares.
#
#   python3 gen_rpp_reward_reference.py <Metaworld git dir> <trace.txt> <out.txt.gz>
#
# The task classes are executed from `git show` output with a stub base class answering the state
# queries from the record; nothing from Meta-World is copied into this repository. The gripper
# contact test (touching_main_object) is taken from the record: it needs the simulator's contacts.
import ast, gzip, subprocess, sys, types
import numpy as np
from scipy.spatial.transform import Rotation

COMMIT = '04be337a12305e393c0caf0cbf5ec7755c7c8feb'
MW = sys.argv[1]
src = lambda p: subprocess.check_output(['git', '-C', MW, 'show', '%s:%s' % (COMMIT, p)]).decode()

reward_utils = types.ModuleType('reward_utils')
exec(src('metaworld/envs/reward_utils.py'), reward_utils.__dict__)
tree = ast.parse(src('metaworld/envs/mujoco/sawyer_xyz/sawyer_xyz_env.py'))
caging_fn = [n for c in tree.body if isinstance(c, ast.ClassDef) and c.name == 'SawyerXYZEnv'
             for n in c.body if isinstance(n, ast.FunctionDef) and n.name == '_gripper_caging_reward'][0]
ns = {'np': np, 'reward_utils': reward_utils}
exec(compile(ast.Module(body=[caging_fn], type_ignores=[]), 'sawyer_xyz_env', 'exec'), ns)


class StubBase:
    TARGET_RADIUS = 0.05

    @property
    def tcp_center(self):
        return self.rec['tcp'].copy()

    def get_body_com(self, name):
        return self.rec[name].copy()

    @property
    def touching_main_object(self):
        return bool(self.rec['touching'][0] > 0)

    _gripper_caging_reward = ns['_gripper_caging_reward']


FILES = {'reach-v2': 'sawyer_reach_v2', 'push-v2': 'sawyer_push_v2', 'pick-place-v2': 'sawyer_pick_place_v2'}
classes = {}
for task, f in FILES.items():
    code = '\n'.join(l for l in src('metaworld/envs/mujoco/sawyer_xyz/v2/%s.py' % f).splitlines()
                     if not l.startswith(('import ', 'from ')))
    g = {'np': np, 'reward_utils': reward_utils, 'SawyerXYZEnv': StubBase, '_assert_task_is_set': lambda fn: fn,
         'Box': None, 'full_v2_path_for': None, 'Rotation': Rotation}
    exec(code, g)
    classes[task] = [v for v in g.values() if isinstance(v, type) and issubclass(v, StubBase) and v is not StubBase][0]

INFO = ['success', 'near_object', 'grasp_success', 'grasp_reward', 'in_place_reward', 'obj_to_target', 'unscaled_reward']
fmt = lambda v: ','.join(repr(float(x)) for x in np.atleast_1d(v))
with open(sys.argv[2]) as fin, gzip.open(sys.argv[3], 'wt') as fout:
    fout.write('# states from RppRewardTraceTool; expected_* from Meta-World %s evaluate_state\n' % COMMIT)
    for line in fin:
        parts = line.split()
        task = parts[0]
        rec = {k: np.array([float(x) for x in v.split(',')]) for k, v in (p.split('=') for p in parts[1:])}
        env = object.__new__(classes[task])
        env.rec = rec
        env.init_tcp = rec['init_tcp']
        env._target_pos = rec['target']
        env.obj_init_pos = rec['obj_init']
        env.hand_init_pos = rec['hand_init']
        # mujoco_py's get_body_com returned views into data.xpos: "initial" pads are the current ones
        env.init_left_pad = rec['leftpad']
        env.init_right_pad = rec['rightpad']
        reward, info = env.evaluate_state(rec['obs'].copy(), rec['action'].copy())
        fout.write(line.rstrip('\n') + ' expected_reward=' + fmt(reward)
                   + ' expected_info=' + fmt([float(info[k]) for k in INFO]) + '\n')
