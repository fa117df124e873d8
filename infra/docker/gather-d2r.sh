#!/usr/bin/env bash
# The d2r image's files from a built checkout (after `mvn install`), into OUT: lib/ (every role's classpath),
# broker-lib/ (the embedded broker's jars, kept apart as the build keeps them), flink-job/ (the replay job's jar for
# a Flink cluster). Run from the repository root; the Dockerfile runs it after its own build, and
# local-images.sh runs it on the host's build, so both images hold the same files.
#   infra/docker/gather-d2r.sh OUT        (extra Maven flags, e.g. -o, in MVN_FLAGS)
set -euo pipefail
out=$(realpath -m "${1:?usage: gather-d2r.sh OUT}")  # absolute: each mvn -f resolves a path from its pom
mvn=(mvn -B -q ${MVN_FLAGS:-})
shopt -s nullglob
infra_jar=(infra/target/d2r-infra-*.jar) job_jar=(replay-job/target/d2r-replay-job-*-flink-job.jar)
[[ ${#infra_jar[@]} -gt 0 && ${#job_jar[@]} -gt 0 ]] \
  || { echo "gather-d2r: the project is not built here: run 'mvn -DskipTests install' first" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out/flink-job"
"${mvn[@]}" -f infra/pom.xml dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$out/lib"
cp "${infra_jar[@]}" "$out/lib/"
cp "${job_jar[0]}" "$out/flink-job/d2r-replay-job.jar"
"${mvn[@]}" -f infra/embedded-kafka/pom.xml dependency:copy-dependencies -DincludeScope=compile -DoutputDirectory="$out/broker-lib"
