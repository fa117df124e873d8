#!/usr/bin/env bash
# The MT10-Rand learning check of issue 12 (learner-job/LOCAL_TRAINING.md): D2R, MT-SAC and Soft
# Modularization at comparable sizes (smoke preset), the same budget and seeds, then `bin/d2r report`.
#
#   scripts/learning-check-mt10.sh [OUT_DIR]      default runs/check-mt10-rand
#
# Environment: STEPS (per task, default 30000), SEEDS (default "1 2 3"), METHODS (default
# "d2r mtsac softmod"), LANES (runs at once, default 2: one per core, each with one BLAS thread),
# EVAL_EVERY (default 10000), EVAL_EPISODES (10), FINAL_EPISODES (30).
# Run it again after a stop or a crash: finished runs are kept, a started one goes on with --resume.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-runs/check-mt10-rand}"
steps="${STEPS:-30000}"
seeds="${SEEDS:-1 2 3}"
methods="${METHODS:-d2r mtsac softmod}"
lanes="${LANES:-2}"
mkdir -p "$out/logs"

one_run() {
  local method="$1" seed="$2" dir="$out/$1-s$2" log="$out/logs/$1-s$2.log"
  if [[ -e "$out/logs/$1-s$2.done" ]]; then echo "$(date -u +%T) $method seed $seed: done before"; return 0; fi
  local how=(--run-dir "$dir" --preset smoke --tasks mt10 --goals rand --method "$method" --seed "$seed"
             --steps "$steps" --batch-per-task 64 --eval-every "${EVAL_EVERY:-10000}"
             --eval-episodes "${EVAL_EPISODES:-10}" --final-episodes "${FINAL_EPISODES:-30}")
  if [[ -s "$dir/config.json" ]]; then how=(--resume "$dir"); fi
  echo "$(date -u +%T) $method seed $seed: start (${how[*]:0:2}; log $log)"
  local start=$SECONDS
  local rc=0
  OMP_NUM_THREADS=1 "$here/bin/d2r" train --local "${how[@]}" >>"$log" 2>&1 || rc=$?
  if [[ $rc -eq 0 ]]; then
    touch "$out/logs/$1-s$2.done"
    echo "$(date -u +%T) $method seed $seed: done in $((SECONDS - start)) s; $(grep 'final evaluation' "$log" | tail -1)"
  else
    echo "$(date -u +%T) $method seed $seed: FAILED (exit $rc), see $log; run the script again to continue it" >&2
    return 1
  fi
}
export -f one_run
export out steps here

for seed in $seeds; do for method in $methods; do echo "$method $seed"; done; done \
  | xargs -P "$lanes" -L 1 bash -c 'one_run "$0" "$1"'
"$here/bin/d2r" report "$out" --out "$out/report"
