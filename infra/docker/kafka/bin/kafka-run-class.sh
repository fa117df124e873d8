#!/usr/bin/env bash
# kafka-run-class.sh CLASS [ARGS]: a Kafka class on the image's jars (KAFKA_HEAP_OPTS, KAFKA_OPTS as Kafka's script).
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_OPTS:-} -Dlogback.configurationFile=/opt/kafka/config/tools-logback.xml \
  -cp '/opt/kafka/libs/*' "$@"
