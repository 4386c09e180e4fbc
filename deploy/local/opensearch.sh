#!/usr/bin/env bash
# Starts or stops a single-node OpenSearch (used by the Maven build and the local stack).
#   opensearch.sh start <state-dir> <http-port> [version]   (version: 2.19.6 by default; 3.x works too)
#   opensearch.sh stop  <state-dir>
# OPENSEARCH_SEED_HOSTS (transport addresses, comma-separated) makes the node one of a cluster instead of a single node:
# OPENSEARCH_NODE_NAME names it, OPENSEARCH_MANAGERS lists the cluster-manager-eligible nodes by name (others hold data
# only); opensearch-cluster.sh uses these.
# OPENSEARCH_SECURE=1 starts a node with the security plugin (from Maven Central, so only versions it has a plugin
# for there: 2.19.4 by default): HTTPS and transport TLS with certificates made for the node under
# <state-dir>/config-<version>/certs (ca.pem; client.pem and client-key.pem for the user thinkwatch), and a user
# thinkwatch with the password in <state-dir>/password (made once), allowed everything, by password or certificate.
# <state-dir> keeps data/ (reused on later starts), logs/, config-<version>/, opensearch.log and
# opensearch.pid. Env: THINKWATCH_CACHE (default ~/.cache/thinkwatch), MVN, MAVEN_ARGS,
# OPENSEARCH_JAVA_HOME, OPENSEARCH_JAVA_OPTS, OPENSEARCH_TRANSPORT_PORT, THINKWATCH_OS_USER,
# OPENSEARCH_READY_TIMEOUT (seconds to wait for the node, 120 by default).

set -euo pipefail
NAME=opensearch
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$HERE/lib.sh"


fetch() {
  mvn_quiet org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -DoutputDirectory="$1" \
    -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip"
  unzip -q "$1/opensearch-$VERSION.zip" -d "$1"
  mv "$1/opensearch-$VERSION" "$1/out"
  if [[ -n $SECURE ]]; then
    mvn_quiet org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -DoutputDirectory="$1" \
      -Dartifact="org.opensearch.plugin:opensearch-security:$VERSION.0:zip"
    JAVA_HOME=$OPENSEARCH_JAVA_HOME "$1/out/bin/opensearch-plugin" install --batch \
      "file://$1/opensearch-security-$VERSION.0.zip" >"$1/plugin.log" 2>&1 || { cat "$1/plugin.log" >&2; die "plugin install failed"; }
  fi
  chmod -R a+rX "$1/out"
}

