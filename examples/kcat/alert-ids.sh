#!/usr/bin/env bash
# The alert ids on customs.alerts, one line each: "<alert id> partition <p> offset <o>", committed records only.
# Debian's kcat has no Avro support (-s value=avro needs a kcat built with libserdes); keys are plain strings, so the
# ids print with any kcat. A kcat with Avro support prints whole alerts with:
#   kcat -b "$KAFKA_BOOTSTRAP" -t customs.alerts -C -o beginning -e -X isolation.level=read_committed \
#        -s value=avro -r "$SCHEMA_REGISTRY_URL" -f '%k %s\n'
# librdkafka reads lz4, the compression Customs Sentinel writes, with no extra setting.
# On a secured cluster KCAT_CONFIG names a librdkafka file, as `sentinel stack --secure` writes one per user
# (clients/reader.librdkafka.conf): mutual TLS, since librdkafka before 2.6.1 (Debian 12's kcat among them) cannot
# log in to Kafka 4 with SCRAM.
set -euo pipefail
: "${KAFKA_BOOTSTRAP:=127.0.0.1:9092}"
: "${ALERTS_TOPIC:=customs.alerts}"
if [[ -n "${KCAT_CONFIG:-}" ]]; then
  set -- -F "$KCAT_CONFIG"
else
  set -- -b "$KAFKA_BOOTSTRAP"
fi
exec kcat "$@" -t "$ALERTS_TOPIC" -C -o beginning -e -q \
     -X isolation.level=read_committed -f '%k partition %p offset %o\n'
