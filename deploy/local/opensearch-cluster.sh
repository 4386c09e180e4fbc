#!/usr/bin/env bash
# Starts or stops a two-node OpenSearch cluster on loopback, for the scale-out tests: node 1 is the cluster manager and
# holds data, node 2 holds data only (two manager-eligible nodes cannot elect a manager once one is gone, so the node a
# test kills and brings back is node 2). Node N keeps its state in <state-dir>/node-N and is started and stopped on its
# own with opensearch.sh.
#   opensearch-cluster.sh start <state-dir> <http-port1> <transport-port1> <http-port2> <transport-port2> [version]
#   opensearch-cluster.sh stop  <state-dir>
#   opensearch-cluster.sh node N start|stop <state-dir>   (settings from <state-dir>/node-N.env, written by start)

set -euo pipefail
NAME=opensearch-cluster
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

node() {
  local n=$1 cmd=$2 state=$3
  # shellcheck disable=SC1090 # written by start
  source "$state/node-$n.env"
  if [[ $cmd == start ]]; then
    OPENSEARCH_NODE_NAME=node-$n OPENSEARCH_SEED_HOSTS=$SEEDS OPENSEARCH_MANAGERS=node-1 \
      OPENSEARCH_TRANSPORT_PORT=$TPORT OPENSEARCH_READY_TIMEOUT=${OPENSEARCH_READY_TIMEOUT:-300} \
      "$HERE/opensearch.sh" start "$state/node-$n" "$PORT" "$VERSION"
  else
    "$HERE/opensearch.sh" stop "$state/node-$n"
  fi
}

start() {
  [[ $# -eq 5 || $# -eq 6 ]] || usage
  local state=$1 seeds="127.0.0.1:$3,127.0.0.1:$5" version=${6:-2.19.6} n pids=()
  mkdir -p "$state"
  state=$(realpath "$state")
  printf 'PORT=%s\nTPORT=%s\nSEEDS=%s\nVERSION=%s\n' "$2" "$3" "$seeds" "$version" >"$state/node-1.env"
  printf 'PORT=%s\nTPORT=%s\nSEEDS=%s\nVERSION=%s\n' "$4" "$5" "$seeds" "$version" >"$state/node-2.env"
  # In parallel: node 2 is ready only once it joined node 1
  for n in 1 2; do
    node "$n" start "$state" >"$state/node-$n-start.log" 2>&1 &
    pids+=($!)
  done
  for n in 0 1; do
    wait "${pids[$n]}" || { cat "$state/node-$((n + 1))-start.log" >&2; stop "$state"; die "node $((n + 1)) did not start"; }
  done
  cat "$state"/node-*-start.log
}

stop() {
  [[ $# -eq 1 ]] || usage
  local n
  for n in 1 2; do
    [[ ! -f $1/node-$n.env ]] || node "$n" stop "$1" &
  done
  wait || true
}

case "${1:-}" in
  start | stop) cmd=$1; shift; "$cmd" "$@" ;;
  node) shift; [[ $# -eq 3 ]] || usage; node "$@" ;;
  *) usage ;;
esac
