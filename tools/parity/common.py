"""What both golden-file harnesses share: float32 output, recording samplers, writing the file."""
import gzip
import json
import subprocess

import numpy as np


def f32(a):
    """float32 values in their shortest round-trip form (a Java (float) parse gives the same bits)."""
    return [float(repr(v)) for v in np.asarray(a, dtype=np.float32).reshape(-1)]


def flat(a):
    if hasattr(a, "detach"):
        a = a.detach().cpu().numpy()
    return f32(a)


def tensor(a, transpose=False):
    """A weight or bias in the Java layout: [in, out] weights, [1, out] biases."""
    if hasattr(a, "detach"):
        a = a.detach().cpu().numpy()
    a = np.asarray(a, dtype=np.float32)
    if transpose:
        a = a.T
    if a.ndim == 1:
        a = a.reshape(1, -1)
    return {"shape": list(a.shape), "data": f32(a)}


class Recorder:
    """Wraps the samplers a release calls (torch.multinomial, a module's Normal, clip_grad_norm_) and keeps
    what they returned, and the gradients before clipping, without changing a single value."""

    def __init__(self, torch, distribution_module):
        self.torch = torch
        self.normal = []
        self.multinomial = []
        self.grads_before_clip = []
        real_multinomial = torch.multinomial
        real_clip = torch.nn.utils.clip_grad_norm_
        rec = self

        def multinomial(probs, k, *a, **kw):
            r = real_multinomial(probs, k, *a, **kw)
            rec.multinomial.append(r.clone())
            return r

        def clip(params, max_norm, *a, **kw):
            params = list(params)
            rec.grads_before_clip.append([None if p.grad is None else p.grad.detach().clone() for p in params])
            return real_clip(params, max_norm, *a, **kw)

        class RecordingNormal(torch.distributions.Normal):
            def sample(self, sample_shape=torch.Size()):
                r = super().sample(sample_shape)
                rec.normal.append(r.clone())
                return r

        torch.multinomial = multinomial
        torch.nn.utils.clip_grad_norm_ = clip
        distribution_module.Normal = RecordingNormal

    def clear(self):
        self.normal.clear()
        self.multinomial.clear()
        self.grads_before_clip.clear()


def frame_locals(sys, code, names, into):
    """A profiler that keeps the named locals of `code`'s frame each time it returns."""
    def profiler(frame, event, arg):
        if event == "return" and frame.f_code is code:
            into.append({k: frame.f_locals.get(k) for k in names})
    return profiler


def commit_of(path, given):
    if given:
        return given
    try:
        return subprocess.run(["git", "-C", path, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def write(path, doc):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "wt") as fh:
        json.dump(doc, fh, separators=(",", ":"))
