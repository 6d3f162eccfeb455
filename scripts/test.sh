#!/usr/bin/env bash
# The test command: every suite on SQLite, and on a throw-away PostgreSQL when this machine has one
# (run as root so the server can run as the postgres user). Extra arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${CAMPUS_TEST_DATABASE_URL:-}" ]; then
  exec swift test "$@"
fi
if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 && { command -v pg_config >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }; then
  exec scripts/with-postgres.sh swift test "$@"
fi
echo "test.sh: no PostgreSQL here; running the SQLite half only" >&2
exec swift test "$@"
