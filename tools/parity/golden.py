#!/usr/bin/env python3
"""Golden files of the authors' release (DarkDawn233/D2R_MTRL) for the Java learner's parity test.

Runs the release's own MTSAC update and DepthRoute networks (imported from a checkout the user
fetched; nothing of it is copied here) on a seeded batch, and records what the Java update must
reproduce: the initial parameters, each update's batch, every random draw the update consumes
(the reparameterisation noise of a~ and a', the torch.multinomial choices of SampleK in both
critics), the per-task losses, task weights, masked tasks, gradient norms before clipping, all
gradients of the first update, and the parameters after the first and the last update. Acting is
recorded too: the deterministic forward (TopK, tanh of the mean) and explore (SampleK + noise).

Parameter names are written in the Java layout (d2r-core D2rLayers): weights as [in, out].

    python3 tools/parity/golden.py --release /path/to/D2R_MTRL --out golden.json.gz [--preset small|small-masked|mt10]

Run with Debian's python3-torch (1.13). Nothing here changes the release's arithmetic: draws are
recorded by wrapping torch.multinomial and the Normal sampler the release calls, and the per-task
losses are read from the update's own frame when it returns.
"""
import argparse
import os
import sys
import tempfile

import numpy as np

from common import Recorder, commit_of, f32, flat, frame_locals, tensor, write

PRESETS = {
    # the committed CI configuration: 3 tasks, 4 modules of 32, batch 8 per task
    "small": dict(tasks=3, modules=4, width=32, hidden=32, gate=[32, 32], batch_per_task=8, updates=5, extreme_task=None),
    # the same with one task's rewards large enough for its summed loss to pass 3e3: masked out
    "small-masked": dict(tasks=3, modules=4, width=32, hidden=32, gate=[32, 32], batch_per_task=8, updates=5, extreme_task=1),
    # the paper's MT10 network and batch (a large file: not committed, compared by a documented command)
    "mt10": dict(tasks=10, modules=16, width=128, hidden=400, gate=[256, 256], batch_per_task=128, updates=2, extreme_task=None,
                 record_gradients=False),
}
OBS = 39
ACT = 4


def java_names(net, prefix_state="base.fc", n_gates=None):
    """torch parameter name -> (Java name, transpose?) for a DepthRouteNet."""
    out = {}
    gates = [k for k, _ in net.named_parameters() if k.startswith("depth_route_net.gates.")]
    last_gate = max(int(k.split(".")[2]) for k in gates)
    for name, _ in net.named_parameters():
        parts = name.split(".")
        kind = parts[-1]
        suffix = ".W" if kind == "weight" else ".b"
        if name.startswith("base.fc"):
            j = "state." + parts[1][2:]
        elif name.startswith("em_base.fc"):
            j = "task"
        elif name.startswith("depth_route_net.gates."):
            i = int(parts[2])
            j = "router.logits" if i == last_gate else "router." + str(i)
        elif name.startswith("depth_route_net.module_fcs."):
            j = "module." + str(int(parts[2]) + 1)
        elif name.startswith("last."):
            j = "out"
        elif name == "gumbel_temperature":
            continue  # the release stores the route-balancing temperatures as a parameter; Java derives them
        else:
            raise SystemExit("unexpected parameter " + name)
        out[name] = j + suffix
    return out


