#!/usr/bin/env bash
# Size of the main code (src/main/**/*.java) per module: files, lines, and code lines (not blank, not only
# comment). For the house issue's before/after count; test code, scripts and docs are not counted.
#   scripts/code-size.sh [REV ...]    (no REV: the working tree)
# Each REV is read with git archive, so the checkout is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."

count() {  # $1: a folder holding the tree; prints one line per module and a total
  (cd "$1" && find . -path '*/src/main/*' -name '*.java' -print0 | sort -z | xargs -0 awk '
    FNR == 1 { m = FILENAME; sub("^\\./", "", m); sub("/src/main/.*", "", m); files[m]++ }
    {
      lines[m]++
      # strip string literals first so that "//" or "/*" inside one is not taken for a comment
      s = $0; gsub(/"([^"\\]|\\.)*"/, "\"\"", s); code = ""
      while (length(s) > 0) {
        if (block) {
          i = index(s, "*/"); if (i == 0) { s = "" } else { block = 0; s = substr(s, i + 2) }
        } else {
          i = index(s, "/*"); j = index(s, "//")
          if (j > 0 && (i == 0 || j < i)) { code = code substr(s, 1, j - 1); s = "" }
          else if (i > 0) { code = code substr(s, 1, i - 1); block = 1; s = substr(s, i + 2) }
          else { code = code s; s = "" }
        }
      }
      if (code ~ /[^ \t]/) codelines[m]++
    }
    END {
      printf "%-28s %6s %8s %8s\n", "module", "files", "lines", "code"
      for (m in files) printf "%-28s %6d %8d %8d\n", m, files[m], lines[m], codelines[m] | "sort"
      close("sort")
      for (m in files) { f += files[m]; l += lines[m]; c += codelines[m] }
      printf "%-28s %6d %8d %8d\n", "total", f, l, c
    }')
}

if [ $# -eq 0 ]; then
  echo "# working tree"
  count .
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for rev in "$@"; do
  git rev-parse --verify -q "$rev^{commit}" >/dev/null || { echo "code-size: $rev is not a commit here" >&2; exit 2; }
  rm -rf "${tmp:?}"/*
  git archive "$rev" | tar -x -C "$tmp"
  echo "# $rev ($(git log -1 --format='%h %cs' "$rev"))"
  count "$tmp"
done
