#!/usr/bin/env bash
# Capture overhead benchmark: the latency a capture-only instance adds over calling the same fake provider
# (the built-in simulator, in its own JVM, no simulated latency) directly, at constant request rates with
# Kafka logging on, and the resident memory of the capture instance.
#   deploy/bench/capture-overhead.sh [seconds per run (default 20)] [rounds (default 2)]
# Needs target/quarkus-app (./mvnw package -DskipTests). Starts Kafka (deploy/local/kafka.sh), a simulator and a
# capture on free ports under target/bench-capture, runs deploy/bench/OpenLoop.java interleaved (direct,
# capture, direct, capture) at 200 and 1,000 req/s, prints one line per run (with capture's CPU time per 1,000 calls),
# the CPU time of its busiest threads (event loops, publisher, Kafka producer, JIT compilers), and stops what it started.
# CAPTURE_KEYS=on runs capture with keys required (thinkwatch.capture.require-key, a pinned signer made by
# deploy/bench/MintKey.java) and every call carrying a valid X-Thinkwatch-Key. CAPTURE_KEYS=both starts a second
# capture, keys required, beside the first (no keys), and measures them in the same rounds (direct, capture,
# capture keyed), so that the two are compared on the same machine load.
# REDACTION=both starts a second capture with redaction off (thinkwatch.capture.redaction.enabled=false) beside the
# first (redaction on, the default) and measures them in the same rounds: what redaction costs, apart from the cost of
# carrying the prompt (use with PROMPT_KB). REDACTION=off turns it off in the one capture.
# COMPARE_OPTS="-Dkafka.linger.ms=20" starts a second capture with these options added and measures it in the same rounds
# ("capture compare"): what a setting or a JVM option changes, apart from the machine's load.
# WARM_RATE=100 warms each capture up at 100 calls/s instead of 500 (for PROMPT_KB=200); WARM_SECONDS=60 for 60 s
# instead of 10, so that the JIT compilers have finished before the first round (a sidecar runs for hours).
# STREAM=chat (or responses, messages, gemini) measures streamed answers instead: the upstream is
# deploy/bench/SseUpstream.java, one fixed SSE body of STREAM_EVENTS (500) events of that API, about 100 KB with usage,
# written as fast as the socket takes it; the client asks to stream (Chat: without stream_options, so capture adds the
# usage request and takes the usage chunk back out, as for most SDK calls). Each line also gives ttfb_p50/ttfb_p99.
# UPSTREAM=fixed answers plain calls from deploy/bench/SseUpstream.java (one fixed Chat Completion) instead of the
# simulator, which builds each answer in a Quarkus JVM and so takes more of the two cores from capture and the client.
# RATES="200" measures other rates than the default "200 1000" (the RSS is sampled in every run).
# PROMPT_KB=4 (or 200) sends a realistic prompt of that many KB instead of one short question: prose with a secret or a
# piece of personal data every KB, so that redaction (on by default) has work on every call.
# CAPTURE_JAVA_OPTS sets the capture JVM's options (default: the sidecar options of docs/operations.md,
# -Xms24m -Xmx128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=2000, with MALLOC_ARENA_MAX=2). With
# -XX:NativeMemoryTracking=summary there (or in COMPARE_OPTS) the end prints each capture's memory by JVM area.

set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SECONDS_PER_RUN=${1:-20}
ROUNDS=${2:-2}
JAR=$ROOT/target/quarkus-app/quarkus-run.jar
STATE=$ROOT/target/bench-capture
[[ -f $JAR ]] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 2; }
rm -rf "$STATE"
mkdir -p "$STATE"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
KPORT=$(free_port) KCPORT=$(free_port) SIM=$(free_port) SIMHTTP=$(free_port) CAP=$(free_port) CAPHTTP=$(free_port)

KEY_OPTS=()
KEY_HEADER=()
if [[ ${CAPTURE_KEYS:-off} != off ]]; then
  mapfile -t minted < <(java -cp "$(ls "$ROOT"/target/quarkus-app/app/thinkwatch-*.jar)" "$HERE/MintKey.java" bench)
  KEY_OPTS=(-Dthinkwatch.capture.require-key=true "-Dthinkwatch.capture.keys.signers=${minted[0]}")
  KEY_HEADER=("X-Thinkwatch-Key: ${minted[1]}")
fi
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  "$ROOT/deploy/local/kafka.sh" stop "$STATE/kafka" || true
}
trap cleanup EXIT

"$ROOT/deploy/local/kafka.sh" start "$STATE/kafka" "$KPORT" "$KCPORT"

