#!/usr/bin/env bash
# The Debian bookworm base of the local images, for engines that cannot pull from Docker Hub: a minimal root
# file system made with debootstrap from the Debian mirror, imported into the engine as d2r-local/debian:bookworm.
# Needs root (debootstrap) and the debootstrap package.
#   infra/docker/base/make-base.sh [TAG]        (MIRROR=http://... to use another Debian mirror)
set -euo pipefail
tag=${1:-d2r-local/debian:bookworm}
mirror=${MIRROR:-http://deb.debian.org/debian}
command -v debootstrap >/dev/null || { echo "make-base: debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || { echo "make-base: debootstrap needs root: run as root or with sudo" >&2; exit 1; }
root=$(mktemp -d /var/tmp/d2r-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 \
  || { tail -n 20 "$root.log" >&2; echo "make-base: debootstrap failed (log above)" >&2; exit 1; }
rm -f "$root.log"
# the official image's sources (updates and security too), and no package lists or caches in the layer
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
tar -C "$root" -c . | docker import -c 'CMD ["bash"]' -c 'ENV LANG=C.UTF-8' - "$tag" >/dev/null
echo "make-base: $tag"
