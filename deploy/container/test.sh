#!/usr/bin/env bash
# The container image and the sidecar example, run for real with podman on this machine. Not part of ./mvnw verify
# (a fresh CI machine has no podman): run it after changing deploy/container/ or the sidecar example.
#  1. builds the images (deploy/container/build.sh --example-app; seconds when nothing changed);
#  2. starts Kafka, OpenSearch and PostgreSQL with deploy/local's scripts in a fresh state folder on free ports
#     (the machine's PostgreSQL when one answers on PGPORT, with a fresh database);
#  3. runs the image once per role (simulator, console, indexer, rules, alerts, capture) with podman and the host's
#     network, waits until each answers /q/health/ready, and reads a call made through that capture back through
#     that console;
#  4. plays deploy/kubernetes/examples/sidecar-app.yaml with podman kube play: its Deployment as written (but for its
#     ports lists, see below), its ConfigMap with this machine's addresses (Kafka, the simulator as upstream, the
#     console's signer) and the Secret with a capture key made through the console API; then sends a call from
#     inside the app container through the sidecar and reads its trace back through the console API;
#  5. removes every container, pod and secret it made and stops the services, also when a step fails.
#   deploy/container/test.sh
# Prints PASS or FAIL per step and the times; exits non-zero on the first failure (the state folder with the
# containers' logs is then kept).
# Needs podman (build.sh installs it), root, and the ports 8088 and 9088 free: the sidecar pod shares the host's
# network, because the local Kafka and OpenSearch listen on 127.0.0.1 only.
# Env: PGPORT (5432; when nothing answers there, a PostgreSQL of its own on a free port), THINKWATCH_TEST_DATABASE
#      (thinkwatch_container), THINKWATCH_IMAGE (localhost/thinkwatch), THINKWATCH_CACHE.

set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LOCAL="$ROOT/deploy/local"
MANIFEST="$ROOT/deploy/kubernetes/examples/sidecar-app.yaml"
IMAGE=${THINKWATCH_IMAGE:-localhost/thinkwatch}
DB=${THINKWATCH_TEST_DATABASE:-thinkwatch_container}
# The names the manifest gives (podman kube play names a Deployment's pod <name>-pod-0, its containers <pod>-<name>).
POD=support-bot-pod-0
KEY_SECRET=support-bot-thinkwatch
# podman's settings for this kind of machine (runc, cgroupfs, limits), also for podman kube play.
export CONTAINERS_CONF="$HERE/containers.conf"
STATE=$(mktemp -d /tmp/thinkwatch-container-XXXXXX)
chmod 755 "$STATE"
RUN=tw-test-$$
CONTAINERS=()
PLAYED=false
SECRET_MADE=false
OK=false

