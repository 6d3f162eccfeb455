#!/usr/bin/env bash
# The test command. Every suite runs on SQLite; on a throw-away PostgreSQL too when this machine has one
# (run as root so the server can run as the postgres user); and, when libmongoc-dev and the stand-in's
# Python modules are installed, the build gains the MongoDB trait and the content suites and quiz HTTP
# tests also run on MongoDB through tools/mongo-standin. Extra arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

wrappers=()
traits=()
if [ -z "${CAMPUS_TEST_DATABASE_URL:-}" ]; then
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 && { command -v pg_config >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }; then
    wrappers+=(scripts/with-postgres.sh)
  else
    echo "test.sh: no PostgreSQL here; the PostgreSQL half is skipped" >&2
  fi
fi
if pkg-config --exists libmongoc-1.0 2>/dev/null; then
  traits=(--traits MongoDB)
  if [ -z "${CAMPUS_TEST_MONGODB_URI:-}" ]; then
    if /usr/bin/python3 -c 'import mockupdb, mongomock' 2>/dev/null; then
      wrappers+=(scripts/with-mongo-standin.sh)
    else
      echo "test.sh: python3-mockupdb/python3-mongomock missing; the MongoDB half is skipped" >&2
    fi
  fi
else
  echo "test.sh: libmongoc-dev missing; building without the MongoDB trait" >&2
fi

# CI keeps only the end of the output, where request logs would bury a failure: the failures are repeated
# at the very end.
log="$(mktemp /tmp/campus-test.XXXXXX.log)"
trap 'rm -f "$log"' EXIT
status=0
"${wrappers[@]}" swift test "${traits[@]}" "$@" 2>&1 | tee "$log" || status=$?
if [ "$status" -ne 0 ]; then
  echo "test.sh: the failures, repeated:" >&2
  grep -a -E "✘|error:|Expectation failed|Fatal error|Caught error" "$log" | grep -av "^20[0-9][0-9]-" | head -n 80 >&2 || true
fi
exit "$status"
