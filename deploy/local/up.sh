#!/usr/bin/env bash
# Starts the whole Thinkwatch platform on this machine: Kafka, OpenSearch, PostgreSQL's database,
# and Thinkwatch with every role plus the simulated provider. Data survives a restart.
#   deploy/local/up.sh [--demo]     --demo also sends a steady trickle of varied traffic through capture
# Stop everything with deploy/local/down.sh.
# Env: THINKWATCH_STATE (default deploy/local/.state), THINKWATCH_CACHE, THINKWATCH_ADMIN_PASSWORD.

set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
STATE=${THINKWATCH_STATE:-$HERE/.state}
NAME=thinkwatch
say() { echo "[$NAME] $*"; }
die() { echo "[$NAME] ERROR: $*" >&2; exit 1; }

DEMO=false
for arg in "$@"; do
  case $arg in
    --demo) DEMO=true ;;
    *) sed -n '2,7p' "$0" >&2; exit 2 ;;
  esac
done

mkdir -p "$STATE"
chmod 755 "$STATE"
APP_PID="$STATE/thinkwatch.pid"
APP_LOG="$STATE/thinkwatch.log"
if [[ -f $APP_PID ]] && kill -0 "$(<"$APP_PID")" 2>/dev/null; then
  die "already running (pid $(<"$APP_PID")); stop it with deploy/local/down.sh"
fi

# PostgreSQL: the machine's own server, started if it is installed but down.
if ! psql -h 127.0.0.1 -U postgres -d postgres -qAtc 'select 1' >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null; then
  say "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
"$HERE/postgres.sh" ensure thinkwatch

# Build Thinkwatch when there is no build, or the sources are newer than it.
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
if [[ ! -f $JAR ]] || [[ -n $(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit) ]]; then
  say "building (./mvnw package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi

"$HERE/kafka.sh" start "$STATE/kafka" 9092 9093
"$HERE/opensearch.sh" start "$STATE/opensearch" 9200

# The first admin and an API token, made once and kept in the state folder for later starts.
[[ -f $STATE/admin-token ]] || (umask 077; echo "tw_local_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" >"$STATE/admin-token")
# The key that encrypts alert channel secrets: made once, kept with the data it protects.
[[ -f $STATE/alerts-secret-key ]] || (umask 077; head -c 32 /dev/urandom | base64 >"$STATE/alerts-secret-key")
# The key that links audit entries (HMAC): made once, kept outside the database it protects.
[[ -f $STATE/audit-chain-key ]] || (umask 077; head -c 32 /dev/urandom | base64 >"$STATE/audit-chain-key")
[[ -f $STATE/admin-password ]] || (umask 077; echo "${THINKWATCH_ADMIN_PASSWORD:-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')}" >"$STATE/admin-password")
# The key that encrypts console session cookies, so a restart does not sign everyone out.
[[ -f $STATE/session-key ]] || (umask 077; od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$STATE/session-key")

say "starting Thinkwatch, log $APP_LOG"
THINKWATCH_ALERTS_SECRET_KEY="$(<"$STATE/alerts-secret-key")" \
THINKWATCH_AUDIT_CHAIN_KEY="$(<"$STATE/audit-chain-key")" setsid nohup java -Xms256m -Xmx1g \
  -Dthinkwatch.roles=capture,indexer,rules,alerts,console,simulator \
  -Dthinkwatch.rules.state-dir="$STATE/rules-state" \
  -Dthinkwatch.capture.upstreams.openai.url=http://127.0.0.1:8089 \
  -Dthinkwatch.capture.upstreams.anthropic.url=http://127.0.0.1:8089 \
  -Dthinkwatch.capture.upstreams.gemini.url=http://127.0.0.1:8089 \
  -Dthinkwatch.admin.token="$(<"$STATE/admin-token")" \
  -Dthinkwatch.admin.password="$(<"$STATE/admin-password")" \
  -Dthinkwatch.alerts.allow-private-targets="${THINKWATCH_ALERTS_ALLOW_PRIVATE_TARGETS:-false}" \
  -Dquarkus.http.auth.session.encryption-key="$(<"$STATE/session-key")" \
  -jar "$JAR" </dev/null >>"$APP_LOG" 2>&1 &
echo $! >"$APP_PID"
t0=$SECONDS
until curl -fsS http://127.0.0.1:8080/q/health/ready >/dev/null 2>&1; do
  kill -0 "$(<"$APP_PID")" 2>/dev/null || { tail -n 40 "$APP_LOG" >&2; die "Thinkwatch exited during startup"; }
  ((SECONDS - t0 < 120)) || { tail -n 40 "$APP_LOG" >&2; die "Thinkwatch not ready after 120s"; }
  sleep 1
done
say "ready in $((SECONDS - t0))s (pid $(<"$APP_PID"))"

# A capture key of the default tenant, made once through the API and kept in the state folder.
if [[ ! -s $STATE/capture-key ]]; then
  answer=$(curl -fsS http://127.0.0.1:8080/api/v1/capture-keys -H "authorization: Bearer $(<"$STATE/admin-token")" \
    -H 'content-type: application/json' -d '{"name":"local stack"}') || die "could not make a capture key"
  (umask 077; sed -n 's/.*"key":"\([^"]*\)".*/\1/p' <<<"$answer" >"$STATE/capture-key")
  [[ -s $STATE/capture-key ]] || die "the console answered no capture key"
fi

if $DEMO; then
  THINKWATCH_KEY="$(<"$STATE/capture-key")" setsid nohup "$HERE/demo-traffic.sh" http://127.0.0.1:8088 \
    </dev/null >>"$STATE/demo.log" 2>&1 &
  echo $! >"$STATE/demo.pid"
  say "demo traffic flowing through capture (log $STATE/demo.log)"
fi

cat <<INFO

  Capture (point your OpenAI base URL here)  http://localhost:8088/v1
  Console and REST API                       http://localhost:8080
  Simulated provider (upstream "openai")     http://localhost:8089
  Kafka / OpenSearch / PostgreSQL            localhost:9092 / localhost:9200 / localhost:5432
  Admin user / password                      admin / $(<"$STATE/admin-password")
  Admin API token                            $(<"$STATE/admin-token")
  Capture key (send as X-Thinkwatch-Key)     $(<"$STATE/capture-key")

  Try:  curl -si localhost:8088/v1/chat/completions -H 'content-type: application/json' \\
          -H "x-thinkwatch-key: \$(cat $STATE/capture-key)" \\
          -d '{"model":"o3-mini","messages":[{"role":"user","content":"hi"}]}'
        curl -s localhost:8080/api/v1/traces/<X-Thinkwatch-Trace-Id> -H "authorization: Bearer \$(cat $STATE/admin-token)"
  Stop: deploy/local/down.sh
INFO
