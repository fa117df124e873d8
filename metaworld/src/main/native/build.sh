#!/bin/sh
# Compiles the JNI layer into target/classes so the jar carries it. Called by Maven (exec plugin).
# Usage: build.sh <java.home> <output dir>
set -e
JAVA_HOME_DIR="$1"
OUT="$2"
SRC="$(dirname "$0")/d2r_mujoco.c"
INC="${MUJOCO_INCLUDE:-/usr/include}"
if [ ! -f "$INC/mujoco/mujoco.h" ]; then
  echo "ERROR: MuJoCo headers not found ($INC/mujoco/mujoco.h). Install MuJoCo 2.2.2: sudo apt-get install libmujoco-dev gcc libc6-dev (bin/d2r installs them itself where it may)" >&2
  exit 1
fi
if [ ! -f "$JAVA_HOME_DIR/include/jni.h" ]; then
  echo "ERROR: JNI headers not found in $JAVA_HOME_DIR/include. Build with a full JDK 17 (e.g. apt-get install openjdk-17-jdk-headless)." >&2
  exit 1
fi
if ! command -v gcc >/dev/null 2>&1; then
  echo "ERROR: gcc not found; the MuJoCo binding is compiled at build time. Install it: sudo apt-get install gcc" >&2
  exit 1
fi
mkdir -p "$OUT"
LIB="$OUT/libd2rmujoco.so"
if [ -f "$LIB" ] && [ "$LIB" -nt "$SRC" ] && [ "$LIB" -nt "$0" ]; then
  exit 0
fi
if ! gcc -O2 -std=c11 -D_POSIX_C_SOURCE=199309L -shared -fPIC -Wall \
    -I"$JAVA_HOME_DIR/include" -I"$JAVA_HOME_DIR/include/linux" -I"$INC" \
    "$SRC" -o "$LIB" -lmujoco; then
  echo "ERROR: compiling the MuJoCo JNI layer failed (see gcc output above). It needs MuJoCo 2.2.2 headers and libmujoco.so: sudo apt-get install libmujoco-dev" >&2
  exit 1
fi