# The upstream: the simulator, or for STREAM the fixed SSE bodies; PATH_OF_CALL is what every call asks for.
PATH_OF_CALL=/v1/chat/completions
case ${STREAM:-} in
  "") if [[ ${UPSTREAM:-simulator} == fixed ]]; then
    java -Xmx256m "$HERE/SseUpstream.java" "$SIM" >"$STATE/upstream.log" 2>&1 &
  else
    java -Xmx256m -Dthinkwatch.roles=simulator -Dthinkwatch.simulator.port="$SIM" -Dthinkwatch.simulator.latency=0ms \
    -Dthinkwatch.simulator.error-rate=0 -Dthinkwatch.simulator.truncation-rate=0 -Dquarkus.http.port="$SIMHTTP" \
    -Dkafka.bootstrap.servers="127.0.0.1:$KPORT" -jar "$JAR" >"$STATE/simulator.log" 2>&1 &
  fi ;;
  chat | responses | messages | gemini)
    java -Xmx256m "$HERE/SseUpstream.java" "$SIM" "${STREAM_EVENTS:-500}" >"$STATE/upstream.log" 2>&1 &
    case $STREAM in
      responses) PATH_OF_CALL=/v1/responses ;;
      messages) PATH_OF_CALL=/v1/messages ;;
      gemini) PATH_OF_CALL="/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse" ;;
    esac ;;
  *) echo "STREAM is chat, responses, messages or gemini" >&2; exit 2 ;;
esac
PIDS+=($!)
start_capture() { # name port http-port [options...]; sets STARTED to its pid
  local name=$1 port=$2 http=$3
  shift 3
  # shellcheck disable=SC2086 # several options
  MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java ${CAPTURE_JAVA_OPTS:--Xms24m -Xmx128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=2000} \
    -Dthinkwatch.roles=capture -Dthinkwatch.capture.port="$port" "$@" \
    -Dthinkwatch.capture.upstreams.openai.url="http://127.0.0.1:$SIM" \
    -Dthinkwatch.capture.upstreams.anthropic.url="http://127.0.0.1:$SIM" \
    -Dthinkwatch.capture.upstreams.gemini.url="http://127.0.0.1:$SIM" -Dquarkus.http.port="$http" \
    -Dthinkwatch.capture.spool.dir="$STATE/$name/spool" -Dthinkwatch.capture.keys.dir="$STATE/$name/keys" \
    -Dkafka.bootstrap.servers="127.0.0.1:$KPORT" -jar "$JAR" >"$STATE/$name.log" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
}
# CAP: the capture measured in every mode (keys required with CAPTURE_KEYS=on); KCAP: a second one beside it, measured
# in the same rounds: keyed (CAPTURE_KEYS=both) or without redaction (REDACTION=both); KCAP_HEADERS: what its calls carry.
comparisons=0
[[ ${CAPTURE_KEYS:-off} == both ]] && comparisons=$((comparisons + 1))
[[ ${REDACTION:-on} == both ]] && comparisons=$((comparisons + 1))
[[ -n ${COMPARE_OPTS:-} ]] && comparisons=$((comparisons + 1))
((comparisons <= 1)) || { echo "CAPTURE_KEYS=both, REDACTION=both and COMPARE_OPTS: one at a time" >&2; exit 2; }
CAP_OPTS=()
[[ ${CAPTURE_KEYS:-off} == on ]] && CAP_OPTS+=("${KEY_OPTS[@]}")
[[ ${REDACTION:-on} == off ]] && CAP_OPTS+=(-Dthinkwatch.capture.redaction.enabled=false)
# The key header where the measured capture needs one (CAPTURE_KEYS=on); none otherwise.
cap_headers=()
[[ ${CAPTURE_KEYS:-off} == on ]] && cap_headers=("${KEY_HEADER[@]}")
start_capture capture "$CAP" "$CAPHTTP" ${CAP_OPTS[@]+"${CAP_OPTS[@]}"}
CAPTURE_PID=$STARTED
KCAP= KCAPHTTP= KCAPTURE_PID= KCAP_LABEL= KCAP_HEADERS=()
if ((comparisons == 1)); then
  KCAP=$(free_port) KCAPHTTP=$(free_port)
  if [[ ${CAPTURE_KEYS:-off} == both ]]; then
    KCAP_LABEL="capture keyed" KCAP_HEADERS=("${KEY_HEADER[@]}")
    start_capture capture-keyed "$KCAP" "$KCAPHTTP" "${KEY_OPTS[@]}"
  elif [[ -n ${COMPARE_OPTS:-} ]]; then
    KCAP_LABEL="capture compare" KCAP_HEADERS=(${cap_headers[@]+"${cap_headers[@]}"})
    # shellcheck disable=SC2086 # several options
    start_capture capture-compare "$KCAP" "$KCAPHTTP" ${CAP_OPTS[@]+"${CAP_OPTS[@]}"} $COMPARE_OPTS
  else
    KCAP_LABEL="capture unredacted"
    start_capture capture-unredacted "$KCAP" "$KCAPHTTP" -Dthinkwatch.capture.redaction.enabled=false
  fi
  KCAPTURE_PID=$STARTED