say() { echo "[container-test] $*"; }
pass() { say "PASS $*"; }
fail() {
  say "FAIL $*" >&2
  exit 1
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PICKED=" "
# free_port <variable>: sets it to the first port from 19100 up that nothing listens on and this run has not taken.
free_port() {
  local p=${NEXT_PORT:-19100}
  while port_open "$p" || [[ $PICKED == *" $p "* ]]; do p=$((p + 1)); done
  PICKED+="$p "
  NEXT_PORT=$((p + 1))
  printf -v "$1" %s "$p"
}
millis() { date +%s%3N; }
seconds_since() { awk -v a="$1" -v b="$(millis)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

cleanup() {
  set +e
  local c
  for c in "${CONTAINERS[@]}" "$POD-thinkwatch-capture" "$POD-app"; do
    podman container exists "$c" 2>/dev/null && podman logs "$c" >"$STATE/$c.log" 2>&1
  done
  if $PLAYED; then podman pod rm -f -t 10 "$POD" >/dev/null 2>&1 && say "removed pod $POD"; fi
  $SECRET_MADE && podman secret rm "$KEY_SECRET" >/dev/null 2>&1
  for c in "${CONTAINERS[@]}"; do podman rm -f -t 10 "$c" >/dev/null 2>&1; done
  ((${#CONTAINERS[@]})) && say "removed containers ${CONTAINERS[*]}"
  "$LOCAL/opensearch.sh" stop "$STATE/opensearch" >/dev/null 2>&1
  "$LOCAL/kafka.sh" stop "$STATE/kafka" >/dev/null 2>&1
  "$LOCAL/postgres.sh" stop "$STATE/postgres" >/dev/null 2>&1
  say "stopped Kafka, OpenSearch (and PostgreSQL if it started one)"
  if $OK; then
    rm -rf "$STATE"
  else
    say "state and logs kept in $STATE"
  fi
}
trap cleanup EXIT

T_ALL=$(millis)
# 1. Images
t0=$(millis)
"$HERE/build.sh" --example-app || fail "build: deploy/container/build.sh"
pass "build: $IMAGE and the example app ($(seconds_since "$t0") s)"

# 2. Services
for p in 8088 9088; do port_open "$p" && fail "port $p is taken: the sidecar pod needs it on the host's network"; done
podman pod exists "$POD" && fail "a pod $POD already runs (podman pod rm -f $POD)"
podman secret inspect "$KEY_SECRET" >/dev/null 2>&1 && fail "a podman secret $KEY_SECRET already exists"
export PGPORT=${PGPORT:-5432}
port_open "$PGPORT" || free_port PGPORT
free_port KAFKA_PORT
free_port KAFKA_CONTROLLER_PORT
free_port OPENSEARCH_PORT
t0=$(millis)
"$LOCAL/postgres.sh" start "$STATE/postgres" "$PGPORT" || fail "services: PostgreSQL"
"$LOCAL/postgres.sh" reset "$DB" || fail "services: PostgreSQL database $DB"
"$LOCAL/kafka.sh" start "$STATE/kafka" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" || fail "services: Kafka"
"$LOCAL/opensearch.sh" start "$STATE/opensearch" "$OPENSEARCH_PORT" || fail "services: OpenSearch"
pass "services: Kafka 127.0.0.1:$KAFKA_PORT, OpenSearch :$OPENSEARCH_PORT, PostgreSQL :$PGPORT/$DB ($(seconds_since "$t0") s)"

# 3. One container per role. Settings as environment variables (Quarkus maps THINKWATCH_ROLES to thinkwatch.roles),
# secrets in a file only root reads, not on the command line.
free_port SIMULATOR_PORT
free_port CAPTURE_PORT
ADMIN_TOKEN="tw_test_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
(
  umask 077
  cat >"$STATE/thinkwatch.env" <<EOF
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
THINKWATCH_OPENSEARCH_URL=http://127.0.0.1:$OPENSEARCH_PORT
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PGPORT/$DB
THINKWATCH_SIMULATOR_PORT=$SIMULATOR_PORT
THINKWATCH_CAPTURE_PORT=$CAPTURE_PORT
THINKWATCH_CAPTURE_UPSTREAMS_OPENAI_URL=http://127.0.0.1:$SIMULATOR_PORT
THINKWATCH_CAPTURE_UPSTREAMS_ANTHROPIC_URL=http://127.0.0.1:$SIMULATOR_PORT
THINKWATCH_CAPTURE_UPSTREAMS_GEMINI_URL=http://127.0.0.1:$SIMULATOR_PORT
THINKWATCH_ADMIN_TOKEN=$ADMIN_TOKEN
THINKWATCH_ADMIN_PASSWORD=$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')
THINKWATCH_ALERTS_SECRET_KEY=$(head -c 32 /dev/urandom | base64)
THINKWATCH_AUDIT_CHAIN_KEY=$(head -c 32 /dev/urandom | base64)
QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
EOF
)

# run_role <role>: starts the image with THINKWATCH_ROLES=<role> and its own console port; waits for readiness.
declare -A HTTP_PORT
run_role() {
  local role=$1 name="$RUN-$1" port t0 ready=false
  free_port port
  HTTP_PORT[$role]=$port
  t0=$(millis)
  CONTAINERS+=("$name")
  podman run -d --name "$name" --network host --env-file "$STATE/thinkwatch.env" \
    -e THINKWATCH_ROLES="$role" -e QUARKUS_HTTP_PORT="$port" "$IMAGE:latest" >/dev/null ||
    fail "role $role: podman run"
  for ((i = 0; i < 600; i++)); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; then
      ready=true
      break
    fi
    [[ $(podman inspect -f '{{.State.Running}}' "$name" 2>/dev/null) == true ]] || break
    sleep 0.5
  done
  if ! $ready; then
    podman logs --tail 40 "$name" >&2 || true
    fail "role $role: not ready on :$port/q/health/ready"
  fi
  pass "role $role: ready in $(seconds_since "$t0") s (container $name, /q/health on :$port)"
}
# The console first: it migrates the database and makes the admin and the installation's key signer.
for role in simulator console indexer rules alerts capture; do run_role "$role"; done
CONSOLE="http://127.0.0.1:${HTTP_PORT[console]}"

# read_trace <id>: waits until the console API answers the trace (indexed), prints it.
read_trace() {
  local trace
  for ((i = 0; i < 120; i++)); do
    if trace=$(curl -fsS "$CONSOLE/api/v1/traces/$1" -H "authorization: Bearer $ADMIN_TOKEN" 2>/dev/null); then
      echo "$trace"
      return 0
    fi
    sleep 0.5
  done
  return 1
}
# trace_id_of <curl -D output>: the X-Thinkwatch-Trace-Id capture answered.
trace_id_of() { tr -d '\r' <<<"$1" | sed -n 's/^[Xx]-[Tt]hinkwatch-[Tt]race-[Ii]d: //p'; }

t0=$(millis)
headers=$(curl -fsS -D - -o /dev/null "http://127.0.0.1:$CAPTURE_PORT/v1/chat/completions" \
  -H 'content-type: application/json' \
  -d '{"model":"o3-mini","messages":[{"role":"user","content":"container test"}]}') ||
  fail "roles end to end: the call through the capture container failed"
trace_id=$(trace_id_of "$headers")
[[ -n $trace_id ]] || fail "roles end to end: capture answered without X-Thinkwatch-Trace-Id"
trace=$(read_trace "$trace_id") || fail "roles end to end: trace $trace_id not readable through the console after 60 s"
grep -q "\"traceId\":\"$trace_id\"" <<<"$trace" || fail "roles end to end: the console answered another trace"
pass "roles end to end: capture -> Kafka -> indexer -> OpenSearch -> console, trace $trace_id ($(seconds_since "$t0") s)"

# 4. The sidecar example. A capture key of the default tenant, as the application's Secret (podman 4.3 reads a
# secretKeyRef from a podman secret holding a JSON object of base64 values).
answer=$(curl -fsS "$CONSOLE/api/v1/capture-keys" -H "authorization: Bearer $ADMIN_TOKEN" \
  -H 'content-type: application/json' -d '{"name":"sidecar example"}') || fail "sidecar: making a capture key"
key=$(sed -n 's/.*"key":"\([^"]*\)".*/\1/p' <<<"$answer")
signer=$(curl -fsS "$CONSOLE/api/v1/capture-keys/signer" -H "authorization: Bearer $ADMIN_TOKEN" |
  sed -n 's/.*"publicKey":"\([^"]*\)".*/\1/p')
[[ -n $key && -n $signer ]] || fail "sidecar: the console answered no capture key or signer"
printf '{"capture-key":"%s"}' "$(printf %s "$key" | base64 -w0)" | podman secret create "$KEY_SECRET" - >/dev/null ||
  fail "sidecar: podman secret create"
SECRET_MADE=true
# This machine's values for the manifest's ConfigMap (podman refuses a ConfigMap both in the file and given with
# --configmap, so the file is played without its own), and the Deployment without its containers' ports lists:
# podman 4.3 publishes every containerPort on the host, which it refuses with the host's network.
cat >"$STATE/sidecar-config.yaml" <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: support-bot-capture
data:
  KAFKA_BOOTSTRAP_SERVERS: 127.0.0.1:$KAFKA_PORT
  THINKWATCH_CAPTURE_UPSTREAMS_OPENAI_URL: http://127.0.0.1:$SIMULATOR_PORT
  THINKWATCH_CAPTURE_REQUIRE_KEY: "true"
  THINKWATCH_CAPTURE_KEYS_SIGNERS: "$signer"
EOF
awk 'BEGIN { RS = "\n---\n" } !/\nkind: ConfigMap\n/ { printf "%s%s", (n++ ? "\n---\n" : ""), $0 }' "$MANIFEST" |
  awk '/^ *ports:$/ { skip = 1; indent = match($0, /[^ ]/); next }
    skip { i = match($0, /[^ ]/); if (i > indent || (i == indent && /^ *- /)) next; skip = 0 }
    { print }' >"$STATE/sidecar-app.yaml"
grep -q '^kind: Deployment' "$STATE/sidecar-app.yaml" || fail "sidecar: no Deployment in $MANIFEST"
! grep -q 'containerPort' "$STATE/sidecar-app.yaml" || fail "sidecar: a ports list left in the played Deployment"

t0=$(millis)
PLAYED=true
podman kube play --network host --configmap "$STATE/sidecar-config.yaml" "$STATE/sidecar-app.yaml" \
  >"$STATE/kube-play.log" 2>&1 || { cat "$STATE/kube-play.log" >&2; fail "sidecar: podman kube play"; }
ready=false
for ((i = 0; i < 600; i++)); do
  curl -fsS -o /dev/null http://127.0.0.1:9088/q/health/ready 2>/dev/null && { ready=true; break; }
  [[ $(podman inspect -f '{{.State.Running}}' "$POD-thinkwatch-capture" 2>/dev/null) == true ]] || break
  sleep 0.5
done
$ready || { podman logs --tail 40 "$POD-thinkwatch-capture" >&2; fail "sidecar: capture not ready on :9088"; }
pass "sidecar: podman kube play, capture ready in $(seconds_since "$t0") s"
# podman runs the liveness probe as `curl -f http://localhost:9088/q/health/live || kill 1` inside the container
# (timed by systemd, which this machine lacks, so run it once by hand).
# Up to its failureThreshold (3) times, as podman would before it acts.
healthy=false
for ((i = 0; i < 3; i++)); do
  podman healthcheck run "$POD-thinkwatch-capture" >/dev/null && { healthy=true; break; }
done
$healthy || fail "sidecar: the liveness probe as podman runs it"
pass "sidecar: liveness probe healthy (podman healthcheck run)"
# The app's own loop (its first call waits, retrying, until capture listens) got a trace id too.
for ((i = 0; i < 60; i++)); do
  podman logs "$POD-app" 2>/dev/null | grep -qi '^x-thinkwatch-trace-id' && break
  sleep 1
done
podman logs "$POD-app" 2>/dev/null | grep -qi '^x-thinkwatch-trace-id' ||
  fail "sidecar: the app container's own call got no trace id (its log: $(podman logs "$POD-app" 2>&1 | tail -n 3))"
pass "sidecar: the app container's own call went through capture"

# From inside the app container, with the key of its Secret, to http://localhost:8088 as the app does.
headers=$(podman exec "$POD-app" sh -c 'curl -fsS -D - -o /dev/null "$OPENAI_BASE_URL/chat/completions" \
  -H "content-type: application/json" -H "x-thinkwatch-key: $THINKWATCH_KEY" \
  -d "{\"model\":\"o3-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"sidecar test\"}]}"') ||
  fail "sidecar: the call from the app container through capture failed"
trace_id=$(trace_id_of "$headers")
[[ -n $trace_id ]] || fail "sidecar: capture answered without X-Thinkwatch-Trace-Id"
# The ConfigMap reached capture: a call without a key is refused.
status=$(podman exec "$POD-app" sh -c 'curl -sS -o /dev/null -w "%{http_code}" "$OPENAI_BASE_URL/chat/completions" \
  -H "content-type: application/json" -d "{\"model\":\"o3-mini\",\"messages\":[]}"')
[[ $status == 401 ]] || fail "sidecar: a call without a capture key got $status, not 401 (require-key from the ConfigMap)"
t0=$(millis)
trace=$(read_trace "$trace_id") || fail "sidecar: trace $trace_id not readable through the console API after 60 s"
grep -q "\"traceId\":\"$trace_id\"" <<<"$trace" || fail "sidecar: the console answered another trace"
key_id=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$answer")
grep -q "\"captureKeyId\":\"$key_id\"" <<<"$trace" || fail "sidecar: the trace does not name the Secret's capture key"
pass "sidecar: the app's call through capture reached the console API, trace $trace_id, key $key_id ($(seconds_since "$t0") s)"
podman stats --no-stream --format '{{.Name}} {{.MemUsage}}' "$POD-thinkwatch-capture" "$POD-app" 2>/dev/null |
  sed 's/^/[container-test] memory /' || true

OK=true
pass "all steps ($(seconds_since "$T_ALL") s before the clean-up)"
