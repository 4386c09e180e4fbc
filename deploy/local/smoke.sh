#!/usr/bin/env bash
# The README's quick start, checked end to end on this machine with nothing assumed but Java 17, Bash and curl:
# starts the local stack in a fresh state folder, with a PostgreSQL of its own (PGPORT defaults to 5439 here, where
# nothing answers, so the machine's own server, if any, is left alone, as if there were none), sends a call through
# capture with the capture key up.sh printed, reads its trace back through the console API, and stops everything.
#   deploy/local/smoke.sh
# Needs the local stack's ports free (8080, 8088, 8089, 9092, 9093, 9200): not beside a running up.sh.

set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
THINKWATCH_STATE=$(mktemp -d /tmp/thinkwatch-smoke-XXXXXX)
export THINKWATCH_STATE PGPORT=${PGPORT:-5439}
say() { echo "[smoke] $*"; }
fail() { echo "[smoke] FAILED: $*" >&2; exit 1; }
trap '"$HERE/down.sh" || true; rm -rf "$THINKWATCH_STATE"' EXIT

"$HERE/up.sh"
[[ -f $THINKWATCH_STATE/postgres/postgres.pid ]] || fail "up.sh did not start a PostgreSQL of its own on $PGPORT"

headers=$(curl -fsS -D - -o "$THINKWATCH_STATE/answer.json" http://127.0.0.1:8088/v1/chat/completions \
  -H 'content-type: application/json' -H "x-thinkwatch-key: $(<"$THINKWATCH_STATE/capture-key")" \
  -d '{"model":"o3-mini","max_completion_tokens":4000,"messages":[{"role":"user","content":"smoke"}]}') ||
  fail "the call through capture failed"
trace_id=$(tr -d '\r' <<<"$headers" | sed -n 's/^[Xx]-[Tt]hinkwatch-[Tt]race-[Ii]d: //p')
[[ -n $trace_id ]] || fail "capture answered without X-Thinkwatch-Trace-Id"
grep -q '"choices"' "$THINKWATCH_STATE/answer.json" || fail "the answer is not a Chat Completion"
say "call answered, trace $trace_id"

for _ in $(seq 60); do
  if trace=$(curl -fsS "http://127.0.0.1:8080/api/v1/traces/$trace_id" \
    -H "authorization: Bearer $(<"$THINKWATCH_STATE/admin-token")" 2>/dev/null); then
    grep -q "\"traceId\":\"$trace_id\"" <<<"$trace" || fail "the trace read back is another one"
    grep -q '"captureKeyId"' <<<"$trace" || fail "the trace does not name the capture key"
    say "PASSED: the trace is searchable through the console API (PostgreSQL of its own on $PGPORT)"
    exit 0
  fi
  sleep 1
done
fail "trace $trace_id not readable through the console API after 60 s"