fi

BODY=$STATE/body.json
if [[ -n ${PROMPT_KB:-} ]]; then
  # A realistic prompt of about PROMPT_KB KB: support-ticket prose in which every KB or so holds one secret or piece
  # of personal data (an email, an OpenAI key, a phone number, a card number), so redaction has work on every call.
  python3 - "$PROMPT_KB" >"$BODY" <<'PY'
import json, sys
kb = int(sys.argv[1])
prose = ("The customer reports that the nightly export stopped after the upgrade; the logs show the job timing out "
         "while it waits for the reporting database, and retries make it worse because each one holds a lock. ")
secrets = ["Reach me at dana.whitfield@example.org.", "Our key is sk-proj-4fQ9xT2mLp8RzV1nB6yK3wE0aH7uJ5cD.",
           "Call +44 20 7946 0958 after five.", "Card on file 4111 1111 1111 1111 was charged twice."]
parts, size, i = [], 0, 0
while size < kb * 1024:
    chunk = prose * 4 + secrets[i % len(secrets)] + " "
    parts.append(chunk); size += len(chunk); i += 1
print(json.dumps({"model": "o3-mini", "max_completion_tokens": 4000,
                  "messages": [{"role": "system", "content": "You are a support assistant."},
                               {"role": "user", "content": "".join(parts)}]}))
PY
else
  case ${STREAM:-} in
    "") echo '{"model":"o3-mini","max_completion_tokens":4000,"messages":[{"role":"user","content":"Which route is shortest?"}]}' ;;
    chat) echo '{"model":"o3","stream":true,"messages":[{"role":"user","content":"Which route is shortest?"}]}' ;;
    responses) echo '{"model":"o3","stream":true,"input":"Which route is shortest?"}' ;;
    messages) echo '{"model":"claude-sonnet-4-20250514","max_tokens":32000,"stream":true,"thinking":{"type":"enabled","budget_tokens":16000},"messages":[{"role":"user","content":"Which route is shortest?"}]}' ;;
    gemini) echo '{"contents":[{"role":"user","parts":[{"text":"Which route is shortest?"}]}]}' ;;
  esac >"$BODY"
fi
ready() { # port [headers...]: waits until a call through it answers
  local port=$1
  shift
  for _ in $(seq 120); do
    curl -fsS -o /dev/null -H 'content-type: application/json' "${@/#/-H}" --data @"$BODY" \
      "http://127.0.0.1:$port$PATH_OF_CALL" && return
    sleep 1
  done
}
ready "$SIM"
ready "$CAP" ${cap_headers[@]+"${cap_headers[@]}"}
[[ -n $KCAP ]] && ready "$KCAP" ${KCAP_HEADERS[@]+"${KCAP_HEADERS[@]}"}

