#!/usr/bin/env bash
# The first meaningful lines of a failed Maven build's log: the build scripts' and Maven's own ERROR lines
# and the compiler's, without Maven's boilerplate and stack frames, so that a user reads the cause first.
# Usage: scripts/build-errors.sh LOG [MAX_LINES]   (bin/d2r shows these when its build fails)
set -uo pipefail
[[ $# -ge 1 && -f "$1" ]] || { echo "build-errors.sh: usage: build-errors.sh LOG [MAX_LINES] (LOG: a Maven build log that exists)" >&2; exit 2; }
grep -E '^(ERROR|\[ERROR\])|:[0-9]+:([0-9]+:)? (fatal )?error:' "$1" \
  | grep -vE '^\[ERROR\] *$|^\[ERROR\] *(-> \[Help|To see the full stack trace|Re-run Maven|For more information|\[Help [0-9]|After correcting|mvn <args>)|^\[ERROR\][[:space:]]+at |^[[:space:]]+at ' \
  | head -n "${2:-8}" | cut -c1-400
exit 0
