#!/usr/bin/env bash
# The README's first run on a clean Debian 12, checked by hand (not CI): a debootstrap chroot with nothing but
# openjdk-17-jdk-headless and maven, this branch cloned into it twice (root's and a user's), Meta-World's assets
# nowhere, and a tarball laid out as GitHub's archive of the pinned commit (built from a local copy of the
# assets) served by `python3 -m http.server` on 127.0.0.1, since GitHub itself may be unreachable.
#
#   1. as a user without sudo: `bin/d2r train --preset smoke` must stop with one line naming the apt-get command;
#   2. as root: the same command installs libmujoco-dev, builds, fetches the assets from the local server into
#      ~/.cache/d2r/metaworld-<commit>/ with progress, and trains (up to STEP_TIMEOUT seconds, or to the end);
#   3. as root: `mvn -B test -pl metaworld` (AssetsTest, AssetsArchiveTest) finds the assets in that cache;
#   4. as the user (MuJoCo now installed): the default URL (github.com) and a closed port each stop with one line.
#
# Usage (as root on a Debian host with debootstrap; it changes nothing outside CHROOT):
#   scripts/check-first-run-chroot.sh CHROOT [ASSETS_DIR] [MAVEN_REPO]
#     ASSETS_DIR  Meta-World's assets_v2 folder to serve (default ../shared/metaworld-v2/assets)
#     MAVEN_REPO  a Maven repository to copy in, to save downloads (default: none, Maven Central is used)
#   KEEP=1 keeps the chroot afterwards; STEP_TIMEOUT (default 900) bounds the training step; TRAIN_ARGS
#   (default "--preset smoke") are train's options.
# Output: every step's transcript in CHROOT.logs/ beside the chroot, and a summary at the end.
set -euo pipefail

