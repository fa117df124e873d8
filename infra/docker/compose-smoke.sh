#!/usr/bin/env bash
# `docker compose up`, run for real and checked: a smoke run on two tasks through the whole stack in containers
# (Kafka, Flink's job and task managers, the replay-job service, producers, learner, evaluator, run monitor), with the two things
# an operator does to a running stack on the way:
#   1. `stop learner`, then `start learner`: the learner resumes from its checkpoint;
#   2. `down`, then `up` (volumes kept): the run continues from Kafka's log, the replay job's retained checkpoint
#      and the run folder;
# then it waits for the evaluator's final evaluation and checks the run folder (metrics.csv: every update once, on
# every batch once, ending at the budget; evaluations.csv with the final evaluation; the plots; the checkpoints),
# the Flink job (running, checkpointing, restored after the `up`), that every container's exit was clean and that
# each role's log carries its own lines.
# The stack goes down (with its volumes) at the end, pass or fail; the run folder stays in runs/.
#
#   infra/docker/compose-smoke.sh          exit 0: all held; 1: a check failed (each named on a line); 2: cannot run here
#
# It starts the Docker engine when none answers and it can (engine.sh: root, /usr/sbin/dockerd), and builds what
# image is missing with local-images.sh (no Docker Hub needed).
# D2R_SMOKE_IMAGES=official runs the plain docker-compose.yml instead (images from Docker Hub).
# D2R_SMOKE_STEPS (default 2400) is the producers' budget per task; the learner's is that less the smoke preset's
# warm-up (400) plus one. D2R_SMOKE_KEEP=1 leaves the stack up for a look.
# (the whole script is one function, read before it runs: editing the file meanwhile cannot change a running smoke)
main() {
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

say() { echo "compose-smoke: $*"; }
cannot() { echo "compose-smoke: cannot run here: $*" >&2; exit 2; }
failures=0
fail() { echo "compose-smoke: FAIL: $*" >&2; failures=$((failures + 1)); }

# --- the engine -------------------------------------------------------------------------------------------------
why=$("$here/engine.sh" 2>&1) || cannot "$why"
[[ -z $why ]] || say "$why"
command -v curl >/dev/null || cannot "no curl (the Flink REST checks): apt-get install curl"
compose=(docker-compose)
docker compose version >/dev/null 2>&1 && compose=(docker compose)
command -v "${compose[0]}" >/dev/null || cannot "neither 'docker compose' nor docker-compose: apt-get install docker-compose"
# Meta-World's assets where the project finds them: METAWORLD_ASSETS, or shared/metaworld-v2/assets beside the
# repository or a folder above it
assets=${METAWORLD_ASSETS:-}
for dir in "$repo/.." "$repo/../.." "$repo/../../.."; do
  [[ -n $assets ]] && break
  [[ -d $dir/shared/metaworld-v2/assets ]] && assets=$(cd "$dir/shared/metaworld-v2/assets" && pwd)
done
# then the user cache bin/d2r fetches them into (org.d2r.metaworld.Assets: a relative XDG_CACHE_HOME is ignored)
cache=${XDG_CACHE_HOME:-}
[[ $cache == /* ]] || cache=$HOME/.cache
cache=$cache/d2r/metaworld-04be337a12305e393c0caf0cbf5ec7755c7c8feb/assets
[[ -z $assets && -d $cache ]] && assets=$cache
[[ -n $assets && -d $assets ]] || cannot "no Meta-World assets (METAWORLD_ASSETS, shared/metaworld-v2/assets beside the repository, or $cache): run any bin/d2r command once (e.g. bin/d2r scripted --tasks reach-v2 --episodes 1), which fetches them into that cache, or set METAWORLD_ASSETS"
export D2R_ASSETS=$assets

files=(-f docker-compose.yml)
if [[ ${D2R_SMOKE_IMAGES:-local} == local ]]; then
  files+=(-f docker-compose.local.yml)
  start=$SECONDS
  docker image inspect d2r-local/debian:bookworm >/dev/null 2>&1 || command -v debootstrap >/dev/null \
    || cannot "no debootstrap for the images' Debian base: apt-get install debootstrap"
  "$here/local-images.sh" || { fail "the local images did not build (above)"; exit 1; }
  say "images ready in $((SECONDS - start)) s"
fi
compose+=(-p d2r-smoke "${files[@]}")

# --- the run ----------------------------------------------------------------------------------------------------
steps=${D2R_SMOKE_STEPS:-2400}
updates=$((steps - 400 + 1))
export D2R_RUN_ID=${D2R_SMOKE_RUN_ID:-compose-smoke-$(date -u +%Y%m%d-%H%M%S)} D2R_TASKS=reach-v2,push-v2 D2R_PRESET=smoke \
  D2R_SEED=1 D2R_STEPS_PER_TASK=$steps D2R_MAX_UPDATES=$updates D2R_CHECKPOINT_EVERY=200 D2R_MEM_LIMIT=2g D2R_HEAP=1g \
  D2R_REPLAY_CHECKPOINT_MS=10000
run=$repo/runs/$D2R_RUN_ID
metrics=$run/metrics.csv

down() {
  if [[ ${D2R_SMOKE_KEEP:-0} == 1 ]]; then say "left up (D2R_SMOKE_KEEP=1): ${compose[*]} down -v"; return; fi
  "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || echo "compose-smoke: 'down -v' failed: ${compose[*]} down -v" >&2
}
trap down EXIT
# a leftover of an interrupted smoke would hold the names and the port
"${compose[@]}" down -v --remove-orphans >/dev/null 2>&1

last_update() { [[ -f $metrics ]] && tail -n 1 "$metrics" | cut -d, -f1 | grep -E '^[0-9]+$' || echo 0; }
# waits until a command holds, at most SECONDS; false (and names what it waited for) when it never did
wait_for() {
  local what=$1 limit=$2 t0=$SECONDS; shift 2
  until "$@"; do
    if ((SECONDS - t0 > limit)); then fail "waited ${limit} s for $what"; return 1; fi
    sleep 3
  done
}
past() { (($(last_update) >= $1)); }
state() { docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$("${compose[@]}" ps -q "$1" 2>/dev/null)" 2>/dev/null; }
exited_clean() { [[ $(state "$1") == "exited 0" ]]; }
# GET a path of the Flink REST API on the published port
flink() { curl -sf --max-time 5 "http://localhost:8081$1"; }
job_id() { flink /jobs/overview | tr '{' '\n' | grep -F "\"name\":\"d2r-replay $D2R_RUN_ID\"" | grep -F '"state":"RUNNING"' \
  | grep -o '"jid":"[0-9a-f]*"' | cut -d'"' -f4 | head -n 1; }
job_running() { [[ -n $(job_id) ]]; }
checkpoint_count() { flink "/jobs/$(job_id)/checkpoints" | grep -o "\"$1\":[0-9]*" | head -n 1 | cut -d: -f2; }
checkpointed() { local n; n=$(checkpoint_count completed); [[ ${n:-0} -ge 1 ]]; }

t0=$SECONDS
say "run $D2R_RUN_ID: $steps steps per task, $updates updates; run folder $run"
"${compose[@]}" up -d >/dev/null 2>&1 || { fail "'up -d' failed: ${compose[*]} up -d"; exit 1; }
wait_for "the replay job to run (Flink REST)" 300 job_running && say "replay job running after $((SECONDS - t0)) s"
wait_for "the learner's update 300" 600 past 300

# 1. stop and start the learner
"${compose[@]}" stop learner >/dev/null 2>&1
stopped=$(last_update)
newest=$(ls "$run/checkpoints" 2>/dev/null | sort | tail -n 1)
say "learner stopped at update $stopped (newest checkpoint: ${newest:-none}); starting it again"
"${compose[@]}" start learner >/dev/null 2>&1
wait_for "the restarted learner to pass update $((stopped + 200))" 600 past $((stopped + 200))
[[ $(state learner) == running* || $(state learner) == "exited 0" ]] || fail "the restarted learner: $(state learner)"

# 2. down and up with the volumes, once the replay job has a checkpoint to be restored from (every 10 s here)
wait_for "a completed checkpoint of the replay job" 300 checkpointed
before=$(last_update)
((before < updates)) || fail "the run had ended (update $before) before the 'down': its continuation went untested (raise D2R_SMOKE_STEPS)"
"${compose[@]}" down >/dev/null 2>&1 || fail "'down' failed"
say "stack down at update $before; up again"
"${compose[@]}" up -d >/dev/null 2>&1 || fail "the second 'up -d' failed"
wait_for "the replay job to run again" 300 job_running
restored=$(checkpoint_count restored)
[[ ${restored:-0} -ge 1 ]] || fail "the replay job after 'up' was not restored from a checkpoint (restored: ${restored:-none})"

# 3. the end: the learner's budget and the evaluator's final evaluation
wait_for "the evaluator's final evaluation" 900 exited_clean evaluator
say "final evaluation done after $((SECONDS - t0)) s"
wait_for "the learner to exit at its budget" 120 exited_clean learner

# --- checks -----------------------------------------------------------------------------------------------------
for role in producers learner evaluator topics; do
  [[ $(state $role) == "exited 0" ]] || fail "$role did not exit cleanly: $(state $role)"
done
for role in kafka jobmanager taskmanager replay-job; do
  [[ $(state $role) == running* ]] || fail "$role is not running: $(state $role)"
done
# each role's own lines, under the service compose names (learner_1 | learner: 800 updates, ...)
for role in producers learner evaluator; do
  lines=$("${compose[@]}" logs --no-color "$role" 2>/dev/null)
  grep -qE "^${role}[-_]1 +\| ${role}: " <<<"$lines" \
    || fail "the $role service's log has no line of the role's own ('$role: ...'): ${compose[*]} logs $role"
done
job_running || fail "the Flink job 'd2r-replay $D2R_RUN_ID' is not RUNNING (http://localhost:8081/jobs/overview)"
# the run monitor, on its published port: its tables hold both tasks' training steps (recovered after the down/up)
[[ $(state monitor) == running* ]] || fail "the monitor is not running: $(state monitor)"
overview=$(curl -sf --max-time 10 http://localhost:8090/api/overview)
for task in reach-v2 push-v2; do
  grep -oE "\{[^{}]*\"taskName\":\"$task\"[^{}]*\}" <<<"$overview" | grep -qE "\"envSteps\":[1-9]" \
    || fail "the run monitor's overview (http://localhost:8090/api/overview) has no environment steps of $task"
done
wait_for "a completed checkpoint of the replay job since the 'up'" 180 checkpointed

[[ -s $run/config.json ]] || fail "no config.json in $run"
if [[ -f $metrics ]]; then
  # every update 1..U once, update u trained batch u-1: nothing repeated or skipped across the stop and the down
  awk -F, -v u="$updates" 'NR > 1 { n++; if ($1 != n || $2 != n - 1) { bad = "row " NR ": update " $1 ", batch " $2; exit } }
    END { if (bad) { print bad; exit 1 } if (n != u) { print n " updates, not " u; exit 1 } }' "$metrics" \
    >"$run/.smoke-metrics" || fail "metrics.csv: $(cat "$run/.smoke-metrics")"
  rm -f "$run/.smoke-metrics"
  tail -n 1 "$metrics" | cut -d, -f3 | grep -qx "$steps" || fail "metrics.csv's last row has $(tail -n 1 "$metrics" | cut -d, -f3) env steps per task, not $steps"
else
  fail "no metrics.csv in $run"
fi
for task in reach-v2 push-v2; do
  grep -qE "^$updates,[0-9]+,[0-9]*,$task,[0-9.]+,[-0-9.]+,100$" "$run/evaluations.csv" 2>/dev/null \
    || fail "evaluations.csv has no final evaluation (update $updates, 100 episodes) of $task"
done
for png in success.png routing.png; do
  [[ $(head -c 4 "$run/$png" 2>/dev/null | tail -c 3) == PNG ]] || fail "$png is missing or not a PNG"
done
ls "$run/checkpoints" 2>/dev/null | grep -q "learner-0*$updates.ckpt" || fail "no learner checkpoint at update $updates in $run/checkpoints"

if ((failures == 0)); then
  say "OK in $((SECONDS - t0)) s (run folder $run)"
  exit 0
fi
say "$failures check(s) failed; logs: ${compose[*]} logs (D2R_SMOKE_KEEP=1 keeps the stack up)"
exit 1
}
main "$@"
