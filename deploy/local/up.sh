#!/usr/bin/env bash
# Starts the whole Thinkwatch platform on this machine: Kafka, OpenSearch, PostgreSQL (the machine's own when one
# answers, else one of its own) and Thinkwatch with every role plus the simulated provider. Data survives a restart.
#   deploy/local/up.sh [--demo] [--upstream NAME=URL[,provider=P]]...
#     --demo      also sends a steady trickle of varied traffic through capture (simulated upstreams only)
#     --upstream  sends capture's calls for upstream NAME to a real provider instead of the built-in simulator,
#                 e.g. --upstream openai=https://api.openai.com, --upstream anthropic=https://api.anthropic.com,
#                 --upstream gemini=https://generativelanguage.googleapis.com, or any OpenAI-compatible one:
#                 --upstream deepseek=https://api.deepseek.com,provider=deepseek (picked per call with the
#                 X-Thinkwatch-Upstream header). The application keeps its own API key; capture forwards it.
# Stop everything with deploy/local/down.sh.
# Env: THINKWATCH_STATE (default deploy/local/.state), THINKWATCH_CACHE, THINKWATCH_ADMIN_PASSWORD, PGPORT (5432),
#      THINKWATCH_UPSTREAMS (the same specs as --upstream, separated by spaces).

set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
STATE=${THINKWATCH_STATE:-$HERE/.state}
NAME=thinkwatch
say() { echo "[$NAME] $*"; }
die() { echo "[$NAME] ERROR: $*" >&2; exit 1; }

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
DEMO=false
# Upstream name -> URL and provider; each of them defaults to the simulator.
SIM=http://127.0.0.1:8089
declare -A UPSTREAM_URL=([openai]=$SIM [anthropic]=$SIM [gemini]=$SIM [azure]=$SIM [vertex]=$SIM [bedrock]=$SIM)
declare -A UPSTREAM_PROVIDER=([openai]=openai [anthropic]=anthropic [gemini]=gemini [azure]=openai [vertex]=gemini [bedrock]=bedrock)
upstream() { # NAME=URL[,provider=P]
  local spec=$1 name url provider
  [[ $spec =~ ^([a-z0-9][a-z0-9-]*)=(https?://[^,[:space:]]+)(,provider=(openai|anthropic|gemini|deepseek|openrouter|bedrock|other))?$ ]] ||
    die "--upstream $spec: expected NAME=URL[,provider=P] (P: openai, anthropic, gemini, deepseek, openrouter, bedrock, other), e.g. openai=https://api.openai.com"
  name=${BASH_REMATCH[1]} url=${BASH_REMATCH[2]} provider=${BASH_REMATCH[4]}
  [[ -n $provider || -n ${UPSTREAM_PROVIDER[$name]:-} ]] ||
    die "--upstream $spec: name the provider of a new upstream, e.g. $name=$url,provider=deepseek"
  UPSTREAM_URL[$name]=${url%/}
  UPSTREAM_PROVIDER[$name]=${provider:-${UPSTREAM_PROVIDER[$name]}}
}
for spec in ${THINKWATCH_UPSTREAMS:-}; do upstream "$spec"; done
while (($#)); do
  case $1 in
    --demo) DEMO=true ;;
    --upstream) (($# > 1)) || usage; upstream "$2"; shift ;;
    --upstream=*) upstream "${1#--upstream=}" ;;
    *) usage ;;
  esac
  shift
done
if $DEMO; then
  for name in openai anthropic gemini; do
    [[ ${UPSTREAM_URL[$name]} == http://127.0.0.1:8089 ]] ||
      die "--demo sends made-up calls with no API key; it needs the simulator as upstream $name (drop --upstream $name=...)"
  done
fi
UPSTREAM_OPTS=()
for name in "${!UPSTREAM_URL[@]}"; do
  UPSTREAM_OPTS+=("-Dthinkwatch.capture.upstreams.$name.url=${UPSTREAM_URL[$name]}"
    "-Dthinkwatch.capture.upstreams.$name.provider=${UPSTREAM_PROVIDER[$name]}")
done

mkdir -p "$STATE"
chmod 755 "$STATE"
APP_PID="$STATE/thinkwatch.pid"
APP_LOG="$STATE/thinkwatch.log"
if [[ -f $APP_PID ]] && kill -0 "$(<"$APP_PID")" 2>/dev/null; then
  die "already running (pid $(<"$APP_PID")); stop it with deploy/local/down.sh"
fi

# PostgreSQL: the one that answers on PGPORT (5432), or one of its own under the state folder.
export PGPORT=${PGPORT:-5432}
"$HERE/postgres.sh" start "$STATE/postgres" "$PGPORT"
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
  "${UPSTREAM_OPTS[@]}" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$PGPORT/thinkwatch" \
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

where() { [[ ${UPSTREAM_URL[$1]} == http://127.0.0.1:8089 ]] && echo "the simulator" || echo "${UPSTREAM_URL[$1]}"; }
cat <<INFO

  Capture (point your OpenAI base URL here)  http://localhost:8088/v1
  Console and REST API                       http://localhost:8080
  Simulated provider                         http://localhost:8089
  Upstreams: OpenAI Chat and Responses (/v1/chat/completions, /v1/responses) -> openai: $(where openai)
             Anthropic Messages (/v1/messages)                               -> anthropic: $(where anthropic)
             Gemini (/v1beta/models/..., /v1/models/...)                     -> gemini: $(where gemini)
             Azure OpenAI (/openai/deployments/..., /openai/v1/...)          -> azure: $(where azure)
             Vertex AI (/v1/projects/.../publishers/google/models/...)       -> vertex: $(where vertex)
             Amazon Bedrock (/model/{id}/converse, /converse-stream)         -> bedrock: $(where bedrock)
INFO
for name in "${!UPSTREAM_URL[@]}"; do
  [[ $name =~ ^(openai|anthropic|gemini|azure|vertex|bedrock)$ ]] ||
    echo "             with the header X-Thinkwatch-Upstream: $name                   -> $name (${UPSTREAM_PROVIDER[$name]}): ${UPSTREAM_URL[$name]}"
done
cat <<INFO
  Kafka / OpenSearch / PostgreSQL            localhost:9092 / localhost:9200 / localhost:$PGPORT
  Admin user / password                      admin / $(<"$STATE/admin-password")
  Admin API token                            $(<"$STATE/admin-token")
  Capture key (send as X-Thinkwatch-Key)     $(<"$STATE/capture-key")

  Try:  curl -si localhost:8088/v1/chat/completions -H 'content-type: application/json' \\
          -H "x-thinkwatch-key: \$(cat $STATE/capture-key)" \\
          -d '{"model":"o3-mini","messages":[{"role":"user","content":"hi"}]}'
        curl -s localhost:8080/api/v1/traces/<X-Thinkwatch-Trace-Id> -H "authorization: Bearer \$(cat $STATE/admin-token)"
  Stop: deploy/local/down.sh
INFO
