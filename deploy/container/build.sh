#!/usr/bin/env bash
# Builds the Thinkwatch container image localhost/thinkwatch:<version> and :latest without a Docker daemon or a
# registry: a Debian bookworm base with the Java 17 runtime, made by mmdebstrap from Debian packages (cached), and
# `podman build` of deploy/container/Containerfile over the Quarkus fast-jar in target/quarkus-app (built first
# with ./mvnw package when missing or older than the sources).
#   deploy/container/build.sh [--example-app] [--refresh-base]
#     --example-app   also tags the base (Debian, Java, curl) as localhost/thinkwatch-example-app:latest, the stand-in
#                     application of deploy/kubernetes/examples/sidecar-app.yaml
#     --refresh-base  makes the Debian bases again (for Debian's security updates) instead of using the cached ones
# Installs podman, mmdebstrap, runc and catatonit with apt-get when one is missing (as root; otherwise says what to
# install).
# Env: THINKWATCH_CACHE (~/.cache/thinkwatch; the bases are kept in its container/ folder), THINKWATCH_IMAGE
#      (localhost/thinkwatch), THINKWATCH_DEBIAN_MIRROR (http://deb.debian.org/debian),
#      THINKWATCH_DEBIAN_SECURITY_MIRROR (http://deb.debian.org/debian-security).

set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE="${THINKWATCH_CACHE:-$HOME/.cache/thinkwatch}/container"
IMAGE=${THINKWATCH_IMAGE:-localhost/thinkwatch}
EXAMPLE_IMAGE=localhost/thinkwatch-example-app
MIRROR=${THINKWATCH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${THINKWATCH_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
SUITE=bookworm
# The image's user: a fixed number, so that Kubernetes' runAsNonRoot can check it; group 0 (see the Containerfile).
APP_UID=10001
say() { echo "[image] $*"; }
die() { echo "[image] ERROR: $*" >&2; exit 1; }
usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2; }

EXAMPLE_APP=false
REFRESH=false
for arg in "$@"; do
  case $arg in
    --example-app) EXAMPLE_APP=true ;;
    --refresh-base) REFRESH=true ;;
    *) usage ;;
  esac
done
t_start=$SECONDS

# catatonit: podman builds its pod infra (pause) image from it, instead of pulling one.
missing=()
for tool in podman mmdebstrap runc; do command -v "$tool" >/dev/null || missing+=("$tool"); done
dpkg -s catatonit >/dev/null 2>&1 || missing+=(catatonit)
if ((${#missing[@]})); then
  [[ $EUID -eq 0 ]] || die "needs ${missing[*]}: sudo apt-get install -y podman mmdebstrap runc catatonit"
  say "installing ${missing[*]} with apt-get (podman, mmdebstrap, runc, catatonit)"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q podman mmdebstrap runc catatonit \
    >/dev/null
fi

# Debian packages of bookworm with its updates and security fixes. No manuals, documentation (but the copyright
# files) or translations: the image runs a server, nobody reads them there.
SOURCES=("deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" "deb $SECURITY_MIRROR $SUITE-security main")
# The hook: openjdk's postinst registers its manual pages as alternatives and fails when the folder is missing.
# shellcheck disable=SC2016 # $1 is the root folder, expanded by mmdebstrap's shell
SLIM=(--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
  --essential-hook='mkdir -p "$1/usr/share/man/man1"')

# debian_base <name> <packages> [mmdebstrap options...]: a root file system of the "essential" variant (no apt in the
# image) plus <packages>, cached as $CACHE/<name>-<key>.tar and imported as localhost/<name>:<key>, where <key>
# depends on everything that shapes it; prints the image name.
debian_base() {
  local name=$1 packages=$2 key tar image log t0=$SECONDS
  shift 2
  local args=(--variant=essential --include="$packages" "${SLIM[@]}" "$@")
  key=$(printf '%s\n' "$SUITE" "${SOURCES[@]}" "${args[@]}" | sha256sum | cut -c1-12)
  tar="$CACHE/$name-$key.tar"
  image="localhost/$name:$key"
  if $REFRESH; then
    rm -f "$tar"
    podman image exists "$image" && podman rmi -f "$image" >/dev/null
  fi
  if [[ ! -f $tar ]]; then
    mkdir -p "$CACHE"
    log="$CACHE/$name.log"
    say "making the base $name from Debian packages with mmdebstrap ($packages), log $log" >&2
    mmdebstrap "${args[@]}" --format=tar "$SUITE" "$tar.tmp" "${SOURCES[@]}" >"$log" 2>&1 ||
      { tail -n 30 "$log" >&2; rm -f "$tar.tmp"; die "mmdebstrap failed"; }
    find "$CACHE" -maxdepth 1 -name "$name-*.tar" -delete # earlier bases of this name
    mv "$tar.tmp" "$tar"
    say "made $tar in $((SECONDS - t0))s" >&2
  fi
  if ! podman image exists "$image"; then
    podman import -q --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      --change "ENV LANG=C.UTF-8" --change 'CMD ["/bin/sh"]' "$tar" "$image" >/dev/null
    say "imported $image" >&2
  fi
  echo "$image"
}

# The Quarkus application: built when there is no build, or the sources are newer than it (as deploy/local/up.sh).
APP="$ROOT/target/quarkus-app"
if [[ ! -f $APP/quarkus-run.jar ]] || [[ -n $(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$APP/quarkus-run.jar" -print -quit) ]]; then
  say "building the application (./mvnw -B -q package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
VERSION=$(sed -n '/<artifactId>thinkwatch<\/artifactId>/,/<version>/s/.*<version>\([^<]*\)<\/version>.*/\1/p' "$ROOT/pom.xml" | head -n 1)
[[ -n $VERSION ]] || die "no project version in pom.xml"

# curl: podman kube play turns a Kubernetes httpGet probe into a health check that runs curl inside the container.
BASE=$(debian_base thinkwatch-base openjdk-17-jre-headless,curl \
  --customize-hook="echo 'thinkwatch:x:$APP_UID:0:Thinkwatch:/var/lib/thinkwatch:/usr/sbin/nologin' >>\"\$1/etc/passwd\"" \
  --customize-hook="mkdir -p \"\$1/var/lib/thinkwatch\" && chown $APP_UID:0 \"\$1/var/lib/thinkwatch\" && chmod 0775 \"\$1/var/lib/thinkwatch\"")

t0=$SECONDS
revision=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
podman build -q --pull=never -f "$HERE/Containerfile" --build-arg BASE="$BASE" \
  --label org.opencontainers.image.title=thinkwatch --label org.opencontainers.image.version="$VERSION" \
  --label org.opencontainers.image.revision="$revision" \
  -t "$IMAGE:$VERSION" -t "$IMAGE:latest" "$APP" >/dev/null
size=$(podman image inspect --format '{{.Size}}' "$IMAGE:$VERSION")
say "built $IMAGE:$VERSION and :latest (revision $revision, $((size / 1000000)) MB) in $((SECONDS - t0))s"

if $EXAMPLE_APP; then
  podman tag "$BASE" "$EXAMPLE_IMAGE:latest"
  say "tagged $BASE as $EXAMPLE_IMAGE:latest (Debian with curl)"
fi
say "done in $((SECONDS - t_start))s"
