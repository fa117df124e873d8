#!/usr/bin/env bash
# Resident size of an embedded train and of its broker, every INTERVAL seconds, with the learner's progress, until
# the train ends; then the train JVM's heap. For BENCHMARKS.md's memory tables.
#   scripts/rss-sample.sh RUN_DIR [INTERVAL] [BASELINE_AT]   (start bin/d2r train --run-dir RUN_DIR first)
# With D2R_OPTS=-XX:NativeMemoryTracking=summary on the train, each sample also prints the JVM's own committed
# native memory and the rest of the resident size (ND4J, MuJoCo, other native libraries); at BASELINE_AT seconds
# (default 240) an NMT baseline is taken, and RUN_DIR/nmt-diff.txt holds the growth by category since then.
set -u
run=${1:?usage: scripts/rss-sample.sh RUN_DIR [INTERVAL] [BASELINE_AT]}
every=${2:-30}
baseline_at=${3:-240}
based=""
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
  train_rss=$(rss "$train")
  echo "t=$(( $(date +%s) - t0 ))s train_jvm_rss=${train_rss}MiB broker_rss=$(rss "${broker:-0}")MiB" \
       "update,batch,env_steps_per_task=${last:-none} load=$(cut -d' ' -f1 /proc/loadavg)"
  jcmd "$train" GC.heap_info > "$run/heap-info.txt" 2>/dev/null || true
  nmt=$(jcmd "$train" VM.native_memory summary scale=MB 2>/dev/null | awk '/^Total:/ {sub("committed=", "", $3); print $3}')
  if [ -n "$nmt" ] && [ "$nmt" != "${nmt#[0-9]}" ] && [ "$train_rss" != "-" ]; then
    echo "    jvm_nmt_committed=${nmt} outside_jvm=$(( train_rss - ${nmt%MB} ))MiB"
    if [ -z "$based" ] && [ $(( $(date +%s) - t0 )) -ge "$baseline_at" ]; then
      jcmd "$train" VM.native_memory baseline >/dev/null 2>&1 && based=yes && echo "    NMT baseline taken"
    fi
    [ -n "$based" ] && jcmd "$train" VM.native_memory summary.diff scale=MB > "$run/nmt-diff.txt" 2>/dev/null
  fi
done
[ -f "$run/heap-info.txt" ] && { echo "the train JVM's heap at the last sample:"; cat "$run/heap-info.txt"; }
[ -f "$run/nmt-diff.txt" ] && { echo "the JVM's native memory at the last sample, and its growth since the baseline:"; cat "$run/nmt-diff.txt"; }
