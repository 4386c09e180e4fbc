# shellcheck shell=bash
# Helpers shared by kafka.sh and opensearch.sh (sourced; the caller sets NAME and set -euo pipefail).

CACHE="${THINKWATCH_CACHE:-$HOME/.cache/thinkwatch}"
MVN="${MVN:-mvn}"
TMP_TO_CLEAN=""
trap '[[ -z $TMP_TO_CLEAN ]] || rm -rf "$TMP_TO_CLEAN"' EXIT

say() { echo "[$NAME] $*"; }
die() { echo "[$NAME] ERROR: $*" >&2; exit 1; }

# True while the process runs. A zombie counts as gone: in a container, PID 1 may never reap it.
alive() {
  local st
  st=$(sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $st && $st != Z ]]
}

# Guards against a recycled pid (stale pid file after a reboot): our JVMs carry the state dir
# in their command line.
ours() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Runs maven quietly; its output is shown only when it fails. MAVEN_ARGS is passed explicitly
# because Maven 3.8 does not read it by itself.
mvn_quiet() {
  local out rc=0
  out=$(mktemp)
  # shellcheck disable=SC2086 # MVN and MAVEN_ARGS may hold several words on purpose
  $MVN -B -q ${MAVEN_ARGS:-} "$@" >"$out" 2>&1 </dev/null || rc=$?
  [[ $rc -eq 0 ]] || { cat "$out" >&2; rm -f "$out"; die "maven failed: $MVN $*"; }
  rm -f "$out"
}

# cache_fill <dest> <fill-function>: unless <dest> exists, runs the function with a fresh temp
# dir that it fills as <tmp>/out, then moves that into place in one rename. A lock keeps two
# builds from fetching at once; an interrupted fetch leaves only a temp dir (removed later).
cache_fill() {
  local dest=$1 fill=$2 t0=$SECONDS
  [[ -d $dest ]] && return 0
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.lock"
  flock 9
  if [[ ! -d $dest ]]; then
    rm -rf "$CACHE"/.tmp-"$(basename "$dest")"-*
    TMP_TO_CLEAN=$(mktemp -d "$CACHE/.tmp-$(basename "$dest")-XXXXXX")
    say "fetching $(basename "$dest") through maven into $CACHE (first use only)"
    "$fill" "$TMP_TO_CLEAN"
    mv -T "$TMP_TO_CLEAN/out" "$dest"
    rm -rf "$TMP_TO_CLEAN"; TMP_TO_CLEAN=""
    say "fetched $(basename "$dest") in $((SECONDS - t0))s"
  fi
  exec 9>&-   # never let the started server inherit (and hold) the lock
}

# stop_pid <pidfile> <state-dir>: stops exactly the recorded process, TERM then KILL after 30 s.
stop_pid() {
  local pidfile=$1 state=$2 pid i
  [[ -f $pidfile ]] || return 0
  pid=$(<"$pidfile")
  if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" && ours "$pid" "$state"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do alive "$pid" || break; sleep 0.2; done
    if alive "$pid"; then
      say "pid $pid still running after 30s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do alive "$pid" || break; sleep 0.2; done
    fi
    alive "$pid" && die "could not stop pid $pid"
    say "stopped pid $pid"
  fi
  rm -f "$pidfile"
}

# wait_ready <timeout-s> <pid> <log> <pidfile> <state> <check-command...>
wait_ready() {
  local timeout=$1 pid=$2 log=$3 pidfile=$4 state=$5 t0=$SECONDS
  shift 5
  until "$@"; do
    local why=""
    alive "$pid" || why="exited during startup"
    ((SECONDS - t0 < timeout)) || why="not ready after ${timeout}s"
    if [[ -n $why ]]; then
      echo "[$NAME] ERROR: pid $pid $why; last lines of $log:" >&2
      tail -n 40 "$log" >&2 || true
      stop_pid "$pidfile" "$state"
      exit 1
    fi
    sleep 1
  done
  # shellcheck disable=SC2034 # read by the caller
  READY_AFTER=$((SECONDS - t0))
}

# service_user <state-dir> <home> <probe>: as root, the unprivileged user THINKWATCH_OS_USER (thinkwatch; made if
# missing) owns <state-dir>, AS_USER runs a command as it, and RUN_HOME is <home>, or a hard-linked copy of it in the
# state dir when that user cannot run <home>/<probe> (a cache under /root, which is 0700). Not root: AS_USER is empty
# and RUN_HOME is <home>. For servers that refuse to run as root (OpenSearch, PostgreSQL).
service_user() {
  local state=$1 home=$2 probe=$3 copy
  SERVICE_USER=${THINKWATCH_OS_USER:-thinkwatch}
  AS_USER=()
  RUN_HOME=$home
  [[ $EUID -eq 0 ]] || return 0
  id -u "$SERVICE_USER" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SERVICE_USER" ||
    id -u "$SERVICE_USER" >/dev/null # created meanwhile by a parallel start
  # setpriv execs in place (runuser would stay as the parent), so a recorded pid is the server itself.
  AS_USER=(setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups)
  chown "$SERVICE_USER:" "$state"
  "${AS_USER[@]}" test -w "$state" || die "user $SERVICE_USER cannot reach $state (private parent dir?)"
  if ! "${AS_USER[@]}" test -x "$home/$probe"; then
    copy="$state/dist-$(basename "$home")"
    if [[ ! -d $copy ]]; then
      cp -al "$home" "$state/.dist-tmp" 2>/dev/null || cp -a "$home" "$state/.dist-tmp"
      mv -T "$state/.dist-tmp" "$copy"
    fi
    RUN_HOME=$copy
  fi
}

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