# First JDK under /usr/lib/jvm whose major version is within [min, max].
find_jdk() {
  local d major
  for d in /usr/lib/jvm/*/; do
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null || true)
    if [[ -n $major && -x $d/bin/java ]] && ((major >= $1 && major <= $2)); then
      echo "${d%/}"; return 0
    fi
  done
  return 1
}

# 2.x needs its Security Manager (gone in JDK 24+); 3.x needs JDK 21+.
pick_java() {
  [[ -n ${OPENSEARCH_JAVA_HOME:-} ]] && return 0
  if [[ ${VERSION%%.*} -ge 3 ]]; then OPENSEARCH_JAVA_HOME=$(find_jdk 21 99) || die "OpenSearch $VERSION needs a JDK >= 21"
  else OPENSEARCH_JAVA_HOME=$(find_jdk 11 23) || die "OpenSearch $VERSION needs a JDK 11..23"; fi
  export OPENSEARCH_JAVA_HOME
}

# As root, the node runs as the service user (lib.sh), which owns its data, logs and config; not chown -R on the state
# dir: a hard-linked dist-* there shares its inodes with the cache.
prepare_user() {
  service_user "$STATE" "$OS_HOME" bin/opensearch
  OS_HOME=$RUN_HOME
  [[ $EUID -ne 0 ]] || chown -R "$SERVICE_USER:" "$STATE/data" "$STATE/logs" "$CONF"
}

# Own config dir per node and version (the node may write its keystore there); the JVM's
# relative log/heap-dump paths are pointed into the state dir instead of the shared distribution.
prepare_config() {
  CONF="$STATE/config-$VERSION"
  [[ -d $CONF ]] && return 0
  cp -r "$OS_HOME/config" "$CONF.tmp"
  sed -i -e "s#logs/#$STATE/logs/#g" -e "s#HeapDumpPath=data#HeapDumpPath=$STATE/data#" \
    -e "s#filecount=32,filesize=64m#filecount=4,filesize=16m#" "$CONF.tmp/jvm.options"
  [[ -z $SECURE ]] || secure_config "$CONF.tmp"
  mv -T "$CONF.tmp" "$CONF"
}

# cert <dir> <name> <common name> <extension>: a key and a certificate signed by <dir>/ca.pem.
cert() {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1/$2-key.pem" 2>/dev/null
  openssl req -new -key "$1/$2-key.pem" -subj "/O=Thinkwatch test/CN=$3" -out "$1/$2.csr"
  openssl x509 -req -in "$1/$2.csr" -CA "$1/ca.pem" -CAkey "$1/ca-key.pem" -CAcreateserial -days 3650 \
    -extfile <(echo "$4") -out "$1/$2.pem" 2>/dev/null
  rm "$1/$2.csr"
}

# The security plugin's settings: a CA of its own, TLS on HTTP (client certificates optional) and transport, the
# user thinkwatch (password or certificate) mapped to all_access; the plugin loads its files into its index at the
# first start.
secure_config() {
  local conf=$1 sec=$1/opensearch-security hash
  [[ -f $STATE/password ]] || head -c 18 /dev/urandom | base64 | tr '+/' 'xy' >"$STATE/password"
  command -v openssl >/dev/null || die "OPENSEARCH_SECURE needs openssl (apt-get install openssl)"
  mkdir -p "$conf/certs"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$conf/certs/ca-key.pem" -out "$conf/certs/ca.pem" -days 3650 \
    -subj "/O=Thinkwatch test/CN=Thinkwatch test CA" 2>/dev/null
  cert "$conf/certs" node node "subjectAltName=IP:127.0.0.1,DNS:localhost"
  cert "$conf/certs" admin admin "keyUsage=digitalSignature"
  cert "$conf/certs" client thinkwatch "extendedKeyUsage=clientAuth"
  cat >>"$conf/opensearch.yml" <<YAML
plugins.security.ssl.transport.pemcert_filepath: certs/node.pem
plugins.security.ssl.transport.pemkey_filepath: certs/node-key.pem
plugins.security.ssl.transport.pemtrustedcas_filepath: certs/ca.pem
plugins.security.ssl.transport.enforce_hostname_verification: false
plugins.security.ssl.http.enabled: true
plugins.security.ssl.http.pemcert_filepath: certs/node.pem
plugins.security.ssl.http.pemkey_filepath: certs/node-key.pem
plugins.security.ssl.http.pemtrustedcas_filepath: certs/ca.pem
plugins.security.ssl.http.clientauth_mode: OPTIONAL
plugins.security.allow_default_init_securityindex: true
plugins.security.authcz.admin_dn: ["CN=admin,O=Thinkwatch test"]
plugins.security.nodes_dn: ["CN=node,O=Thinkwatch test"]
plugins.security.audit.type: noop
YAML
  hash=$(JAVA_HOME=$OPENSEARCH_JAVA_HOME OPENSEARCH_JAVA_HOME=$OPENSEARCH_JAVA_HOME \
    bash "$OS_HOME/plugins/opensearch-security/tools/hash.sh" -p "$(cat "$STATE/password")" 2>/dev/null | tail -n 1)
  printf '_meta:\n  type: "internalusers"\n  config_version: 2\nthinkwatch:\n  hash: "%s"\n' "$hash" >"$sec/internal_users.yml"
  printf '_meta:\n  type: "rolesmapping"\n  config_version: 2\nall_access:\n  users: ["thinkwatch"]\n' \
    >"$sec/roles_mapping.yml"
  # The client certificate domain is off in the plugin's default config.yml: the first http_enabled after it
  sed -i '/clientcert_auth_domain:/,/http_enabled:/s/http_enabled: false/http_enabled: true/' "$sec/config.yml"
}

# DISCOVERY: a single node, or a node of the cluster OPENSEARCH_SEED_HOSTS describes.
discovery() {
  if [[ -z ${OPENSEARCH_SEED_HOSTS:-} ]]; then DISCOVERY=(-Ediscovery.type=single-node); return 0; fi
  local name=${OPENSEARCH_NODE_NAME:?OPENSEARCH_NODE_NAME is needed with OPENSEARCH_SEED_HOSTS}
  local managers=${OPENSEARCH_MANAGERS:?OPENSEARCH_MANAGERS is needed with OPENSEARCH_SEED_HOSTS}
  DISCOVERY=(-Ecluster.name=thinkwatch-cluster -Enode.name="$name" -Ediscovery.seed_hosts="$OPENSEARCH_SEED_HOSTS")
  if [[ ,$managers, == *,$name,* ]]; then
    DISCOVERY+=(-Ecluster.initial_cluster_manager_nodes="$managers")
  else
    DISCOVERY+=(-Enode.roles=data,ingest)
  fi
}

ready() {
  local url="127.0.0.1:$PORT/_cluster/health?wait_for_status=yellow&timeout=1s"
  if [[ -n $SECURE ]]; then
    curl -fsS -m 5 --cacert "$CONF/certs/ca.pem" -u "thinkwatch:$(cat "$STATE/password")" "https://$url" >/dev/null 2>&1
  else
    curl -fsS -m 5 "http://$url" >/dev/null 2>&1
  fi
}

start() {
  [[ $# -eq 2 || $# -eq 3 ]] || usage
  mkdir -p "$1"
  SECURE=${OPENSEARCH_SECURE:-}
  [[ $SECURE == 1 || -z $SECURE ]] || die "OPENSEARCH_SECURE is 1 or empty"
  STATE=$(realpath "$1") PORT=$2 VERSION=${3:-${SECURE:+2.19.4}}
  VERSION=${VERSION:-2.19.6}
  OS_HOME="$CACHE/opensearch${SECURE:+-secure}-$VERSION"
  local pidfile="$STATE/opensearch.pid" log="$STATE/opensearch.log" pid tport
  stop_pid "$pidfile" "$STATE" # left over from an interrupted run
  port_open "$PORT" && die "port $PORT is already in use"
  # Transport: the first free port of a range next to the HTTP port, so nodes do not collide.
  if ((PORT + 199 <= 65535)); then tport="$((PORT + 100))-$((PORT + 199))"; else tport="$((PORT - 199))-$((PORT - 100))"; fi
  tport=${OPENSEARCH_TRANSPORT_PORT:-$tport}
  pick_java
  cache_fill "$OS_HOME" fetch
  mkdir -p "$STATE/data" "$STATE/logs"
  prepare_config
  prepare_user
  : >"$log"
  [[ $EUID -ne 0 ]] || chown "$SERVICE_USER:" "$log"
  export OPENSEARCH_PATH_CONF="$CONF" OPENSEARCH_JAVA_OPTS="${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx512m}"
  # bin/opensearch execs the JVM, and setsid/nohup/setpriv exec in place: $! is the JVM itself.
  discovery
  setsid nohup "${AS_USER[@]}" "$OS_HOME/bin/opensearch" "${DISCOVERY[@]}" \
    -Enetwork.host=127.0.0.1 -Ehttp.port="$PORT" -Etransport.port="$tport" \
    -Epath.data="$STATE/data" -Epath.logs="$STATE/logs" \
    -Ecluster.routing.allocation.disk.threshold_enabled=false </dev/null >>"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$pidfile"
  say "starting $VERSION pid $pid on 127.0.0.1:$PORT (java $OPENSEARCH_JAVA_HOME), log $log"
  wait_ready "${OPENSEARCH_READY_TIMEOUT:-120}" "$pid" "$log" "$pidfile" "$STATE" ready
  say "started $VERSION pid $pid on 127.0.0.1:$PORT (ready in ${READY_AFTER}s)"
}

stop() {
  [[ $# -eq 1 ]] || usage
  [[ -d $1 ]] || return 0
  local state
  state=$(realpath "$1")
  stop_pid "$state/opensearch.pid" "$state"
}

case "${1:-}" in
  start | stop) cmd=$1; shift; "$cmd" "$@" ;;
  *) usage ;;
esac
