#!/usr/bin/env bash
# Fetches Meta-World's V2 scene assets (metaworld/envs/assets_v2, MIT licence) at the commit the
# D2R paper used, for users with network access. Not run in CI: CI reads a provided copy.
#
# Usage: scripts/fetch-metaworld-assets.sh [DEST]
#   DEST defaults to ../shared/metaworld-v2/assets beside the repository root, which is where the
#   environments look when METAWORLD_ASSETS is unset.
set -euo pipefail

COMMIT=04be337a12305e393c0caf0cbf5ec7755c7c8feb
REPO_URL=https://github.com/Farama-Foundation/Metaworld.git
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${1:-$(dirname "$ROOT")/shared/metaworld-v2/assets}"

command -v git >/dev/null || { echo "fetch-metaworld-assets: git is required (apt-get install git)" >&2; exit 1; }
if [[ -d "$DEST/sawyer_xyz" ]]; then
  echo "fetch-metaworld-assets: $DEST already holds assets; remove it first to fetch again" >&2
  exit 1
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
git -C "$TMP" init -q
git -C "$TMP" remote add origin "$REPO_URL"
# Only the assets folder of the pinned commit: a sparse, shallow fetch.
git -C "$TMP" config core.sparseCheckout true
echo "metaworld/envs/assets_v2/" > "$TMP/.git/info/sparse-checkout"
git -C "$TMP" fetch -q --depth 1 --filter=blob:none origin "$COMMIT"
git -C "$TMP" checkout -q FETCH_HEAD

mkdir -p "$DEST"
cp -R "$TMP/metaworld/envs/assets_v2/." "$DEST/"
git -C "$TMP" show "$COMMIT:LICENSE" > "$(dirname "$DEST")/LICENSE" 2>/dev/null || true
echo "Meta-World assets_v2 at $COMMIT copied to $DEST"
echo "Point the environments at them with: export METAWORLD_ASSETS=$DEST"
