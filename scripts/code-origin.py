#!/usr/bin/env python3
"""Who wrote today's main code: the house issue's (13) like-for-like count.

    scripts/code-origin.py [--files] [REV]        (default HEAD)

--files also lists each file's same-scope lines by file (largest last): where the like-for-like code lives.

    scripts/code-origin.py --plumbing

counts, at 602c6c6, the hand-written plumbing that libraries do today (the issue's "plumbing it no longer writes"):
the line ranges listed in scripts/code-origin-plumbing.tsv, each with its kind (1 command-line parsing, 2 JSON,
3 CSV, 4 Java2D charts, 5 the log tee) and column: P plumbing, U usage text (it became picocli descriptions, so it
is still written), D doubtful (listed, not counted). Only the P rows make the issue's figure.

Every line of src/main/**/*.java at REV is assigned, with `git blame -w -M -C -C` (which follows lines moved or
copied between files), to the commit that wrote it, and each commit to a group:
  old    commits up to 602c6c6, the tree the issue's "about 21,000 lines" was counted on;
  house, mt50, care, report, monitor, crash, depth, compose
         the commits between 602c6c6 and b866b3f, grouped by their subjects in scripts/code-origin-groups.txt
         (a judgment per commit: a few commits mix kinds of work);
  cuts   every later commit (the size-cut sessions and after).
"same scope" = old + house + cuts: the code that does what the issue's count did, written now.

A cut rewrites lines of every group, and blame gives the rewritten line to the cut. So a second column set
("by file") also hands each file's cut lines to that file's other groups, in proportion: a line rewritten inside
an MT50 task class counts as MT50, a line of a file the cut created counts as cuts.
Code lines are lines that are neither blank nor only a comment (as scripts/code-size.sh counts them).
"""
import collections
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = "602c6c6"
STRING = re.compile(r'"([^"\\]|\\.)*"')
SAME = ("old", "house", "cuts")


def git(*args):
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout


def blamed_lines(rev, path):
    """(commit, text) for each line of path at rev."""
    out, commit = [], None
    for line in git("blame", "-w", "-M", "-C", "-C", "--line-porcelain", rev, "--", path).splitlines():
        if line.startswith("\t"):
            out.append((commit, line[1:]))
        elif re.match(r"^[0-9a-f]{40} \d+ \d+", line):
            commit = line[:40]
    return out


def is_code(text, state):
    """Whether the line holds code outside comments; state[0] is 'inside a block comment' across lines."""
    s, code = STRING.sub('""', text), ""
    while s:
        if state[0]:
            i = s.find("*/")
            if i < 0:
                s = ""
            else:
                state[0], s = False, s[i + 2:]
        else:
            i, j = s.find("/*"), s.find("//")
            if j >= 0 and (i < 0 or j < i):
                code, s = code + s[:j], ""
            elif i >= 0:
                code, state[0], s = code + s[:i], True, s[i + 2:]
            else:
                code, s = code + s, ""
    return bool(code.strip())


def plumbing():
    """Lines and code lines per kind and column of the ranges in code-origin-plumbing.tsv, read at BASE."""
    lines, code, flags = collections.Counter(), collections.Counter(), {}
    seen = set()
    for row in (ROOT / "scripts/code-origin-plumbing.tsv").read_text().splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        kind, path, ranges, col, _ = row.split("\t")
        if path not in flags:
            state = [False]
            flags[path] = [is_code(t, state) for t in git("show", f"{BASE}:{path}").split("\n")]
        for r in ranges.split(","):
            a, _, b = r.partition("-")
            for n in range(int(a), int(b or a) + 1):
                if (path, n) in seen:
                    raise SystemExit(f"{path}:{n} is listed twice")
                seen.add((path, n))
                lines[kind, col] += 1
                code[kind, col] += flags[path][n - 1]
    names = {"1": "command-line parsing", "2": "JSON", "3": "CSV", "4": "Java2D charts", "5": "log tee"}
    print(f"hand-written plumbing at {BASE} (P: counted, U: usage text, D: doubtful)")
    print(f"{'kind':24s} {'P lines':>8s} {'code':>6s} {'U lines':>8s} {'D lines':>8s} {'code':>6s}")
    for k, name in names.items():
        print(f"{k} {name:22s} {lines[k, 'P']:8d} {code[k, 'P']:6d} {lines[k, 'U']:8d} {lines[k, 'D']:8d} {code[k, 'D']:6d}")
    total = {c: (sum(v for (_, cc), v in lines.items() if cc == c), sum(v for (_, cc), v in code.items() if cc == c))
             for c in "PUD"}
    print(f"{'total':24s} {total['P'][0]:8d} {total['P'][1]:6d} {total['U'][0]:8d} {total['D'][0]:8d} {total['D'][1]:6d}")


def main():
    args = sys.argv[1:]
    if "--plumbing" in args:
        plumbing()
        return
    per_file = "--files" in args
    args = [a for a in args if a != "--files"]
    rev = args[0] if args else "HEAD"
    old = set(git("rev-list", BASE).split())
    groups = dict(line.split() for line in (ROOT / "scripts/code-origin-groups.txt").read_text().splitlines() if line)
    files = [f for f in git("ls-tree", "-r", "--name-only", rev).splitlines()
             if "/src/main/" in f and f.endswith(".java")]
    raw_lines, raw_code = collections.Counter(), collections.Counter()
    by_file_lines, by_file_code = collections.Counter(), collections.Counter()
    same_by_file = []
    for n, path in enumerate(files, 1):
        print(f"\rblame {n}/{len(files)}", end="", file=sys.stderr, flush=True)
        lines, code, state = collections.Counter(), collections.Counter(), [False]
        for commit, text in blamed_lines(rev, path):
            g = "old" if commit in old else groups.get(commit, "cuts")
            lines[g] += 1
            code[g] += is_code(text, state)
        raw_lines.update(lines)
        raw_code.update(code)
        before = sum(by_file_lines[g] for g in SAME)
        for counts, into in ((lines, by_file_lines), (code, by_file_code)):
            others = {g: c for g, c in counts.items() if g != "cuts"}
            total = sum(others.values())
            for g, c in others.items():
                into[g] += c + (counts["cuts"] * c / total if total else 0)
            if not total:
                into["cuts"] += counts["cuts"]
        same_by_file.append((sum(by_file_lines[g] for g in SAME) - before, sum(lines.values()), path))
    print(file=sys.stderr)
    if per_file:
        print(f"{'same scope':>10s} {'lines':>6s}  file (by file)")
        for same, total, path in sorted(same_by_file):
            print(f"{same:10.0f} {total:6d}  {path}")
    print(f"main code at {git('rev-parse', '--short', rev).strip()}")
    print(f"{'group':12s} {'lines':>8s} {'code':>8s}   {'by file':>8s} {'code':>8s}")
    order = list(SAME) + sorted(set(raw_lines) - set(SAME))
    for g in order:
        print(f"{g:12s} {raw_lines[g]:8d} {raw_code[g]:8d}   {by_file_lines[g]:8.0f} {by_file_code[g]:8.0f}")
    for name, keep in (("same scope", SAME), ("total", order)):
        print(f"{name:12s} {sum(raw_lines[g] for g in keep):8d} {sum(raw_code[g] for g in keep):8d}   "
              f"{sum(by_file_lines[g] for g in keep):8.0f} {sum(by_file_code[g] for g in keep):8.0f}")


if __name__ == "__main__":
    main()
