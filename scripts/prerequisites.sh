#!/usr/bin/env bash
# What building D2R needs on the machine: a JDK 17 or newer, Maven, gcc and MuJoCo 2.2.2 (Debian's
# libmujoco-dev). bin/d2r runs this before it builds, .ci/run before the tests, so that a missing
# prerequisite is one line naming the command that fixes it, never a Maven stack trace.
#
# MuJoCo and gcc are installed with apt-get when this user can (root, or sudo without a password):
# they are the project's own native dependencies, and a first run should need no hand steps. A JDK
# and Maven are the user's toolchain and are only named, unless --install-toolchain (CI) is given.
#
# Usage: scripts/prerequisites.sh [--install-toolchain]
# Exit status 0 when everything is there (now), 1 otherwise (after its one line on stderr), 2 on a usage error.
# Environment: MUJOCO_INCLUDE (MuJoCo's include folder, as the build reads it), D2R_PREREQ_LOG
# (where apt-get's output goes), D2R_PREREQ_ROOT (a prefix for the system paths checked: tests).
set -uo pipefail

install_toolchain=0
case "${1:-}" in
  "") ;;
  --install-toolchain) install_toolchain=1 ;;
  *) echo "prerequisites.sh: unknown option $1; the only option is --install-toolchain" >&2; exit 2 ;;
esac

ROOT_PREFIX="${D2R_PREREQ_ROOT:-}"
LOG="${D2R_PREREQ_LOG:-${TMPDIR:-/tmp}/d2r-prerequisites.log}"
NATIVE_PACKAGES=(libmujoco-dev gcc libc6-dev)

missing=()        # what is missing, for the message
toolchain=()      # packages only named (unless --install-toolchain)
native=0          # MuJoCo or gcc missing: NATIVE_PACKAGES to install

# The JDK: the launcher runs `java` from the PATH, Maven compiles with JAVA_HOME's when it is set.
java_major() { # prints the major version of the java binary $1
  local out
  out="$("$1" -version 2>&1)" || return 1
  [[ "$out" =~ version\ \"([0-9]+)(\.([0-9]+))? ]] || return 1
  if [[ "${BASH_REMATCH[1]}" == 1 ]]; then echo "${BASH_REMATCH[3]}"; else echo "${BASH_REMATCH[1]}"; fi
}
check_jdk() { # $1: java binary, $2: javac binary, $3: where it came from
  local major
  if ! major="$(java_major "$1")"; then
    missing+=("a JDK 17 ($3 does not run)"); toolchain+=(openjdk-17-jdk-headless)
  elif (( major < 17 )); then
    missing+=("a JDK 17 or newer ($3 is Java $major)"); toolchain+=(openjdk-17-jdk-headless)
  elif [[ ! -x "$2" ]] && ! command -v "$2" >/dev/null 2>&1; then
    missing+=("a JDK with javac ($3 is a JRE)"); toolchain+=(openjdk-17-jdk-headless)
  fi
}
if [[ -n "${JAVA_HOME:-}" ]]; then
  check_jdk "$JAVA_HOME/bin/java" "$JAVA_HOME/bin/javac" "JAVA_HOME=$JAVA_HOME"
fi
if [[ ${#toolchain[@]} -eq 0 ]]; then
  if java_bin="$(command -v java)"; then
    check_jdk "$java_bin" javac "$java_bin"
  else
    missing+=("a JDK 17 (no java on the PATH)"); toolchain+=(openjdk-17-jdk-headless)
  fi
fi
command -v mvn >/dev/null 2>&1 || { missing+=("Maven (no mvn on the PATH)"); toolchain+=(maven); }

# MuJoCo 2.2.2 and a C compiler for the JNI layer (metaworld/src/main/native/build.sh).
if [[ -n "${MUJOCO_INCLUDE:-}" ]]; then
  if [[ ! -f "$MUJOCO_INCLUDE/mujoco/mujoco.h" ]]; then
    echo "d2r: MUJOCO_INCLUDE=$MUJOCO_INCLUDE has no mujoco/mujoco.h; point it at MuJoCo 2.2.2's include folder, or unset it to use Debian's libmujoco-dev" >&2
    exit 1
  fi
else
  if [[ ! -f "$ROOT_PREFIX/usr/include/mujoco/mujoco.h" ]]; then
    missing+=("MuJoCo 2.2.2's headers (no /usr/include/mujoco/mujoco.h)"); native=1
  else
    lib_found=0
    IFS=: read -r -a lib_dirs <<<"${LIBRARY_PATH:-}"
    for d in "${lib_dirs[@]}" "$ROOT_PREFIX"/usr/lib/*-linux-gnu "$ROOT_PREFIX/usr/lib" "$ROOT_PREFIX/usr/local/lib"; do
      if [[ -n "$d" && -e "$d/libmujoco.so" ]]; then lib_found=1; break; fi
    done
    [[ $lib_found -eq 1 ]] || { missing+=("MuJoCo 2.2.2's library (no libmujoco.so)"); native=1; }
  fi
fi
command -v gcc >/dev/null 2>&1 || { missing+=("gcc (no gcc on the PATH)"); native=1; }

[[ ${#missing[@]} -eq 0 ]] && exit 0

# Who may install: root, or a sudo that asks no password.
sudo_cmd=""
can_install=1
if [[ "$(id -u 2>/dev/null)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then sudo_cmd="sudo"; else can_install=0; fi
fi

packages=()
declare -A seen=()
for p in "${toolchain[@]}" $([[ $native -eq 1 ]] && echo "${NATIVE_PACKAGES[@]}"); do
  [[ -n "${seen[$p]:-}" ]] || packages+=("$p"); seen[$p]=1
done
what="${missing[0]}"
for m in "${missing[@]:1}"; do what+=", $m"; done
apt_cmd="apt-get install -y ${packages[*]}"

if ! command -v apt-get >/dev/null 2>&1; then
  echo "d2r: missing $what; install them with your package manager (on Debian or Ubuntu: $apt_cmd), or point MUJOCO_INCLUDE at MuJoCo 2.2.2's include folder" >&2
  exit 1
fi
if [[ $can_install -eq 0 ]]; then
  echo "d2r: missing $what; run as root: $apt_cmd" >&2
  exit 1
fi
if [[ ${#toolchain[@]} -gt 0 && $install_toolchain -eq 0 ]]; then
  echo "d2r: missing $what; run: ${sudo_cmd:+sudo }$apt_cmd" >&2
  exit 1
fi

echo "d2r: installing ${packages[*]} with apt-get (missing $what; log: $LOG) ..." >&2
mkdir -p "${LOG%/*}" 2>/dev/null
if ! { $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -q \
       && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"; } >"$LOG" 2>&1; then
  reason=""
  while IFS= read -r line; do [[ "$line" == E:* ]] && { reason="${line:0:200}"; break; }; done <"$LOG"
  echo "d2r: apt-get could not install ${packages[*]} (${reason:-see $LOG}); fix that, then run: ${sudo_cmd:+sudo }$apt_cmd" >&2
  exit 1
fi
echo "d2r: installed ${packages[*]}" >&2
