#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (the build calls this before them).
#   chromium.sh ensure
# Installs the Debian package `chromium` when /usr/bin/chromium is missing and we are root; otherwise says
# what to do. Tests drive this browser with Playwright; Playwright's own browser download is never used.

set -euo pipefail
NAME=chromium
BROWSER=${THINKWATCH_CHROMIUM:-/usr/bin/chromium}

say() { echo "[$NAME] $*"; }
die() { echo "[$NAME] ERROR: $*" >&2; exit 1; }

[[ ${1:-} == ensure ]] || { sed -n '2,5p' "$0" >&2; exit 2; }

if [[ -x $BROWSER ]]; then
  exit 0
fi
[[ $(id -u) -eq 0 ]] || die "$BROWSER is missing; install it (Debian: sudo apt-get install -y chromium) or set THINKWATCH_CHROMIUM to a Chromium binary"
command -v apt-get >/dev/null || die "$BROWSER is missing and this machine has no apt-get; install Chromium and set THINKWATCH_CHROMIUM"

# Several builds may get here at once: one installs, the others wait for it.
exec 9>/tmp/thinkwatch-chromium-install.lock
flock -w 900 9 || die "waited 15 minutes for another Chromium install to finish"
if [[ ! -x $BROWSER ]]; then
  say "installing Debian's chromium package (first run on this machine)"
  t0=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium >/dev/null
  [[ -x $BROWSER ]] || die "apt-get finished but $BROWSER is still missing"
  say "installed $("$BROWSER" --version 2>/dev/null || echo chromium) in $((SECONDS - t0))s"
fi
