#!/usr/bin/env bash
# Stops everything deploy/local/up.sh started (demo traffic, Thinkwatch, OpenSearch, Kafka, and PostgreSQL if it
# started one of its own; never the machine's).
# Data stays in the state folder; the next up.sh continues from it.

set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE=${THINKWATCH_STATE:-$HERE/.state}

stop_pidfile() {
  local name=$1 file=$2 pid i
  [[ -f $file ]] || return 0
  pid=$(<"$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "[$name] stopped pid $pid"
  fi
  rm -f "$file"
}

stop_pidfile demo "$STATE/demo.pid"
stop_pidfile thinkwatch "$STATE/thinkwatch.pid"
"$HERE/opensearch.sh" stop "$STATE/opensearch"
"$HERE/kafka.sh" stop "$STATE/kafka"
"$HERE/postgres.sh" stop "$STATE/postgres"
