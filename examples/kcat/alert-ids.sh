#!/usr/bin/env bash
# The alert ids on customs.alerts, one line each: "<alert id> partition <p> offset <o>", committed records only.
# Debian's kcat has no Avro support (-s value=avro needs a kcat built with libserdes); keys are plain strings, so the
# ids print with any kcat. A kcat with Avro support prints whole alerts with:
#   kcat -b "$KAFKA_BOOTSTRAP" -t customs.alerts -C -o beginning -e -X isolation.level=read_committed \
#        -s value=avro -r "$SCHEMA_REGISTRY_URL" -f '%k %s\n'
# librdkafka reads lz4, the compression Customs Sentinel writes, with no extra setting.
set -euo pipefail
: "${KAFKA_BOOTSTRAP:=127.0.0.1:9092}"
: "${ALERTS_TOPIC:=customs.alerts}"
exec kcat -b "$KAFKA_BOOTSTRAP" -t "$ALERTS_TOPIC" -C -o beginning -e -q \
     -X isolation.level=read_committed -f '%k partition %p offset %o\n'
