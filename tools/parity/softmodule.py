#!/usr/bin/env python3
"""Golden files of the Soft Modularization codebase (RchalYang/Soft-Module) for the baselines' parity test.

The D2R paper's MT-SAC, MH-SAC and Soft Modularization numbers come from that codebase (App. A.1). This
runs its own MTSAC update (torchrl/algo/off_policy/mt_sac.py, which its starters use for all three) with its
own networks on a seeded batch and records, as golden.py does for D2R's release: initial parameters, batches,
the reparameterisation noise the update drew, the losses, gradient norms before clipping, log alpha after each
update, and the parameters after the first and the last update. Names and layouts are written the Java way
(d2r-core baselines): weights [in, out], the critic's one-hot after the action, multi-head columns task-major.

    /usr/bin/python3 tools/parity/softmodule.py --codebase /path/to/Soft-Module --method mtsac|mhsac|softmod --out F.json.gz

Nothing here changes the codebase's arithmetic; `gym` (imported but unused by the update) is stubbed when absent.
"""
import argparse
import os
import sys
import tempfile
import types

import numpy as np

from common import Recorder, commit_of, flat, frame_locals, tensor, write

OBS = 39
ACT = 4
SIZES = dict(tasks=3, batch_per_task=8, updates=5, hidden=32, mlp_hidden=[32, 32, 32], layers=3, modules=3, module_width=16,
             gating_layers=2)


def stub_gym():
    try:
        import gym  # noqa: F401
    except ImportError:
        gym = types.ModuleType("gym")
        spaces = types.ModuleType("gym.spaces")

        class Box:
            def __init__(self, shape):
                self.shape = shape

        spaces.Box = Box
        gym.spaces = spaces
        sys.modules["gym"] = gym
        sys.modules["gym.spaces"] = spaces


def mlp_names(net, tasks, critic, multi_head):
    """Net / BootstrappedNet -> MultiTaskMlp: base.fcN and append_fcN are hidden.K in order, last is out/heads."""
    base = sorted({k.split(".")[1] for k, _ in net.named_parameters() if k.startswith("base.")}, key=lambda s: int(s[2:]))
    append = sorted({k.split(".")[0] for k, _ in net.named_parameters() if k.startswith("append_fc")}, key=lambda s: int(s[9:]))
    order = ["base." + b for b in base] + append
    out = {}
    for name, p in net.named_parameters():
        prefix, kind = name.rsplit(".", 1)
        j = "heads" if (prefix == "last" and multi_head) else "out" if prefix == "last" else "hidden.%d" % order.index(prefix)
        a = p.detach().cpu().numpy()
        if kind == "weight":
            a = a.T  # [in, out]
            if j == "hidden.0" and critic:
                # the codebase feeds [obs, one-hot, action]; ours [obs, action, one-hot]
                a = np.concatenate([a[:OBS], a[OBS + tasks:], a[OBS:OBS + tasks]], axis=0)
        if j == "heads":
            # the codebase's column o * heads + t (reshape [out, heads]); ours t * out + o
            outs = a.shape[-1] // tasks
            cols = [o * tasks + t for t in range(tasks) for o in range(outs)]
            a = a[..., cols]
        out[name] = (j + (".W" if kind == "weight" else ".b"), a)
    return out


def sm_names(net, layers):
    out = {}
    for name, p in net.named_parameters():
        prefix, kind = name.rsplit(".", 1)
        if prefix.startswith("base.fc"):
            j = "state." + prefix[7:]
        elif prefix.startswith("em_base.fc"):
            j = "task." + prefix[10:]
        elif prefix.startswith("gating_fc_"):
            j = "gate." + prefix[10:]
        elif prefix.startswith("gating_weight_fc_"):
            j = "route." + prefix[17:]
        elif prefix == "gating_weight_last":
            j = "route.%d" % (layers - 1)
        elif prefix.startswith("gating_weight_cond_fc_"):
            j = "cond." + prefix[22:]
        elif prefix == "gating_weight_cond_last":
            j = "cond.%d" % (layers - 1)
        elif prefix.startswith("module_"):
            _, i, m = prefix.split("_")
            j = "module.%s.%s" % (i, m)
        elif prefix == "last":
            j = "out"
        else:
            raise SystemExit("unexpected parameter " + name)
        a = p.detach().cpu().numpy()
        out[name] = (j + (".W" if kind == "weight" else ".b"), a.T if kind == "weight" else a)
    return out


