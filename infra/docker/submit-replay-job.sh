#!/usr/bin/env bash
# The compose stack's replay-job service: keeps the run's replay job running on the Flink cluster. It submits the
# job when the cluster has none of this run active, restoring from the newest retained checkpoint of the run when
# there is one (after `docker compose down` and `up`, a job manager restart, or a job that failed for good), then
# watches the cluster's REST API. Any Flink image with bash serves: the official one and the local stand-in.
#   submit-replay-job.sh JOBMANAGER_HOST:PORT CHECKPOINT_DIR JOB_ARGS...     (the job's own options, --run-id among them)
set -eu  # no pipefail: grep -q may close a pipe early
jm=$1 checkpoints=$2
shift 2
run_id=$(printf '%s\n' "$@" | sed -n '/^--run-id$/{n;p;q}')
[[ -n $run_id ]] || { echo "replay-job: no --run-id among the job's options: $*" >&2; exit 2; }
name="d2r-replay $run_id"
host=${jm%:*} port=${jm#*:}

# GET a REST path of the job manager (bash's /dev/tcp: no curl in the official image)
rest() {
  exec 3<>"/dev/tcp/$host/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$1" "$host" >&3
  sed '1,/^\r\?$/d' <&3
  exec 3<&-
}
# this run's job in a state that will (or does) run: it needs no new submission
active() {
  rest /jobs/overview | sed 's/{"jid"/\n/g' | grep -F "\"name\":\"$name\"" \
    | grep -qE '"state":"(CREATED|INITIALIZING|RUNNING|RESTARTING|RECONCILING)"'
}
newest_checkpoint() {
  local dir=${checkpoints#file://}
  ls -dt "$dir"/*/chk-*/ 2>/dev/null | while read -r c; do [[ -f $c/_metadata ]] && { echo "${c%/}"; break; }; done
}

until rest /overview >/dev/null 2>&1; do sleep 2; done
while true; do
  if ! active; then
    restore=()
    if c=$(newest_checkpoint) && [[ -n $c ]]; then restore=(--restore-from "file://$c"); fi
    echo "replay-job: submitting '$name'${restore[*]:+ restored from ${restore[1]}}"
    flink run -m "$jm" -d -c org.d2r.replay.ReplayJob /opt/flink/usrlib/d2r-replay-job.jar "$@" \
      --checkpoint-dir "$checkpoints" "${restore[@]}" || echo "replay-job: submission failed; trying again" >&2
  fi
  sleep "${D2R_WATCH_SECONDS:-15}"
done
