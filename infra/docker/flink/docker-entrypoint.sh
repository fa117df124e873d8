#!/usr/bin/env bash
# The local flink image's entry point: `jobmanager` (a standalone session cluster) or `taskmanager`, started as
# Flink's own scripts start them (the JVM's memory flags from BashJavaUtils, which sizes them from the
# configuration), or any other command as given. The configuration is conf/defaults.yaml with FLINK_PROPERTIES
# over it: Flink 2's YAML parser refuses a key given twice, so a default is written only when not given.
set -euo pipefail
conf=$FLINK_CONF_DIR/config.yaml
given=$(printf '%s\n' "${FLINK_PROPERTIES:-}" | sed -n 's/^[[:space:]]*\([^:#[:space:]]*\)[[:space:]]*:.*/\1/p')
{
  grep -v '^#' "$FLINK_CONF_DIR/defaults.yaml" | while IFS= read -r line; do
    grep -qxF "${line%%:*}" <<<"$given" || printf '%s\n' "$line"
  done
  printf '%s\n' "${FLINK_PROPERTIES:-}"
} >"$conf"

cp="$FLINK_HOME/lib/*"
logging=(-Dlog4j.configurationFile="file:$FLINK_CONF_DIR/log4j-console.properties" -Dlog.file=/opt/flink/log/flink.log)
# BashJavaUtils prints two results, the JVM's flags and the dynamic configuration, after a marker each
resources() {
  java -Xmx64m "${logging[@]}" -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$FLINK_CONF_DIR" \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}
case ${1:-help} in
  jobmanager)
    mapfile -t r < <(resources GET_JM_RESOURCE_PARAMS)
    # shellcheck disable=SC2086 # the flags are words
    exec java ${r[0]} "${logging[@]}" -cp "$cp" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
      --configDir "$FLINK_CONF_DIR" ${r[1]:-} ;;
  taskmanager)
    mapfile -t r < <(resources GET_TM_RESOURCE_PARAMS)
    # shellcheck disable=SC2086
    exec java ${r[0]} "${logging[@]}" -cp "$cp" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
      --configDir "$FLINK_CONF_DIR" ${r[1]:-} ;;
  help) echo "usage: jobmanager | taskmanager | a command (flink run ...)" ;;
  *) exec "$@" ;;
esac
