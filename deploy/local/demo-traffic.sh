#!/usr/bin/env bash
# Sends a steady trickle of varied chat completions through capture, so a newcomer sees data:
# several apps and models, streaming and not, and now and then a truncated answer or an error.
#   demo-traffic.sh <capture-url> [calls-per-second (default 2)] [max-calls (default: until stopped)]
# THINKWATCH_KEY, when set, is sent as the capture key (X-Thinkwatch-Key).

set -uo pipefail
URL=${1:?capture url}
RATE=${2:-2}
MAX=${3:-0}
apps=(support-bot code-review contract-qa route-planner)
models=(o3-mini o3 gpt-5 gpt-5-mini deepseek-reasoner)
scenarios=(ok ok ok ok ok ok ok ok truncated error)
questions=("Which route is shortest?" "Is this loop invariant correct?" "Summarize the termination clause."
  "Why does the cache race?" "What drove revenue growth?" "Where does the proof fail?")
n=0
while ((MAX == 0 || n < MAX)); do
  n=$((n + 1))
  app=${apps[RANDOM % ${#apps[@]}]}
  model=${models[RANDOM % ${#models[@]}]}
  q=${questions[RANDOM % ${#questions[@]}]}
  stream=$([[ $((RANDOM % 3)) == 0 ]] && echo true || echo false)
  curl -s -o /dev/null -w "%{http_code} $app $model stream=$stream\n" "$URL/v1/chat/completions" \
    -H 'content-type: application/json' ${THINKWATCH_KEY:+-H "x-thinkwatch-key: $THINKWATCH_KEY"} \
    -H "x-thinkwatch-app: $app" -H "x-thinkwatch-user: user-$((RANDOM % 20))" \
    -H "x-simulator-scenario: ${scenarios[RANDOM % ${#scenarios[@]}]}" \
    -H "x-simulator-reasoning-tokens: $(((RANDOM % 40 + 1) * 250))" \
    -d "{\"model\":\"$model\",\"stream\":$stream,\"max_completion_tokens\":16000,\"messages\":[{\"role\":\"user\",\"content\":\"$q\"}]}"
  sleep "$(awk -v r="$RATE" 'BEGIN { printf "%.3f", 1 / r }')"
done
