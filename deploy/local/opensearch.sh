#!/usr/bin/env bash
# Starts or stops a single-node OpenSearch (used by the Maven build and the local stack).
#   opensearch.sh start <state-dir> <http-port> [version]   (version: 2.19.6 by default; 3.x works too)
#   opensearch.sh stop  <state-dir>
# <state-dir> keeps data/ (reused on later starts), logs/, config-<version>/, opensearch.log and
# opensearch.pid. Env: THINKWATCH_CACHE (default ~/.cache/thinkwatch), MVN, MAVEN_ARGS,
# OPENSEARCH_JAVA_HOME, OPENSEARCH_JAVA_OPTS, OPENSEARCH_TRANSPORT_PORT, THINKWATCH_OS_USER,
# OPENSEARCH_READY_TIMEOUT (seconds to wait for the node, 120 by default).

set -euo pipefail
NAME=opensearch
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"


fetch() {
  mvn_quiet org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -DoutputDirectory="$1" \
    -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip"
  unzip -q "$1/opensearch-$VERSION.zip" -d "$1"
  mv "$1/opensearch-$VERSION" "$1/out"
  chmod -R a+rX "$1/out"
}

# First JDK under /usr/lib/jvm whose major version is within [min, max].
find_jdk() {
  local d major
  for d in /usr/lib/jvm/*/; do
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null || true)
    if [[ -n $major && -x $d/bin/java ]] && ((major >= $1 && major <= $2)); then
      echo "${d%/}"; return 0
    fi
  done
  return 1
}

# 2.x needs its Security Manager (gone in JDK 24+); 3.x needs JDK 21+.
pick_java() {
  [[ -n ${OPENSEARCH_JAVA_HOME:-} ]] && return 0
  if [[ ${VERSION%%.*} -ge 3 ]]; then OPENSEARCH_JAVA_HOME=$(find_jdk 21 99) || die "OpenSearch $VERSION needs a JDK >= 21"
  else OPENSEARCH_JAVA_HOME=$(find_jdk 11 23) || die "OpenSearch $VERSION needs a JDK 11..23"; fi
  export OPENSEARCH_JAVA_HOME
}

# As root, the node runs as the service user (lib.sh), which owns its data, logs and config; not chown -R on the state
# dir: a hard-linked dist-* there shares its inodes with the cache.
prepare_user() {
  service_user "$STATE" "$OS_HOME" bin/opensearch
  OS_HOME=$RUN_HOME
  [[ $EUID -ne 0 ]] || chown -R "$SERVICE_USER:" "$STATE/data" "$STATE/logs" "$CONF"
}

# Own config dir per node and version (the node may write its keystore there); the JVM's
# relative log/heap-dump paths are pointed into the state dir instead of the shared distribution.
prepare_config() {
  CONF="$STATE/config-$VERSION"
  [[ -d $CONF ]] && return 0
  cp -r "$OS_HOME/config" "$CONF.tmp"
  sed -i -e "s#logs/#$STATE/logs/#g" -e "s#HeapDumpPath=data#HeapDumpPath=$STATE/data#" \
    -e "s#filecount=32,filesize=64m#filecount=4,filesize=16m#" "$CONF.tmp/jvm.options"
  mv -T "$CONF.tmp" "$CONF"
}

ready() {
  curl -fsS -m 5 "http://127.0.0.1:$PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

start() {
  [[ $# -eq 2 || $# -eq 3 ]] || usage
  mkdir -p "$1"
  STATE=$(realpath "$1") PORT=$2 VERSION=${3:-2.19.6}
  OS_HOME="$CACHE/opensearch-$VERSION"
  local pidfile="$STATE/opensearch.pid" log="$STATE/opensearch.log" pid tport
  stop_pid "$pidfile" "$STATE" # left over from an interrupted run
  port_open "$PORT" && die "port $PORT is already in use"
  # Transport: the first free port of a range next to the HTTP port, so nodes do not collide.
  if ((PORT + 199 <= 65535)); then tport="$((PORT + 100))-$((PORT + 199))"; else tport="$((PORT - 199))-$((PORT - 100))"; fi
  tport=${OPENSEARCH_TRANSPORT_PORT:-$tport}
  cache_fill "$OS_HOME" fetch
  pick_java
  mkdir -p "$STATE/data" "$STATE/logs"
  prepare_config
  prepare_user
  : >"$log"
  [[ $EUID -ne 0 ]] || chown "$SERVICE_USER:" "$log"
  export OPENSEARCH_PATH_CONF="$CONF" OPENSEARCH_JAVA_OPTS="${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx512m}"
  # bin/opensearch execs the JVM, and setsid/nohup/setpriv exec in place: $! is the JVM itself.
  setsid nohup "${AS_USER[@]}" "$OS_HOME/bin/opensearch" -Ediscovery.type=single-node \
    -Enetwork.host=127.0.0.1 -Ehttp.port="$PORT" -Etransport.port="$tport" \
    -Epath.data="$STATE/data" -Epath.logs="$STATE/logs" \
    -Ecluster.routing.allocation.disk.threshold_enabled=false </dev/null >>"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$pidfile"
  say "starting $VERSION pid $pid on 127.0.0.1:$PORT (java $OPENSEARCH_JAVA_HOME), log $log"
  wait_ready "${OPENSEARCH_READY_TIMEOUT:-120}" "$pid" "$log" "$pidfile" "$STATE" ready
  say "started $VERSION pid $pid on 127.0.0.1:$PORT (ready in ${READY_AFTER}s)"
}

stop() {
  [[ $# -eq 1 ]] || usage
  [[ -d $1 ]] || return 0
  local state
  state=$(realpath "$1")
  stop_pid "$state/opensearch.pid" "$state"
}

case "${1:-}" in
  start | stop) cmd=$1; shift; "$cmd" "$@" ;;
  *) usage ;;
esac
