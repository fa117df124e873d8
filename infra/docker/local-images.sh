#!/usr/bin/env bash
# Builds the images docker-compose.local.yml runs, without Docker Hub: each one only when it is missing (the d2r
# images also when this checkout's build changed), so a second run costs seconds.
#   d2r-local/debian:bookworm      debootstrap base (base/make-base.sh; root)
#   d2r-local/jre:17               the base with Debian's JRE 17
#   d2r-local/kafka:4.1.1          Kafka from Maven Central (kafka/), also tagged apache/kafka:4.1.1 when that is absent
#   d2r-local/flink:2.0.0-java17   Flink from Maven Central (flink/), also tagged flink:2.0.0-java17 when absent
#   d2r:latest, d2r-flink:latest   the roles and the Flink image with the replay job, from this checkout's build
# The official names let Testcontainers (ContainerKafkaTest) and the plain docker-compose.yml find the stand-ins
# without pulling. Run from anywhere; Maven flags (e.g. -o) in MVN_FLAGS, the Debian mirror in MIRROR.
# (one function, read whole before it runs: editing the file meanwhile cannot break a running build)
main() {
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
mvn=(quiet mvn -B -q -Dstyle.color=never ${MVN_FLAGS:-})
compose=(docker-compose); docker compose version >/dev/null 2>&1 && compose=(docker compose)
compose+=(-f "$repo/docker-compose.yml" -f "$repo/docker-compose.local.yml")

have() { docker image inspect "$1" >/dev/null 2>&1; }
# a step's output only when it fails (the legacy builder's deprecation notice and Maven's lines otherwise)
quiet() {
  local log rc=0; log=$(mktemp)
  "$@" >"$log" 2>&1 || rc=$?
  ((rc == 0)) || { tail -n 40 "$log" >&2; echo "local-images: failed: $*" >&2; }
  rm -f "$log"; return $rc
}
step() { echo "local-images: $*"; }
# TAG built from DIR's Dockerfile and DIR/target/lib, which Maven fills from DIR/pom.xml; OFFICIAL tagged too when absent
maven_image() {
  local tag=$1 dir=$2 official=$3
  if ! have "$tag"; then
    step "building $tag"
    rm -rf "$here/$dir/target/lib"
    "${mvn[@]}" -f "$here/$dir/pom.xml" package
    quiet docker build -q -t "$tag" "$here/$dir"
  fi
  if ! have "$official"; then docker tag "$tag" "$official"; step "tagged $tag as $official"; fi
}

have d2r-local/debian:bookworm || { step "building d2r-local/debian:bookworm (debootstrap)"; "$here/base/make-base.sh" d2r-local/debian:bookworm; }
have d2r-local/jre:17 || { step "building d2r-local/jre:17"; quiet docker build -q -t d2r-local/jre:17 -f "$here/base/Dockerfile.jre" "$here/base"; }
maven_image d2r-local/kafka:4.1.1 kafka apache/kafka:4.1.1
maven_image d2r-local/flink:2.0.0-java17 flink flink:2.0.0-java17

# d2r: this checkout's jars (gather-d2r.sh), rebuilt when they or the Flink image differ from what they were built on
cd "$repo"
ls infra/target/d2r-infra-*.jar >/dev/null 2>&1 || { step "building the project (mvn install)"; "${mvn[@]}" -DskipTests install; }
MVN_FLAGS="-Dstyle.color=never ${MVN_FLAGS:-}" quiet "$here/gather-d2r.sh" "$here/prebuilt"
sum=$(cd "$here/prebuilt" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
sum="$sum $(docker image inspect -f '{{.Id}}' d2r-local/flink:2.0.0-java17)"
stamp="$here/prebuilt.image"
if ! have d2r:latest || ! have d2r-flink:latest || [[ "$(cat "$stamp" 2>/dev/null)" != "$sum $(docker image inspect -f '{{.Id}}' d2r:latest)" ]]; then
  step "building d2r:latest and d2r-flink:latest from this checkout's build"
  quiet "${compose[@]}" build learner
  quiet "${compose[@]}" build jobmanager
  echo "$sum $(docker image inspect -f '{{.Id}}' d2r:latest)" >"$stamp"
  # the previous d2r images and build stages, untagged now (about 2 GB a rebuild otherwise)
  quiet docker image prune -f --filter label=org.d2r.image=d2r
fi
step "images ready"
}
main "$@"
