#!/usr/bin/env bash
# Makes sure Thinkwatch's PostgreSQL database exists (used by the build and the local stack).
#   postgres.sh ensure <database>   creates it if missing
#   postgres.sh reset  <database>   drops and creates it (the build's own test database)
# Env: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres).

set -euo pipefail
NAME=postgres
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

say() { echo "[$NAME] $*"; }
die() { echo "[$NAME] ERROR: $*" >&2; exit 1; }

[[ $# -eq 2 && $2 =~ ^[a-z_][a-z0-9_]*$ ]] || die "usage: postgres.sh ensure|reset <database (lower case, digits, _)>"
command -v psql >/dev/null || die "psql not found; install PostgreSQL 15 (Debian: apt-get install postgresql)"
psql -d postgres -qAtc 'select 1' >/dev/null 2>&1 ||
  die "PostgreSQL is not answering on $PGHOST:$PGPORT as $PGUSER (Debian: pg_ctlcluster 15 main start)"

exists() { [[ $(psql -d postgres -qAtc "select 1 from pg_database where datname = '$1'") == 1 ]]; }

case $1 in
  ensure)
    exists "$2" || { psql -d postgres -qc "create database $2" && say "created database $2"; } ;;
  reset)
    psql -d postgres -qc "drop database if exists $2 with (force)"
    psql -d postgres -qc "create database $2"
    say "reset database $2 on $PGHOST:$PGPORT" ;;
  *) die "unknown command $1" ;;
esac