def params_out(net, grads=False):
    names = java_names(net)
    res = {}
    for name, p in net.named_parameters():
        if name not in names:
            continue
        t = p.grad if grads else p
        if t is None:
            continue
        res[names[name]] = tensor(t, name.endswith("weight"))
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--release", required=True, help="checkout of DarkDawn233/D2R_MTRL")
    ap.add_argument("--out", required=True, help="golden file to write (.json.gz)")
    ap.add_argument("--preset", default="small", choices=sorted(PRESETS))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--router-scale", type=float, default=30.0, help="factor on the initial routing logits' weights")
    ap.add_argument("--commit", default="", help="the release's commit, when --release is not a git work tree")
    args = ap.parse_args()
    cfg = dict(PRESETS[args.preset])
    if not os.path.isdir(os.path.join(args.release, "torchrl")):
        raise SystemExit("--release must be a checkout of DarkDawn233/D2R_MTRL (no torchrl/ folder in " + args.release + ")")
    sys.path.insert(0, args.release)
    import torch
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    import torchrl.networks as networks
    import torchrl.policies as policies
    import torchrl.policies.distribution as distribution
    from torchrl.algo import MTSAC

    torch.manual_seed(args.seed)
    rs = np.random.RandomState(args.seed)
    T, n = cfg["tasks"], cfg["modules"]
    bits = n * (n + 1) // 2
    net_kwargs = dict(base_type=networks.MLPBase, hidden_shapes=[cfg["hidden"], cfg["hidden"]], em_hidden_shapes=[cfg["hidden"]],
                      module_hidden=cfg["width"], module_num=n, gate_hiddens=cfg["gate"], top_k=2, rescale_prob=True,
                      route_as_sample=True, use_resnet=True, resrouting=True, task_num=T, explore_sample=True,
                      temperature_sample=True)
    pf = policies.DepthRoutePolicy(input_shape=[OBS, T], output_shape=2 * ACT, **net_kwargs)
    qf1 = networks.FlattenDepthRouteNet(input_shape=[OBS + ACT, T], output_shape=1, **net_kwargs)
    qf2 = networks.FlattenDepthRouteNet(input_shape=[OBS + ACT, T], output_shape=1, **net_kwargs)
    # Freshly initialised routers are nearly uniform, so every selected source is "suitable" and the two
    # forms of ResRouting agree; scaled logits make them decisive, as trained routers are, so the golden
    # update exercises the stop-gradient rule on unsuitable sources.
    with torch.no_grad():
        for net in (pf, qf1, qf2):
            net.depth_route_net.gates[-1].weight.mul_(args.router_scale)
    initial = {"actor": params_out(pf), "critic1": params_out(qf1), "critic2": params_out(qf2)}

    rec = Recorder(torch, distribution)
    frames = []
    profiler = frame_locals(sys, MTSAC.update.__code__, ("alpha_loss", "policy_loss", "qf1_loss", "qf2_loss", "task_loss",
                                                         "all_loss", "reweight_coeff", "norm_infos"), frames)

    workdir = tempfile.mkdtemp(prefix="d2r-parity-")
    algo = MTSAC("depthroute", env_info={"task_nums": T, "action_shape": (ACT,)}, replay_buffer=None, collector=None, logger=None,
                 device="cpu", discount=0.99, batch_size=T * cfg["batch_per_task"], save_dir=os.path.join(workdir, "model"),
                 use_soft_update=True, tau=0.005, pf=pf, qf1=qf1, qf2=qf2, plr=3e-4, qlr=3e-4, alphalr=1e-4,
                 automatic_entropy_tuning=True, max_log_alpha=0.0, target_entropy=-ACT, temp_reweight=True, grad_clip=True,
                 mask_extreme_task=True, task_loss_threshold=3e3)

    b = cfg["batch_per_task"]
    rows = b * T

    def paths_from_choices(choices):
        """n multinomial results [rows, c] (router 1..n) -> [rows, bits] 0/1, the Java bit layout."""
        p = np.zeros((rows, bits), dtype=np.int8)
        for r, ch in enumerate(choices, start=1):
            off = r * (r - 1) // 2
            ch = ch.reshape(rows, -1).numpy()
            for row in range(rows):
                for j in ch[row]:
                    p[row, off + int(j)] = 1
        return p

    def behaviour_paths():
        """Random valid top-2 paths, as SampleK of some earlier policy would have stored them."""
        p = np.zeros((b, T, bits), dtype=np.float32)
        for r in range(1, n + 1):
            off = r * (r - 1) // 2
            for i in range(b):
                for t in range(T):
                    for j in rs.choice(r, size=min(2, r), replace=False):
                        p[i, t, off + j] = 1
        return p

    updates = []
    after = {}
    for u in range(1, cfg["updates"] + 1):
        obs = np.zeros((b, T, OBS + T), dtype=np.float32)
        nxt = np.zeros((b, T, OBS + T), dtype=np.float32)
        obs[..., :OBS] = rs.uniform(-1.0, 1.0, size=(b, T, OBS))
        nxt[..., :OBS] = obs[..., :OBS] + rs.normal(0, 0.05, size=(b, T, OBS))
        for t in range(T):
            obs[:, t, OBS + t] = 1
            nxt[:, t, OBS + t] = 1
        acts = rs.uniform(-1, 1, size=(b, T, ACT)).astype(np.float32)
        raw_rewards = rs.uniform(0, 10, size=(b, T, 1)).astype(np.float32)
        if cfg["extreme_task"] is not None:
            raw_rewards[:, cfg["extreme_task"], :] = 5000.0
        # Meta-World truncates at 200 steps and the release stores no terminals; a few rows with 1 test the mask
        terms = (rs.uniform(size=(b, T, 1)) < 0.1).astype(np.float32)
        task_idxs = np.tile(np.arange(T, dtype=np.int32).reshape(1, T, 1), (b, 1, 1))
        gates = behaviour_paths()
        batch = {"obs": obs, "next_obs": nxt, "acts": acts, "rewards": raw_rewards * np.float32(0.1), "terminals": terms,
                 "task_idxs": task_idxs, "gates_onehot": gates}
        rec.clear()
        frames.clear()
        sys.setprofile(profiler)
        algo.update(batch)
        sys.setprofile(None)
        if len(rec.normal) != 2 or len(rec.multinomial) != 2 * n:
            raise SystemExit("unexpected draws: %d normal, %d multinomial (expected 2 and %d); is this the release at 48d3ed5?"
                             % (len(rec.normal), len(rec.multinomial), 2 * n))
        f = frames[-1]
        weights = f["reweight_coeff"]
        weights = weights[0, :, 0].numpy() if torch.is_tensor(weights) else np.ones(T)
        task_loss = f["task_loss"].detach().numpy()
        record = {
            "batch": {
                "obs": flat(obs[..., :OBS]), "next_obs": flat(nxt[..., :OBS]), "actions": flat(acts), "rewards": flat(raw_rewards),
                "terminals": [bool(v) for v in terms.reshape(-1)], "task_ids": [int(v) for v in task_idxs.reshape(-1)],
                "paths": gates.reshape(rows, bits).astype(int).tolist(),
            },
            "draws": {
                "actor_noise": flat(rec.normal[0]), "next_noise": flat(rec.normal[1]),
                "critic1_paths": paths_from_choices(rec.multinomial[:n]).tolist(),
                "critic2_paths": paths_from_choices(rec.multinomial[n:]).tolist(),
            },
            "expected": {
                "task_weights": [float(v) for v in weights],
                "alpha_loss": flat(f["alpha_loss"].detach()), "policy_loss": flat(f["policy_loss"].detach()),
                "qf1_loss": flat(f["qf1_loss"].detach()), "qf2_loss": flat(f["qf2_loss"].detach()),
                "masked": [bool(v > 3e3) for v in task_loss], "total_loss": float(f["all_loss"].detach()),
                "grad_norms": {k: float(v) for k, v in zip(("actor", "critic1", "critic2", "log_alpha"), f["norm_infos"])},
                "log_alpha_after": flat(algo.log_alpha.detach()),
                "temperatures_after": flat(pf.gumbel_temperature.detach()),
            },
        }
        if u == 1 and cfg.get("record_gradients", True):
            named = []
            for net in (pf, qf1, qf2):
                names = java_names(net)
                named.append([(names.get(k), k.endswith("weight")) for k, _ in net.named_parameters()])
            grads = {}
            for key, net_names, gl in zip(("actor", "critic1", "critic2"), named, rec.grads_before_clip[:3]):
                grads[key] = {jn: tensor(g, tr) for (jn, tr), g in zip(net_names, gl) if jn is not None and g is not None}
            grads["log_alpha"] = flat(rec.grads_before_clip[3][0])
            record["gradients"] = grads
        updates.append(record)
        if u == 1 or u == cfg["updates"]:
            after[str(u)] = {"actor": params_out(pf), "critic1": params_out(qf1), "critic2": params_out(qf2),
                             "target1": params_out(algo.target_qf1), "target2": params_out(algo.target_qf2),
                             "log_alpha": flat(algo.log_alpha.detach())}

    # --- acting: deterministic (TopK, tanh(mean)) and explore (SampleK at tau_T + noise) with the trained actor ---
    pf.eval()
    acting = []
    with torch.no_grad():
        for t in range(T):
            o = np.zeros((4, OBS + T), dtype=np.float32)
            o[:, :OBS] = rs.uniform(-1, 1, size=(4, OBS))
            o[:, OBS + t] = 1
            x = torch.tensor(o)
            idx = torch.full((4,), t, dtype=torch.long)
            ev = pf.eval_act(x, idx)
            rec.clear()
            ex = pf.explore(x, idx=idx, return_log_probs=False)
            acting.append({"task": t, "obs": flat(o[:, :OBS]),
                           "deterministic_action": flat(ev["action"]), "deterministic_paths": ev["gates_onehot"].numpy().astype(int).tolist(),
                           "explore_paths": ex["gates_onehot"].numpy().astype(int).tolist(),
                           "explore_noise": flat(rec.normal[-1]), "explore_action": flat(ex["action"])})

    commit = commit_of(args.release, args.commit)
    golden = {
        "format": 1,
        "release_commit": commit, "torch": torch.__version__, "preset": args.preset, "seed": args.seed, "router_scale": args.router_scale,
        "config": {"tasks": T, "obs_dims": OBS, "action_dims": ACT, "modules": n, "module_width": cfg["width"],
                   "state_hidden": [cfg["hidden"], cfg["hidden"]], "task_width": cfg["hidden"], "router_hidden": cfg["gate"],
                   "top_k": 2, "batch_per_task": b, "reward_scale": 0.1, "discount": 0.99, "polyak": 0.005,
                   "actor_lr": 3e-4, "critic_lr": 3e-4, "alpha_lr": 1e-4, "target_entropy": -ACT, "max_log_alpha": 0.0,
                   "task_loss_threshold": 3e3, "updates": cfg["updates"], "row_order": "batch-major: row = i * tasks + task"},
        "initial": initial, "updates": updates, "after": after,
        "temperatures_for_acting": flat(pf.gumbel_temperature.detach()), "acting": acting,
    }
    write(args.out, golden)
    print("wrote %s: preset %s, %d updates, %d tasks, %d modules, %d rows" % (args.out, args.preset, len(updates), T, n, rows))


if __name__ == "__main__":
    main()
