#!/usr/bin/env bash
# The several-instances test (tests/cluster/cluster_test.py): two Campus instances behind nginx over a
# throw-away PostgreSQL, with the MongoDB stand-in, an SMTP sink and a fake LLM provider; flows, then
# faults. As root (PostgreSQL runs as the postgres user). Uses the build the tests made.
set -euo pipefail
cd "$(dirname "$0")/.."
traits=(); pkg-config --exists libmongoc-1.0 2>/dev/null && traits=(--traits MongoDB)
swift build "${traits[@]}" --product campus >/dev/null
binary="$(swift build "${traits[@]}" --show-bin-path)/campus"
CAMPUS_TEST_PG_PORT="${CAMPUS_CLUSTER_PG_PORT:-55433}" exec scripts/with-postgres.sh /usr/bin/python3 tests/cluster/cluster_test.py "$binary"
