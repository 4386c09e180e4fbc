#!/usr/bin/env bash
# Starts or stops a three-node KRaft Kafka cluster on loopback (each node broker and controller, a static quorum;
# topics replicated 3 times, min ISR 2), for the scale-out tests: node N keeps its state in <state-dir>/node-N and is
# started and stopped on its own with kafka.sh, so a test can kill one node and bring it back.
#   kafka-cluster.sh start <state-dir> <port1> <controller-port1> <port2> <controller-port2> <port3> <controller-port3>
#   kafka-cluster.sh stop  <state-dir>
# The nodes' settings are in <state-dir>/node-N.env (sourced by `kafka-cluster.sh node N start|stop <state-dir>`).

set -euo pipefail
NAME=kafka-cluster
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

node() {
  local n=$1 cmd=$2 state=$3
  # shellcheck disable=SC1090 # written by start
  source "$state/node-$n.env"
  if [[ $cmd == start ]]; then
    KAFKA_NODE_ID=$n KAFKA_VOTERS=$VOTERS KAFKA_CLUSTER_ID=$CLUSTER_ID KAFKA_REPLICATION=3 \
      "$HERE/kafka.sh" start "$state/node-$n" "$PORT" "$CPORT"
  else
    "$HERE/kafka.sh" stop "$state/node-$n"
  fi
}

start() {
  [[ $# -eq 7 ]] || usage
  local state=$1 voters cluster_id n pids=()
  mkdir -p "$state"
  state=$(realpath "$state")
  voters="1@127.0.0.1:$3,2@127.0.0.1:$5,3@127.0.0.1:$7"
  # Any 22-character base64url id will do: the same for the three nodes
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)
  [[ -f $state/cluster-id ]] && cluster_id=$(cat "$state/cluster-id")
  echo "$cluster_id" >"$state/cluster-id"
  printf 'PORT=%s\nCPORT=%s\nVOTERS=%s\nCLUSTER_ID=%s\n' "$2" "$3" "$voters" "$cluster_id" >"$state/node-1.env"
  printf 'PORT=%s\nCPORT=%s\nVOTERS=%s\nCLUSTER_ID=%s\n' "$4" "$5" "$voters" "$cluster_id" >"$state/node-2.env"
  printf 'PORT=%s\nCPORT=%s\nVOTERS=%s\nCLUSTER_ID=%s\n' "$6" "$7" "$voters" "$cluster_id" >"$state/node-3.env"
  # In parallel: a node is ready only once a majority of the quorum runs
  for n in 1 2 3; do
    node "$n" start "$state" >"$state/node-$n-start.log" 2>&1 &
    pids+=($!)
  done
  for n in 0 1 2; do
    wait "${pids[$n]}" || { cat "$state/node-$((n + 1))-start.log" >&2; stop "$state"; die "node $((n + 1)) did not start"; }
  done
  cat "$state"/node-*-start.log
}

stop() {
  [[ $# -eq 1 ]] || usage
  local n
  # In parallel: the last node of a quorum stopped alone waits for a majority that is gone
  for n in 1 2 3; do
    [[ ! -f $1/node-$n.env ]] || node "$n" stop "$1" &
  done
  wait || true
}

case "${1:-}" in
  start | stop) cmd=$1; shift; "$cmd" "$@" ;;
  node) shift; [[ $# -eq 3 ]] || usage; node "$@" ;;
  *) usage ;;
esac
