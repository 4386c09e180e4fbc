#!/usr/bin/env bash
# The real services around the integration tests, called by the Maven build (pom.xml).
#   it-services.sh start <state-dir> <kafka-port> <kafka-controller-port> <opensearch-port> <database> [<opensearch3-port>]
#   it-services.sh stop  <state-dir>
# start uses the PostgreSQL on 127.0.0.1:5432 (or starts one of its own under <state-dir>), resets the test database, makes sure Chromium is installed for the browser tests, starts Kafka and OpenSearch (IT_OPENSEARCH_VERSION, 2.19.6 by default)
# and, given a sixth port, a second OpenSearch node of version IT_OPENSEARCH3_VERSION (3.3.2 by default,
# started in parallel), and leaves a watchdog that stops them when the Maven process that called it ends,
# so an interrupted build leaves nothing running. IT_OPENSEARCH_TRANSPORT_PORT and
# IT_OPENSEARCH3_TRANSPORT_PORT pin the nodes' transport ports to ports the build reserved, so a node
# cannot take a port reserved for Kafka.

set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

stop() {
  "$HERE/kafka.sh" stop "$1/kafka" || true
  "$HERE/opensearch.sh" stop "$1/opensearch" || true
  "$HERE/opensearch.sh" stop "$1/opensearch3" || true
  "$HERE/opensearch.sh" stop "$1/opensearch-secure" || true
  "$HERE/postgres.sh" stop "$1/postgres" || true
}

start() {
  local state=$1 kport=$2 kcport=$3 osport=$4 db=$5 os3port=${6:-} build_pid=$PPID os3pid=""
  rm -rf "$state"
  mkdir -p "$state"
  "$HERE/postgres.sh" start "$state/postgres"
  "$HERE/postgres.sh" reset "$db"
  "$HERE/chromium.sh" ensure
  # On failure, wait for a node still starting in the background before stopping everything.
  trap '[[ -z $os3pid ]] || wait "$os3pid" || true; stop "$state"' ERR
  if [[ -n $os3port ]]; then
    # Started beside the others on a busy 2-core machine: give it more time than the default.
    OPENSEARCH_READY_TIMEOUT=${OPENSEARCH_READY_TIMEOUT:-300} \
      OPENSEARCH_TRANSPORT_PORT=${IT_OPENSEARCH3_TRANSPORT_PORT:-} \
      "$HERE/opensearch.sh" start "$state/opensearch3" "$os3port" "${IT_OPENSEARCH3_VERSION:-3.3.2}" \
      >"$state/opensearch3-start.log" 2>&1 &
    os3pid=$!
  fi
  "$HERE/kafka.sh" start "$state/kafka" "$kport" "$kcport"
  OPENSEARCH_TRANSPORT_PORT=${IT_OPENSEARCH_TRANSPORT_PORT:-} \
    "$HERE/opensearch.sh" start "$state/opensearch" "$osport" "${IT_OPENSEARCH_VERSION:-2.19.6}"
  if [[ -n $os3pid ]]; then
    wait "$os3pid" || { cat "$state/opensearch3-start.log" >&2; false; }
    cat "$state/opensearch3-start.log"
  fi
  trap - ERR
  # Watchdog: once the build is gone, stop whatever it left running.
  setsid nohup bash -c "while kill -0 $build_pid 2>/dev/null; do sleep 2; done; '$0' stop '$state'" \
    </dev/null >>"$state/watchdog.log" 2>&1 &
}

case "${1:-}" in
  start) shift; [[ $# -eq 5 || $# -eq 6 ]] || { sed -n '2,7p' "$0" >&2; exit 2; }; start "$@" ;;
  stop) shift; [[ $# -eq 1 ]] || { sed -n '2,7p' "$0" >&2; exit 2; }; stop "$1" ;;
  *) sed -n '2,7p' "$0" >&2; exit 2 ;;
esac
