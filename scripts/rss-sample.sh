#!/usr/bin/env bash
# Resident size of an embedded train and of its broker, every INTERVAL seconds, with the learner's progress, until
# the train ends; then the train JVM's heap. For BENCHMARKS.md's memory tables.
#   scripts/rss-sample.sh RUN_DIR [INTERVAL]       (start bin/d2r train --run-dir RUN_DIR first)
set -u
run=${1:?usage: scripts/rss-sample.sh RUN_DIR [INTERVAL]}
every=${2:-30}
rss() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "-"; }
t0=$(date +%s)
train=""
while :; do
  sleep "$every"
  if [ -z "$train" ]; then
    train=$(pgrep -f "D2rCli train.*$run" | head -1)
    [ -n "$train" ] || { echo "t=$(( $(date +%s) - t0 ))s waiting for train --run-dir $run to start"; continue; }
  fi
  kill -0 "$train" 2>/dev/null || { echo "train has ended"; break; }
  broker=$(awk '{print $1}' "$run/kafka/broker.pid" 2>/dev/null)
  last=$(tail -1 "$run/metrics.csv" 2>/dev/null | cut -d, -f1-3)
  echo "t=$(( $(date +%s) - t0 ))s train_jvm_rss=$(rss "$train")MiB broker_rss=$(rss "${broker:-0}")MiB" \
       "update,batch,env_steps_per_task=${last:-none} load=$(cut -d' ' -f1 /proc/loadavg)"
  jcmd "$train" GC.heap_info > "$run/heap-info.txt" 2>/dev/null || true
done
[ -f "$run/heap-info.txt" ] && { echo "the train JVM's heap at the last sample:"; cat "$run/heap-info.txt"; }
