#!/usr/bin/env bash
# A Docker engine that answers: exit 0 when one does, after starting /usr/sbin/dockerd when none did and this user
# can (root; the engine's log goes to /var/log/d2r-dockerd.log). Exit 2 with one line naming why not otherwise.
set -uo pipefail
command -v docker >/dev/null || { echo "no docker command: apt-get install docker.io docker-compose" >&2; exit 2; }
docker info >/dev/null 2>&1 && exit 0
[[ $(id -u) -eq 0 && -x /usr/sbin/dockerd ]] \
  || { echo "no Docker engine answers and this user cannot start one: start dockerd (as root) or join the docker group" >&2; exit 2; }
echo "starting the Docker engine (log: /var/log/d2r-dockerd.log)"
nohup /usr/sbin/dockerd >>/var/log/d2r-dockerd.log 2>&1 &
for _ in $(seq 60); do docker info >/dev/null 2>&1 && exit 0; sleep 1; done
echo "the Docker engine did not answer within 60 s: see /var/log/d2r-dockerd.log" >&2
exit 2
