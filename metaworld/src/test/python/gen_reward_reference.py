# Runs Meta-World's own evaluate_state (pinned commit) on simulator states recorded from the Java
# environments by org.d2r.metaworld.RewardTraceTool, and writes those states plus Meta-World's
# reward and info as the reference TaskRewardTest compares the Java reward code with.
#
#   python3 gen_reward_reference.py <Metaworld git dir> <trace.txt> <out.txt.gz>
#
# The environment classes are executed from `git show` output with their imports replaced by a
# stub base class that answers the state queries from the trace; nothing is copied into this repo.
# The MT10 group's reference (reward-reference.txt.gz) comes from the default trace; a group's own
# reference (e.g. reward-reference-mt50a.txt.gz) from a trace of its tasks
# (RewardTraceTool trace.txt task ...), through the same command.
import ast, gzip, subprocess, sys, types
import numpy as np

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


class Data:
    def __init__(self, rec):
        self.rec = rec

    def get_joint_qpos(self, name):
        return self.rec['theta'][0]


class StubBase:
    TARGET_RADIUS = 0.05

    @property
    def tcp_center(self):
        return self.rec['tcp'].copy()

    def _get_site_pos(self, name):
        return self.rec['site_' + name].copy()

    def get_body_com(self, name):
        return self.rec[name].copy()

    _gripper_caging_reward = ns['_gripper_caging_reward']

    @property
    def touching_main_object(self):  # needs the simulator's contacts: taken from the record
        return bool(self.rec['touching'][0] > 0)

    def touching_object(self, object_geom_id):
        # coffee-pull/push, stick-push/pull, push-back, shelf-place and soccer test the bound method
        # itself (always true) and never call it
        raise NotImplementedError('contact forces are not traced')


FILES = {'door-open-v2': 'sawyer_door_v2', 'drawer-open-v2': 'sawyer_drawer_open_v2',
         'drawer-close-v2': 'sawyer_drawer_close_v2', 'button-press-topdown-v2': 'sawyer_button_press_topdown_v2',
         'peg-insert-side-v2': 'sawyer_peg_insertion_side_v2', 'window-open-v2': 'sawyer_window_open_v2',
         'window-close-v2': 'sawyer_window_close_v2',
         # mt50a group
         'button-press-topdown-wall-v2': 'sawyer_button_press_topdown_wall_v2',
         'button-press-v2': 'sawyer_button_press_v2', 'button-press-wall-v2': 'sawyer_button_press_wall_v2',
         'coffee-button-v2': 'sawyer_coffee_button_v2', 'coffee-pull-v2': 'sawyer_coffee_pull_v2',
         'coffee-push-v2': 'sawyer_coffee_push_v2', 'dial-turn-v2': 'sawyer_dial_turn_v2',
         'handle-press-side-v2': 'sawyer_handle_press_side_v2', 'handle-press-v2': 'sawyer_handle_press_v2',
         'handle-pull-side-v2': 'sawyer_handle_pull_side_v2', 'handle-pull-v2': 'sawyer_handle_pull_v2',
         'lever-pull-v2': 'sawyer_lever_pull_v2',
         # mt50d group
         'assembly-v2': 'sawyer_assembly_peg_v2', 'basketball-v2': 'sawyer_basketball_v2',
         'disassemble-v2': 'sawyer_disassemble_peg_v2', 'hammer-v2': 'sawyer_hammer_v2',
         'peg-unplug-side-v2': 'sawyer_peg_unplug_side_v2', 'stick-push-v2': 'sawyer_stick_push_v2',
         'stick-pull-v2': 'sawyer_stick_pull_v2',
         # mt50c group
         'pick-place-wall-v2': 'sawyer_pick_place_wall_v2', 'pick-out-of-hole-v2': 'sawyer_pick_out_of_hole_v2',
         'push-back-v2': 'sawyer_push_back_v2', 'push-wall-v2': 'sawyer_push_wall_v2',
         'reach-wall-v2': 'sawyer_reach_wall_v2', 'shelf-place-v2': 'sawyer_shelf_place_v2',
         'sweep-into-v2': 'sawyer_sweep_into_goal_v2', 'sweep-v2': 'sawyer_sweep_v2',
         'bin-picking-v2': 'sawyer_bin_picking_v2', 'soccer-v2': 'sawyer_soccer_v2',
         # mt50b group
         'door-close-v2': 'sawyer_door_close_v2', 'door-lock-v2': 'sawyer_door_lock_v2',
         'door-unlock-v2': 'sawyer_door_unlock_v2', 'faucet-open-v2': 'sawyer_faucet_open_v2',
         'faucet-close-v2': 'sawyer_faucet_close_v2', 'hand-insert-v2': 'sawyer_hand_insert_v2',
         'box-close-v2': 'sawyer_box_close_v2', 'plate-slide-v2': 'sawyer_plate_slide_v2',
         'plate-slide-side-v2': 'sawyer_plate_slide_side_v2', 'plate-slide-back-v2': 'sawyer_plate_slide_back_v2',
         'plate-slide-back-side-v2': 'sawyer_plate_slide_back_side_v2'}