def as_java(names, grads=None):
    res = {}
    for torch_name, (j, a) in names.items():
        res[j] = tensor(a)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--codebase", required=True, help="checkout of RchalYang/Soft-Module")
    ap.add_argument("--method", required=True, choices=["mtsac", "mhsac", "softmod"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--commit", default="")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.codebase, "torchrl")):
        raise SystemExit("--codebase must be a checkout of RchalYang/Soft-Module (no torchrl/ in " + args.codebase + ")")
    stub_gym()
    sys.path.insert(0, args.codebase)
    import torch
    import torchrl.networks as networks
    import torchrl.policies as policies
    import torchrl.policies.distribution as distribution
    from torchrl.algo import MTSAC

    torch.manual_seed(args.seed)
    rs = np.random.RandomState(args.seed)
    T, b = SIZES["tasks"], SIZES["batch_per_task"]
    rows = T * b
    m = args.method
    if m == "softmod":
        kw = dict(base_type=networks.MLPBase, em_input_shape=T, hidden_shapes=[SIZES["hidden"]] * 2, em_hidden_shapes=[SIZES["hidden"]],
                  num_layers=SIZES["layers"], num_modules=SIZES["modules"], module_hidden=SIZES["module_width"],
                  gating_hidden=SIZES["hidden"], num_gating_layers=SIZES["gating_layers"], add_bn=False, pre_softmax=False)
        pf = policies.ModularGuassianGatedCascadeCondContPolicy(input_shape=OBS, output_shape=2 * ACT, **kw)
        qf1 = networks.FlattenModularGatedCascadeCondNet(input_shape=OBS + ACT, output_shape=1, **kw)
        qf2 = networks.FlattenModularGatedCascadeCondNet(input_shape=OBS + ACT, output_shape=1, **kw)
        names = {k: (lambda net, c: sm_names(net, SIZES["layers"])) for k in ("pf", "qf")}
        reweight = True  # modular_*_reweight configurations
    else:
        hidden = SIZES["mlp_hidden"]
        if m == "mtsac":
            pf = policies.GuassianContPolicy(input_shape=OBS + T, output_shape=2 * ACT, base_type=networks.MLPBase, hidden_shapes=hidden)
            qf1 = networks.FlattenNet(input_shape=OBS + T + ACT, output_shape=1, base_type=networks.MLPBase, hidden_shapes=hidden)
            qf2 = networks.FlattenNet(input_shape=OBS + T + ACT, output_shape=1, base_type=networks.MLPBase, hidden_shapes=hidden)
        else:
            # its MH-SAC configuration: hidden_shapes + append_hidden_shapes, one head per task
            pf = policies.MultiHeadGuassianContPolicy(input_shape=OBS + T, output_shape=2 * ACT, base_type=networks.MLPBase,
                                                      hidden_shapes=hidden[:-1], append_hidden_shapes=hidden[-1:], head_num=T)
            qf1 = networks.FlattenBootstrappedNet(input_shape=OBS + T + ACT, output_shape=1, base_type=networks.MLPBase,
                                                  hidden_shapes=hidden[:-1], append_hidden_shapes=hidden[-1:], head_num=T)
            qf2 = networks.FlattenBootstrappedNet(input_shape=OBS + T + ACT, output_shape=1, base_type=networks.MLPBase,
                                                  hidden_shapes=hidden[:-1], append_hidden_shapes=hidden[-1:], head_num=T)
        names = {"pf": lambda net, c: mlp_names(net, T, False, m == "mhsac"),
                 "qf": lambda net, c: mlp_names(net, T, True, m == "mhsac")}
        reweight = False  # its mtsac / mtmhsac configurations set no temp_reweight

    def java(net, kind):
        return as_java(names[kind](net, kind == "qf"))

    initial = {"actor": java(pf, "pf"), "critic1": java(qf1, "qf"), "critic2": java(qf2, "qf")}
    rec = Recorder(torch, distribution)
    frames = []
    profiler = frame_locals(sys, MTSAC.update.__code__, ("alpha_loss", "policy_loss", "qf1_loss", "qf2_loss", "pf_norm", "qf1_norm",
                                                         "qf2_norm"), frames)
    env = types.SimpleNamespace(action_space=sys.modules["gym"].spaces.Box((ACT,)) if "gym" in sys.modules else None)
    algo = MTSAC(task_nums=T, temp_reweight=reweight, grad_clip=True, pf=pf, qf1=qf1, qf2=qf2, plr=3e-4, qlr=3e-4,
                 policy_std_reg_weight=0, policy_mean_reg_weight=0, reparameterization=True, automatic_entropy_tuning=True,
                 target_entropy=-ACT, use_soft_update=True, tau=0.005, env=env, discount=0.99, batch_size=rows,
                 save_dir=os.path.join(tempfile.mkdtemp(prefix="d2r-sm-parity-"), "model"))

    updates, after = [], {}
    for u in range(1, SIZES["updates"] + 1):
        obs = rs.uniform(-1, 1, size=(b, T, OBS)).astype(np.float32)
        nxt = (obs + rs.normal(0, 0.05, size=(b, T, OBS))).astype(np.float32)
        acts = rs.uniform(-1, 1, size=(b, T, ACT)).astype(np.float32)
        rewards = rs.uniform(0, 10, size=(b, T, 1)).astype(np.float32)
        onehot = np.tile(np.eye(T, dtype=np.float32).reshape(1, T, T), (b, 1, 1))
        idx = np.tile(np.arange(T).reshape(1, T, 1), (b, 1, 1))
        with_id = (lambda o: np.concatenate([o, onehot], axis=-1)) if m != "softmod" else (lambda o: o)
        # the codebase's TD target ignores terminals (Meta-World truncates); the batch carries none
        batch = {"obs": with_id(obs), "next_obs": with_id(nxt), "acts": acts, "rewards": rewards,
                 "terminals": np.zeros((b, T, 1), dtype=np.float32), "task_idxs": idx, "embedding_inputs": onehot}
        rec.clear()
        frames.clear()
        sys.setprofile(profiler)
        algo.update(batch)
        sys.setprofile(None)
        if len(rec.normal) != 2:
            raise SystemExit("unexpected draws: %d normal samples (expected 2)" % len(rec.normal))
        f = frames[-1]
        record = {
            "batch": {"obs": flat(obs), "next_obs": flat(nxt), "actions": flat(acts), "rewards": flat(rewards),
                      "terminals": [False] * rows, "task_ids": [int(v) for v in idx.reshape(-1)]},
            # explore() on s comes first in this update, then on s'
            "draws": {"actor_noise": flat(rec.normal[0]), "next_noise": flat(rec.normal[1])},
            "expected": {"alpha_loss": float(f["alpha_loss"]), "policy_loss": float(f["policy_loss"]),
                         "qf1_loss": float(f["qf1_loss"]), "qf2_loss": float(f["qf2_loss"]),
                         "grad_norms": {"actor": float(f["pf_norm"]), "critic1": float(f["qf1_norm"]), "critic2": float(f["qf2_norm"])},
                         "log_alpha_after": flat(algo.log_alpha)},
        }
        updates.append(record)
        if u == 1 or u == SIZES["updates"]:
            after[str(u)] = {"actor": java(pf, "pf"), "critic1": java(qf1, "qf"), "critic2": java(qf2, "qf"),
                             "target1": java(algo.target_qf1, "qf"), "target2": java(algo.target_qf2, "qf"),
                             "log_alpha": flat(algo.log_alpha)}

    doc = {"format": 1, "codebase_commit": commit_of(args.codebase, args.commit), "torch": torch.__version__, "method": m,
           "seed": args.seed,
           "config": {"tasks": T, "obs_dims": OBS, "action_dims": ACT, "batch_per_task": b, "updates": SIZES["updates"],
                      "mlp_hidden": SIZES["mlp_hidden"], "hidden": SIZES["hidden"], "layers": SIZES["layers"], "modules": SIZES["modules"],
                      "module_width": SIZES["module_width"], "gating_layers": SIZES["gating_layers"], "reward_scale": 1.0,
                      "alpha_lr": 3e-4, "task_reweight": reweight, "row_order": "batch-major: row = i * tasks + task"},
           "initial": initial, "updates": updates, "after": after}
    write(args.out, doc)
    print("wrote %s: %s, %d updates, %d tasks, %d rows" % (args.out, m, len(updates), T, rows))


if __name__ == "__main__":
    main()