load() { # port rate seconds warm-up [headers...]
  local port=$1 rate=$2 seconds=$3 warm=$4
  shift 4
  java -Xmx256m "$HERE/OpenLoop.java" "$port" "$PATH_OF_CALL" "$rate" "$seconds" "$warm" 16 "$BODY" \
    'X-Thinkwatch-App: bench' "$@"
}
rss_max() { # pid: samples its resident memory until stopped; prints the maximum in MB
  local max=0 kb
  while [[ -f $STATE/sampling ]]; do
    kb=$(awk '/VmRSS/ {print $2}' "/proc/$1/status")
    ((kb > max)) && max=$kb
    sleep 0.5
  done
  echo $((max / 1024))
}
added() { # direct-line capture-line: the p50 and p99 the capture added over the direct run of the same round
  awk -v d="$1" -v c="$2" 'function get(line, k,   m) { match(line, k "=[-0-9.]+"); return substr(line, RSTART + length(k) + 1, RLENGTH - length(k) - 1) }
    BEGIN { printf "added p50=%.2f p99=%.2f", get(c, "p50") - get(d, "p50"), get(c, "p99") - get(d, "p99") }'
}
cpu_ms() { # pid: CPU time (user + system) the process has used, in ms
  awk -v tick="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / tick)}' "/proc/$1/stat"
}
thread_cpu() { # pid: "thread-name/tid ticks" for every thread of the process (user + system)
  for task in /proc/"$1"/task/*; do
    awk -v name="$(tr ' ' '_' <"$task/comm")/${task##*/}" '{sub(/.*\) /, ""); print name, $12 + $13}' "$task/stat" \
      2>/dev/null
  done
}
threads_used() { # before-file after-file: the threads that used CPU between the two, most first, in ms
  awk -v tick="$(getconf CLK_TCK)" 'NR == FNR {before[$1] += $2; next} {after[$1] += $2}
    END {for (t in after) if (after[t] > before[t]) printf "%s %d\n", t, (after[t] - before[t]) * 1000 / tick}' "$1" "$2" |
    sort -k2 -nr | head -8 | awk '{printf "%s%s %s ms", (NR > 1 ? ", " : ""), $1, $2}'
}
measure() { # label pid port rate [headers...]: one run, with the RSS sampled and the CPU time counted
  local label=$1 pid=$2 port=$3 rate=$4 sampler cpu line
  shift 4
  touch "$STATE/sampling"
  rss_max "$pid" >"$STATE/rss" &
  sampler=$!
  cpu=$(cpu_ms "$pid")
  thread_cpu "$pid" >"$STATE/threads-before"
  line=$(load "$port" "$rate" "$SECONDS_PER_RUN" 2 "$@")
  cpu=$(($(cpu_ms "$pid") - cpu))
  thread_cpu "$pid" >"$STATE/threads-after"
  echo "$label round $round $line $(added "$DIRECT" "$line")"
  # Over the run and its 2 s warm-up at the same rate: (SECONDS_PER_RUN + 2) * rate calls.
  echo "$label CPU during the run: $cpu ms, $((cpu * 1000 / ((SECONDS_PER_RUN + 2) * rate))) ms per 1,000 calls"
  echo "$label CPU by thread: $(threads_used "$STATE/threads-before" "$STATE/threads-after")"
  rm -f "$STATE/sampling"
  wait "$sampler"
  echo "$label RSS max during the run: $(cat "$STATE/rss") MB"
}

echo "warm-up"
load "$SIM" "${WARM_RATE:-500}" "${WARM_SECONDS:-10}" 0 >/dev/null
load "$CAP" "${WARM_RATE:-500}" "${WARM_SECONDS:-10}" 0 ${cap_headers[@]+"${cap_headers[@]}"} >/dev/null
[[ -n $KCAP ]] && load "$KCAP" "${WARM_RATE:-500}" "${WARM_SECONDS:-10}" 0 ${KCAP_HEADERS[@]+"${KCAP_HEADERS[@]}"} >/dev/null
upstream_label=${UPSTREAM:-simulator}
[[ -n ${STREAM:-} ]] && upstream_label="SSE $STREAM"
echo "upstream: $upstream_label; capture keys: ${CAPTURE_KEYS:-off}; redaction: ${REDACTION:-on}; prompt: ${PROMPT_KB:-short} KB${COMPARE_OPTS:+; compare: $COMPARE_OPTS}"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
for rate in ${RATES:-200 1000}; do
  for round in $(seq "$ROUNDS"); do
    DIRECT=$(load "$SIM" "$rate" "$SECONDS_PER_RUN" 2)
    echo "direct  round $round $DIRECT"
    measure capture "$CAPTURE_PID" "$CAP" "$rate" ${cap_headers[@]+"${cap_headers[@]}"}
    [[ -n $KCAP ]] && measure "$KCAP_LABEL" "$KCAPTURE_PID" "$KCAP" "$rate" ${KCAP_HEADERS[@]+"${KCAP_HEADERS[@]}"}
  done
done
# With -XX:NativeMemoryTracking=summary in CAPTURE_JAVA_OPTS or COMPARE_OPTS: where each capture's memory went.
for pid in "$CAPTURE_PID" $KCAPTURE_PID; do
  jcmd "$pid" VM.native_memory summary 2>/dev/null | awk -v pid="$pid" '
    /^Total:/ {sub(/.*committed=/, ""); printf "capture %s native memory committed: total %s", pid, $1}
    /^-  *[A-Za-z]/ && /committed=/ {name=$0; sub(/^- */, "", name); sub(/ *\(.*/, "", name)
      c=$0; sub(/.*committed=/, "", c); sub(/[^0-9KMGB].*/, "", c); printf ", %s %s", name, c}
    END {if (NR) print ""}'
done
for http in "$CAPHTTP" $KCAPHTTP; do
  echo "capture metrics ($http): $(curl -fsS "http://127.0.0.1:$http/q/metrics" | grep -E '^thinkwatch_traces_(published|spooled|dropped)_total' | tr '\n' ' ')"
done
