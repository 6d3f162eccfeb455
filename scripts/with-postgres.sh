#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL 15 server (as the postgres user, in a temporary folder)
# and CAMPUS_TEST_DATABASE_URL pointing at it; stops the server afterwards, whatever the command did.
set -euo pipefail

bindir="$(pg_config --bindir 2>/dev/null || true)"
if [ ! -x "$bindir/initdb" ]; then
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi
[ -x "$bindir/initdb" ] || { echo "with-postgres: no initdb found (install postgresql)" >&2; exit 1; }

pgdir="$(mktemp -d /tmp/campus-pg.XXXXXX)"
chown postgres:postgres "$pgdir"
port="${CAMPUS_TEST_PG_PORT:-55432}"
stop() { runuser -u postgres -- "$bindir/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap stop EXIT

runuser -u postgres -- "$bindir/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 >/dev/null
options="-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=1000 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
runuser -u postgres -- "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "$options" start >/dev/null
runuser -u postgres -- "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE campus_test" >/dev/null
# A database of its own for practice exercises in the postgresql dialect, as production would have.
runuser -u postgres -- "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE campus_practice_test" >/dev/null
export CAMPUS_TEST_PRACTICE_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/campus_practice_test?sslmode=disable"

# What a test that stops and restarts the server needs (tests/cluster).
export CAMPUS_TEST_PG_DATA="$pgdir/data" CAMPUS_TEST_PG_BINDIR="$bindir" CAMPUS_TEST_PG_OPTIONS="$options"
export CAMPUS_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/campus_test?sslmode=disable"
echo "with-postgres: PostgreSQL on port $port"
"$@"
