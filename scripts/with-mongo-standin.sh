#!/usr/bin/env bash
# Runs a command with the MongoDB wire-protocol stand-in (tools/mongo-standin, test infrastructure only)
# listening on a free port and CAMPUS_TEST_MONGODB_URI pointing at it; stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

fifo="$(mktemp -u /tmp/campus-standin.XXXXXX)"
mkfifo "$fifo"
# The stand-in exits when its stdin closes, so it never outlives this script.
# Its errors go nowhere: a pipe this script's output feeds (the test command's log) must not stay open.
exec 3< <(exec sleep infinity 2>/dev/null)
keeper=$!
/usr/bin/python3 tools/mongo-standin/standin.py --port 0 <&3 >"$fifo" 2>/tmp/campus-standin.log &
standin=$!
trap 'kill $standin $keeper 2>/dev/null || true; rm -f "$fifo"' EXIT
read -r ready port <"$fifo"
[ "$ready" = READY ] || { echo "with-mongo-standin: the stand-in did not start" >&2; cat /tmp/campus-standin.log >&2; exit 1; }
export CAMPUS_TEST_MONGODB_URI="mongodb://127.0.0.1:$port/?serverSelectionTimeoutMS=2000"
echo "with-mongo-standin: MongoDB stand-in on port $port"
"$@"
