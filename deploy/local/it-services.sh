#!/usr/bin/env bash
# The real services around the integration tests, called by the Maven build (pom.xml).
#   it-services.sh start <state-dir> <kafka-port> <kafka-controller-port> <opensearch-port> <database>
#   it-services.sh stop  <state-dir>
# start resets the test database, makes sure Chromium is installed for the browser tests, starts Kafka and
# OpenSearch, and leaves a watchdog that stops them when the Maven process that called it ends, so an
# interrupted build leaves nothing running.

set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

stop() {
  "$HERE/kafka.sh" stop "$1/kafka" || true
  "$HERE/opensearch.sh" stop "$1/opensearch" || true
}

start() {
  local state=$1 kport=$2 kcport=$3 osport=$4 db=$5 build_pid=$PPID
  rm -rf "$state"
  mkdir -p "$state"
  "$HERE/postgres.sh" reset "$db"
  "$HERE/chromium.sh" ensure
  trap 'stop "$state"' ERR
  "$HERE/kafka.sh" start "$state/kafka" "$kport" "$kcport"
  "$HERE/opensearch.sh" start "$state/opensearch" "$osport" "${IT_OPENSEARCH_VERSION:-2.19.6}"
  trap - ERR
  # Watchdog: once the build is gone, stop whatever it left running.
  setsid nohup bash -c "while kill -0 $build_pid 2>/dev/null; do sleep 2; done; '$0' stop '$state'" \
    </dev/null >>"$state/watchdog.log" 2>&1 &
}

case "${1:-}" in
  start) shift; [[ $# -eq 5 ]] || { sed -n '2,4p' "$0" >&2; exit 2; }; start "$@" ;;
  stop) shift; [[ $# -eq 1 ]] || { sed -n '2,4p' "$0" >&2; exit 2; }; stop "$1" ;;
  *) sed -n '2,4p' "$0" >&2; exit 2 ;;
esac
