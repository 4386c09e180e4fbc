#!/usr/bin/env bash
# Prints the Secret `thinkwatch` (keys of secrets.example.yaml) with fresh random keys, for kubectl apply -f -.
#   POSTGRES_PASSWORD=... deploy/kubernetes/make-secrets.sh [namespace] | kubectl apply -f -
# Run it once per installation and keep the result in your secret store: the keys must outlive every pod.
# Optional env: ADMIN_PASSWORD, OIDC_CLIENT_SECRET, SMTP_PASSWORD (left out when unset).
set -euo pipefail
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD to the password of the PostgreSQL user in config.yaml}"
key32() { head -c 32 /dev/urandom | base64; }
quote() { printf "'%s'" "${1//\'/\'\'}"; }
cat <<YAML
apiVersion: v1
kind: Secret
metadata:
  name: thinkwatch
${1:+  namespace: $1
}  labels:
    app.kubernetes.io/name: thinkwatch
    app.kubernetes.io/part-of: thinkwatch
type: Opaque
stringData:
  postgres-password: $(quote "$POSTGRES_PASSWORD")
  alerts-secret-key: $(key32)
  audit-chain-key: $(key32)
  session-encryption-key: $(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
  admin-token: tw_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  redaction-hash-key: $(key32)
YAML
[[ -z ${ADMIN_PASSWORD:-} ]] || echo "  admin-password: $(quote "$ADMIN_PASSWORD")"
[[ -z ${OIDC_CLIENT_SECRET:-} ]] || echo "  oidc-client-secret: $(quote "$OIDC_CLIENT_SECRET")"
[[ -z ${SMTP_PASSWORD:-} ]] || echo "  smtp-password: $(quote "$SMTP_PASSWORD")"
