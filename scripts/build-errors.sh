#!/usr/bin/env bash
# The first meaningful lines of a failed Maven build's log: the build scripts' ERROR lines (which Ant's exec logs as
# "[INFO]      [exec] ..."), the compiler's errors and Maven's own ERROR lines, without Maven's boilerplate and
# stack frames, so that a user reads the cause first.
# Usage: scripts/build-errors.sh LOG [MAX_LINES]   (bin/d2r shows these when its build fails)
set -uo pipefail
[[ $# -ge 1 && -f "$1" ]] || { echo "build-errors.sh: usage: build-errors.sh LOG [MAX_LINES] (LOG: a Maven build log that exists)" >&2; exit 2; }
sed -E 's/\x1b\[[0-9;]*m//g; s/^\[INFO\] +\[exec\] //' "$1" \
  | grep -E '^ERROR|^\[ERROR\]|:[0-9]+:([0-9]+:)? (fatal )?error:' \
  | grep -vE '^\[ERROR\] *$|^\[ERROR\] *(-> \[Help|To see the full stack trace|Re-run Maven|For more information|\[Help [0-9]|After correcting|mvn <args>|around Ant part)|^\[ERROR\][[:space:]]+at |^[[:space:]]+at ' \
  | head -n "${2:-8}" | cut -c1-400
exit 0
