#!/usr/bin/env bash
# Starts or stops a single-node KRaft Kafka broker (used by the Maven build and the local stack).
#   kafka.sh start <state-dir> <port> <controller-port>
#   kafka.sh stop  <state-dir>
# <state-dir> keeps data/ (formatted once, reused on later starts), kafka.log and kafka.pid.
# Env: THINKWATCH_CACHE (default ~/.cache/thinkwatch), MVN, MAVEN_ARGS, KAFKA_VERSION (4.1.1),
#      KAFKA_HEAP_OPTS, JAVA_HOME, KAFKA_READY_TIMEOUT (seconds, default 60).
#      One node of a cluster (kafka-cluster.sh): KAFKA_NODE_ID, KAFKA_VOTERS (id@host:controller-port,...),
#      KAFKA_CLUSTER_ID (the same for every node), KAFKA_REPLICATION (3: internal topics replicated 3, min ISR 2).

set -euo pipefail
NAME=kafka
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"

KAFKA_VERSION=${KAFKA_VERSION:-4.1.1}
KAFKA_HOME="$CACHE/kafka-$KAFKA_VERSION"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

fetch() {
  mvn_quiet -f "$HERE/kafka/pom.xml" dependency:copy-dependencies -Dkafka.version="$KAFKA_VERSION" \
    -DincludeScope=runtime -DoutputDirectory="$1/out/libs"
}

write_config() {
  local REPLICATION=${KAFKA_REPLICATION:-1} MIN_ISR=1
  [[ $REPLICATION -lt 3 ]] || MIN_ISR=2
  cat >"$STATE/server.properties" <<EOF
process.roles=broker,controller
node.id=${KAFKA_NODE_ID:-1}
$(if [[ -n ${KAFKA_VOTERS:-} ]]; then echo "controller.quorum.voters=$KAFKA_VOTERS"; else
    echo "controller.quorum.bootstrap.servers=127.0.0.1:$CPORT"; fi)
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$STATE/data
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=$REPLICATION
transaction.state.log.replication.factor=$REPLICATION
transaction.state.log.min.isr=$MIN_ISR
share.coordinator.state.topic.replication.factor=$REPLICATION
share.coordinator.state.topic.min.isr=$MIN_ISR
default.replication.factor=$REPLICATION
min.insync.replicas=$MIN_ISR
group.initial.rebalance.delay.ms=0
EOF
  # Kafka 4 logs through Log4j 2: everything to stdout, which start() sends to kafka.log.
  cat >"$STATE/log4j2.properties" <<'EOF'
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
EOF
}

# A short-lived tool JVM (StorageTool, ClusterTool) on the broker's classpath.
tool() {
  timeout 30 "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$STATE/log4j2.properties" \
    -cp "$KAFKA_HOME/libs/*" "$@"
}

# Ready = the client port accepts connections and a metadata request (cluster id) succeeds.
ready() {
  port_open "$PORT" &&
    tool org.apache.kafka.tools.ClusterTool cluster-id --bootstrap-server "127.0.0.1:$PORT" >/dev/null 2>&1
}

start() {
  [[ $# -eq 3 ]] || usage
  mkdir -p "$1"
  STATE=$(realpath "$1") PORT=$2 CPORT=$3
  local pidfile="$STATE/kafka.pid" log="$STATE/kafka.log" pid p
  stop_pid "$pidfile" "$STATE" # left over from an interrupted run
  for p in "$PORT" "$CPORT"; do port_open "$p" && die "port $p is already in use"; done
  cache_fill "$KAFKA_HOME" fetch
  write_config
  : >"$log"
  # Format the storage only the first time: later starts keep the topics and offsets.
  if [[ ! -f $STATE/data/meta.properties && -n ${KAFKA_VOTERS:-} ]]; then
    # A node of a static quorum: every node formatted with the same cluster id
    tool kafka.tools.StorageTool format -t "${KAFKA_CLUSTER_ID:?one cluster id for every node}" \
      -c "$STATE/server.properties" >>"$log" 2>&1 || { cat "$log" >&2; die "format failed"; }
  elif [[ ! -f $STATE/data/meta.properties ]]; then
    tool kafka.tools.StorageTool format -t "$(tool kafka.tools.StorageTool random-uuid)" \
      -c "$STATE/server.properties" --standalone >>"$log" 2>&1 || { cat "$log" >&2; die "format failed"; }
  fi
  # setsid and nohup exec in place, so $! is the JVM itself.
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several options
  setsid nohup "$JAVA" ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$STATE/log4j2.properties" -cp "$KAFKA_HOME/libs/*" \
    kafka.Kafka "$STATE/server.properties" </dev/null >>"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$pidfile"
  say "starting pid $pid on 127.0.0.1:$PORT (controller $CPORT), log $log"
  wait_ready "${KAFKA_READY_TIMEOUT:-60}" "$pid" "$log" "$pidfile" "$STATE" ready
  say "started pid $pid on 127.0.0.1:$PORT (ready in ${READY_AFTER}s)"
}

stop() {
  [[ $# -eq 1 ]] || usage
  [[ -d $1 ]] || return 0
  local state
  state=$(realpath "$1")
  stop_pid "$state/kafka.pid" "$state"
}

case "${1:-}" in
  start | stop) cmd=$1; shift; "$cmd" "$@" ;;
  *) usage ;;
esac