classes = {}
init_attrs = {}  # task -> constant attributes its __init__ sets (self._x = 0.1) and its init_config
for task, f in FILES.items():
    # imports dropped (button-press-wall's spans two lines, hence the syntax tree)
    mod = ast.parse(src('metaworld/envs/mujoco/sawyer_xyz/v2/%s.py' % f))
    mod.body = [n for n in mod.body if not isinstance(n, (ast.Import, ast.ImportFrom))]
    code = compile(mod, f, 'exec')
    from scipy.spatial.transform import Rotation
    g = {'np': np, 'reward_utils': reward_utils, 'SawyerXYZEnv': StubBase, '_assert_task_is_set': lambda fn: fn,
         'Box': None, 'full_v2_path_for': None, 'Rotation': Rotation,
         'SawyerDoorEnvV2': classes.get('door-open-v2')}  # door-close's base class
    given = set(id(v) for v in g.values())
    exec(code, g)
    classes[task] = [v for v in g.values() if isinstance(v, type) and issubclass(v, StubBase)
                     and v is not StubBase and id(v) not in given][0]
    attrs = {}
    for node in ast.walk(mod):
        if isinstance(node, ast.FunctionDef) and node.name == '__init__':
            for a in node.body:
                if (isinstance(a, ast.Assign) and len(a.targets) == 1 and isinstance(a.targets[0], ast.Attribute)
                        and isinstance(a.targets[0].value, ast.Name) and a.targets[0].value.id == 'self'):
                    name = a.targets[0].attr
                    if name.startswith('_') and isinstance(a.value, ast.Constant) or name == 'init_config':
                        attrs[name] = eval(compile(ast.Expression(a.value), f, 'eval'), {'np': np})
    init_attrs[task] = attrs

INFO = ['success', 'near_object', 'grasp_success', 'grasp_reward', 'in_place_reward', 'obj_to_target', 'unscaled_reward']
fmt = lambda v: ','.join(repr(float(x)) for x in np.atleast_1d(v))
with open(sys.argv[2]) as fin, gzip.open(sys.argv[3], 'wt') as fout:
    fout.write('# states from RewardTraceTool; expected_* from Meta-World %s evaluate_state\n' % COMMIT)
    for line in fin:
        parts = line.split()
        task = parts[0]
        rec = {k: np.array([float(x) for x in v.split(',')]) for k, v in (p.split('=') for p in parts[1:])}
        env = object.__new__(classes[task])
        for k, v in init_attrs[task].items():
            setattr(env, k, v)
        if 'hand_init_pos' in getattr(env, 'init_config', {}):
            env.hand_init_pos = env.init_config['hand_init_pos']
        env.rec = rec
        env.data = Data(rec)
        env.init_tcp = rec['init_tcp']
        env._target_pos = rec['target']
        env.obj_init_pos = rec['obj_init']
        env.maxDist = 0.2 if task == 'drawer-open-v2' else 0.15
        if 'peg_head_init' in rec:
            env.peg_head_pos_init = rec['peg_head_init']
        if 'handle_init' in rec:
            env.window_handle_pos_init = rec['handle_init']
        if 'stick_init' in rec:
            env.stick_init_pos = rec['stick_init']
        if 'o2t_init' in rec:
            env._obj_to_target_init = rec['o2t_init'][0]
        if task == 'coffee-button-v2':
            env.max_dist = 0.03  # set by its __init__, which the stub skips
        if 'dial_push_init' in rec:
            env.dial_push_position = rec['dial_push_init']
        if 'handle_press_init' in rec:
            env._handle_init_pos = rec['handle_press_init']
        if 'lever_init' in rec:
            env._lever_pos_init = rec['lever_init']
        # mujoco_py views into data.xpos: the "initial" pads are the current ones
        env.init_left_pad, env.init_right_pad = rec['leftpad'], rec['rightpad']
        if 'hand_init' in rec:
            env.hand_init_pos = rec['hand_init']
        if 't2o_init_before' in rec:
            v = rec['t2o_init_before'][0]
            env._target_to_obj_init = None if np.isnan(v) else v
        if task == 'door-unlock-v2':  # obj_init_pos is a live view of the lock link (see DoorLockBox)
            env.obj_init_pos = rec['lock_link']
        extra = ''
        if task == 'peg-insert-side-v2':
            caging = env._gripper_caging_reward(rec['action'], rec['obs'][4:7], object_reach_radius=0.01,
                                                obj_radius=0.0075, pad_success_thresh=0.03, xz_thresh=0.005,
                                                high_density=True)
            extra = ' caging=' + fmt(caging)
        reward, info = env.evaluate_state(rec['obs'].copy(), rec['action'].copy())
        fout.write(line.rstrip('\n') + extra + ' expected_reward=' + fmt(reward)
                   + ' expected_info=' + fmt([float(info[k]) for k in INFO]) + '\n')
