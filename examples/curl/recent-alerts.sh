#!/usr/bin/env bash
# The 20 most recent alerts as JSON, from the query API of a running `sentinel streams` (default 127.0.0.1:8080).
# Filters: since=2023-01-01T00:00:00Z, rule=SPIKE, flow=CN|RU|854231 (URL-encode the bars: CN%7CRU%7C854231).
set -euo pipefail
: "${SENTINEL_HTTP:=http://127.0.0.1:8080}"
exec curl -sS --fail-with-body "$SENTINEL_HTTP/api/alerts?limit=${LIMIT:-20}"