[[ $(id -u) -eq 0 ]] || { echo "check-first-run-chroot: run as root (debootstrap, chroot and mounts need it)" >&2; exit 2; }
[[ $# -ge 1 ]] || { echo "check-first-run-chroot: usage: check-first-run-chroot.sh CHROOT [ASSETS_DIR] [MAVEN_REPO]" >&2; exit 2; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROOT="$(realpath -m "$1")"
ASSETS="${2:-$(dirname "$ROOT")/shared/metaworld-v2/assets}"
MAVEN_REPO="${3:-}"
LOGS="$CHROOT.logs"
STEP_TIMEOUT="${STEP_TIMEOUT:-900}"
TRAIN_ARGS="${TRAIN_ARGS:---preset smoke}"
COMMIT="$(grep -o 'COMMIT = "[0-9a-f]*"' "$ROOT/metaworld/src/main/java/org/d2r/metaworld/Assets.java" | cut -d'"' -f2)"
BRANCH="$(git -C "$ROOT" rev-parse --abbrev-ref HEAD)"
MIRROR="$(awk '/^URIs:/ {print $2; exit} /^deb / {print $2; exit}' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | head -1)"
[[ -d "$ASSETS/sawyer_xyz" ]] || { echo "check-first-run-chroot: $ASSETS has no sawyer_xyz/; pass Meta-World's assets_v2 folder" >&2; exit 2; }
mkdir -p "$LOGS"

server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null
  for m in home/tester/.m2/repository root/.m2/repository dev/shm proc; do
    mountpoint -q "$CHROOT/$m" && umount "$CHROOT/$m"
  done
  if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$CHROOT"; fi
}
trap cleanup EXIT

# A clean Debian 12 with only a JDK and Maven.
if [[ ! -x "$CHROOT/usr/bin/mvn" ]]; then
  debootstrap --variant=minbase bookworm "$CHROOT" "${MIRROR:-http://deb.debian.org/debian}" >"$LOGS/debootstrap.log" 2>&1
fi
mountpoint -q "$CHROOT/proc" || mount -t proc proc "$CHROOT/proc"
mkdir -p "$CHROOT/dev/shm"; mountpoint -q "$CHROOT/dev/shm" || mount -t tmpfs tmpfs "$CHROOT/dev/shm"
# what an installed system has and debootstrap leaves out: the name server, and the host name in /etc/hosts
# (without it Kafka and Flink stop at "<host>: Name or service not known")
cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"; cp /etc/hosts "$CHROOT/etc/hosts"
if [[ ! -x "$CHROOT/usr/bin/mvn" ]]; then
  chroot "$CHROOT" /bin/bash -c 'DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven' >"$LOGS/jdk-maven.log" 2>&1
fi
chroot "$CHROOT" id tester >/dev/null 2>&1 || chroot "$CHROOT" useradd -m -s /bin/bash tester
if [[ -n "$MAVEN_REPO" ]]; then
  [[ -d "$CHROOT/m2copy" ]] || cp -a "$MAVEN_REPO" "$CHROOT/m2copy"
  chmod -R a+rwX "$CHROOT/m2copy"
  for home in root home/tester; do
    mkdir -p "$CHROOT/$home/.m2/repository"
    mountpoint -q "$CHROOT/$home/.m2/repository" || mount --bind "$CHROOT/m2copy" "$CHROOT/$home/.m2/repository"
  done
  chroot "$CHROOT" chown tester: /home/tester/.m2
fi

# The branch, as a user gets it: a clone (no shared/ beside it, so no assets anywhere).
for home in root home/tester; do
  rm -rf "$CHROOT/$home/d2r"
  git clone -q -b "$BRANCH" "$ROOT" "$CHROOT/$home/d2r"
done
chroot "$CHROOT" chown -R tester: /home/tester/d2r

# Meta-World's archive as GitHub lays it out, served on 127.0.0.1 (the chroot shares the host's network).
SERVE="$LOGS/serve"; mkdir -p "$SERVE"
members=("$(basename "$ASSETS")"); [[ -f "$ASSETS/../LICENSE" ]] && members+=(LICENSE)
tar -C "$ASSETS/.." -czf "$SERVE/metaworld.tar.gz" --transform "s,^LICENSE,Metaworld-$COMMIT/LICENSE," \
    --transform "s,^$(basename "$ASSETS"),Metaworld-$COMMIT/metaworld/envs/assets_v2," "${members[@]}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$SERVE" >"$LOGS/http.log" 2>&1 &
server_pid=$!
sleep 2
URL="http://127.0.0.1:$port/metaworld.tar.gz"

as_tester() { chroot "$CHROOT" /usr/bin/env -i TERM=dumb /bin/su - tester -c "cd ~/d2r && $1"; }
# a login's environment, nothing of the caller's (MAVEN_OPTS, JAVA_HOME, ...)
as_root() { chroot "$CHROOT" /usr/bin/env -i HOME=/root TERM=dumb PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -lc "cd ~/d2r && $1"; }
step() { # name, then the command's exit status is kept in $LOGS/<name>.rc
  local name="$1"; shift
  set +e; "$@" >"$LOGS/$name.log" 2>&1; echo $? >"$LOGS/$name.rc"; set -e
  echo "== $name (exit $(cat "$LOGS/$name.rc")); first lines:"; head -n 6 "$LOGS/$name.log"
}

step 1-user-no-mujoco as_tester "bin/d2r train $TRAIN_ARGS"
step 1b-user-mvn-test-no-mujoco as_tester "mvn -B test -pl metaworld -Dtest=AssetsTest -Dsurefire.failIfNoSpecifiedTests=false"
step 2-root-first-run as_root "D2R_METAWORLD_URL=$URL timeout -s INT $STEP_TIMEOUT bin/d2r train $TRAIN_ARGS"
# AssetsArchiveTest builds environments from the assets the ordinary lookup finds: here, the cache step 2 filled
step 3-root-mvn-test as_root "mvn -B test -pl metaworld -Dtest=AssetsTest,AssetsArchiveTest -Dsurefire.failIfNoSpecifiedTests=false"
step 4a-user-github-unreachable as_tester "bin/d2r scripted --tasks reach-v2 --episodes 1"
step 4b-user-closed-port as_tester "D2R_METAWORLD_URL=http://127.0.0.1:1/metaworld.tar.gz bin/d2r scripted --tasks reach-v2 --episodes 1"
step 4c-user-fetch-and-run as_tester "D2R_METAWORLD_URL=$URL bin/d2r scripted --tasks reach-v2 --episodes 2"
echo "transcripts: $LOGS"
