#!/usr/bin/env bash
# Renders the base and each overlay with kustomize (kubectl kustomize) and checks that the patches landed where they
# should: KubernetesManifestsTest checks every file as typed objects without kubectl; this checks what kustomize makes
# of them, where kubectl is installed (it is not on a fresh CI machine: then it says so and exits 0).
#   deploy/kubernetes/check.sh [folder to write the rendered manifests to]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=${1:-}
command -v kubectl >/dev/null || { echo "kubectl not found: nothing rendered"; exit 0; }
fail() { echo "FAIL: $*" >&2; exit 1; }
count() { grep -c "^$1" <<<"$2" || true; }

for dir in base overlays/strimzi overlays/opensearch; do
  rendered=$(kubectl kustomize "$HERE/$dir") || fail "$dir does not render"
  [[ -z $OUT ]] || { mkdir -p "$OUT"; echo "$rendered" >"$OUT/${dir//\//-}.yaml"; }
  deployments=$(count 'kind: Deployment' "$rendered")
  ((deployments == 5)) || fail "$dir: $deployments Deployments, expected 5 (capture, indexer, rules, alerts, console)"
  case $dir in
    overlays/strimzi)
      (($(count '        - name: KAFKA_SASL_JAAS_CONFIG' "$rendered") == 5)) || fail "$dir: not every Deployment logs in to Kafka"
      (($(count 'kind: KafkaTopic' "$rendered") == 6)) || fail "$dir: expected 6 KafkaTopics"
      grep -q 'KAFKA_SECURITY_PROTOCOL: SASL_SSL' <<<"$rendered" || fail "$dir: the ConfigMap patch did not merge"
      grep -q 'KAFKA_BOOTSTRAP_SERVERS: my-cluster-kafka-bootstrap:9093' <<<"$rendered" || fail "$dir: bootstrap not replaced"
      grep -q 'THINKWATCH_OPENSEARCH_URL' <<<"$rendered" || fail "$dir: the merge dropped the base's settings" ;;
    overlays/opensearch)
      (($(count '        - name: THINKWATCH_OPENSEARCH_PASSWORD' "$rendered") == 2)) || fail "$dir: expected the password on indexer and console only"
      (($(count '          secretName: opensearch-ca' "$rendered") == 2)) || fail "$dir: expected the CA on indexer and console only"
      grep -q 'THINKWATCH_OPENSEARCH_URL: https://' <<<"$rendered" || fail "$dir: the ConfigMap patch did not merge" ;;
  esac
  echo "$dir: renders, $(count 'kind:' "$rendered") objects"
done
