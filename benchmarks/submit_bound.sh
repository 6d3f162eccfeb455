#!/usr/bin/env bash
# The store-alone bound of a v1 quiz submit (issue 18): "≥ 0.5 of pgbench running, as a custom script on the same
# PostgreSQL, the same statements a submit sends (captured from PostgreSQL's log of one real submit, with the same
# row and document sizes); on SQLite ≥ 0.5 of the same statements replayed through a small program over the same
# file."
#
#   benchmarks/submit_bound.sh [seconds]          (as root: PostgreSQL runs as `postgres`, gdb attaches to Campus)
#   CAMPUS_BENCH_ENGINES=sqlite benchmarks/submit_bound.sh 10
#   CAMPUS_BENCH_BINARY=/path/to/campus …         (default .build-release/release/campus; nothing is built here)
#
# Standalone it does what run.sh's quiz suite does (import 40 copies of the demo quiz, start Campus on port 18290,
# benchmarks/prepare_quiz.py with 80 users × 40 quizzes, wrk with benchmarks/submit.lua for [seconds]), so the
# captured submit meets the state a submit meets under load, then calls `submit_bound` and prints submits/s ÷ bound.
# Sourced by run.sh, `submit_bound LABEL` is called by run_suite after the wrk submit (Campus stopped, the data
# kept) and uses run.sh's binary, bench, work, port, duration, campus_env, start_campus and stop_campus.
#
# submit_bound LABEL (sqlite | postgresql):
#  1. starts Campus on the suite's data, signs in as bench0 and starts (or finds) an attempt at quiz:bench-0 with
#     every question answered (benchmarks/submit_bound.py prepare);
#  2. captures the statements of ONE real submit with their bound values, between sentinel requests (GETs of a
#     made-up attempt id, one statement each) sent just before, right after the answer and 1 s later:
#     - PostgreSQL: ALTER SYSTEM SET log_statement='all', log_min_duration_statement=0 and a log_line_prefix of its
#       own, pg_reload_conf(); the lines are read from with-postgres.sh's server log ("$pgdir/log", next to
#       $CAMPUS_TEST_PG_DATA) and the settings reset afterwards;
#     - SQLite has no statement log and SQLiteNIO's vendored SQLite is compiled with SQLITE_OMIT_TRACE (no
#       sqlite3_trace, no sqlite3_expanded_sql): gdb attaches to Campus with breakpoints on the vendored library's
#       prepare_v3 / bind_* / step and keeps each statement's SQL and bound values (needs gdb and ptrace);
#  3. stops Campus and replays the statements, each transaction the same statements with the same sizes:
#     - the attempt: every replayed submit needs an attempt still in progress, or its claim UPDATE and completing
#       UPDATE would match nothing and write nothing. Rather than update a random existing row (which would be
#       finished after its first use), a pool of copies of the attempt AS IT WAS BEFORE the submit (row in_progress
#       and its plan document, so the details upsert meets its conflict and updates as in Campus) is made before
#       the timed part, one row per transaction. Pool rows have no user and quiz "quiz:submit-bound", so they stay
#       out of the unique "one open attempt per user and quiz" index and of the percentile over the real quiz's
#       finished attempts, which the replay reads as Campus did; they are deleted afterwards (PostgreSQL);
#     - UUIDv7 values minted during the submit (the claim, ids of rows it inserts) are new in every transaction;
#       the user, the quiz, times, scores and the document text are sent as captured;
#     - PostgreSQL: a pgbench custom script (-M simple, -c 8 -j 2 -T seconds; BEGIN/COMMIT where Campus sent
#       them); ids are built in the script from per-client counters (pgbench -D), values are literals of the
#       captured parameters (the 40 KB-class document included). A 2 s probe sizes the pool first;
#     - SQLite: benchmarks/submit_bound.py on a copy of DATA/campus.sqlite, one connection, WAL,
#       synchronous=NORMAL, foreign_keys=ON, secure_delete=ON, no statement cache (SQLiteNIO prepares each
#       statement), for [seconds]; the pool grows in chunks outside the timed part.
#  Prints the captured list (stderr) and `submit_bound_tps N` (stdout).

submit_bound() { # label: sqlite | postgresql
  local label="$1" base="http://127.0.0.1:$port" seconds="${duration:-10}" data_dir="" item
  local helper="$bench/submit_bound.py"
  local prepared="$work/submit-bound-prepared-$label.json" capture="$work/submit-bound-$label.json"
  for item in "${campus_env[@]}"; do
    case "$item" in CAMPUS_DATA_DIR=*) data_dir="${item#CAMPUS_DATA_DIR=}" ;; esac
  done
  if [ "$label" = sqlite ] && ! command -v gdb >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq gdb >/dev/null 2>&1 || true
  fi
  if [ "$label" = sqlite ] && ! command -v gdb >/dev/null; then
    echo "submit_bound: no gdb, so no capture of the SQLite submit (apt-get install gdb)" >&2
    return 0
  fi
  start_campus "submit-bound-$label"
  if ! /usr/bin/python3 "$helper" prepare "$base" "$prepared" >&2; then
    stop_campus; echo "submit_bound: could not prepare an attempt" >&2; return 0
  fi
  local captured=0
  if [ "$label" = postgresql ]; then
    /usr/bin/python3 "$helper" pg-capture "$prepared" "$CAMPUS_TEST_DATABASE_URL" campus \
      "$(dirname "$CAMPUS_TEST_PG_DATA")/log" "$capture" >&2 && captured=1
  else
    /usr/bin/python3 "$helper" sqlite-capture "$prepared" "$server_pid" "$data_dir/campus.sqlite" "$capture" >&2 && captured=1
  fi
  stop_campus
  if [ "$captured" != 1 ]; then echo "submit_bound: the capture failed" >&2; return 0; fi
  /usr/bin/python3 "$helper" show "$capture" >&2
  # SUBMIT_BOUND_KEEP=folder keeps the capture (and, on PostgreSQL, the pgbench script) for a look afterwards.
  if [ -n "${SUBMIT_BOUND_KEEP:-}" ]; then cp "$capture" "$SUBMIT_BOUND_KEEP/"; fi
  if [ "$label" = postgresql ]; then
    /usr/bin/python3 "$helper" pg-bench "$capture" "$CAMPUS_TEST_DATABASE_URL" campus "$seconds" 8 || true
  else
    /usr/bin/python3 "$helper" sqlite-replay "$capture" "$data_dir/campus.sqlite" "$seconds" || true
  fi
}

# ------------------------------------------------------------------------------------------------ standalone

submit_bound_start_campus() { # label (run.sh's start_campus, on the standalone port)
  local label="$1"
  if curl -s -o /dev/null "http://127.0.0.1:$port/health/live"; then
    echo "port $port is already in use; stop what listens there first" >&2; exit 1
  fi
  env "${campus_env[@]}" CAMPUS_PORT="$port" CAMPUS_AUTH_RATE_PER_MINUTE=0 CAMPUS_LOG_LEVEL=warning \
    "$binary" serve >"$work/campus-$label.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return 0; sleep 0.2; done
  echo "Campus did not start; log:" >&2; cat "$work/campus-$label.log" >&2; exit 1
}

submit_bound_round() { # label: the quiz suite's state, its submits/s, then the bound
  local label="$1" base="http://127.0.0.1:$port"
  env "${campus_env[@]}" CAMPUS_LOG_LEVEL=warning "$binary" content import "$work/bench-quizzes.json" >/dev/null
  start_campus "$label"
  /usr/bin/python3 "$bench/prepare_quiz.py" "$base" "$work" "${SUBMIT_BOUND_USERS:-80}" "${SUBMIT_BOUND_QUIZZES:-40}"
  local rps non2xx submits=""
  read -r rps non2xx < <(CAMPUS_BENCH_ATTEMPTS="$work/attempts.txt" CAMPUS_BENCH_THREADS=2 \
    wrk -t2 -c64 -d"${duration}s" -s "$bench/submit.lua" "$base" | /usr/bin/python3 -c '
import re, sys
text = sys.stdin.read()
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
print(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1), bad.group(1) if bad else 0)')
  submits=$(/usr/bin/python3 -c "print(round($rps - $non2xx / $duration))")
  stop_campus
  local bound
  bound=$(submit_bound "$label" | sed -n 's/^submit_bound_tps //p' | tail -1)
  echo "### $label"
  echo "- submits/s (wrk, 2xx only): $submits"
  if [ -n "$bound" ]; then
    echo "submit_bound_tps $bound"
    echo "- submits ÷ bound: $(/usr/bin/python3 -c "print(f'{$submits / $bound:.2f}')") (goal ≥ 0.5)"
  fi
}

submit_bound_main() {
  set -euo pipefail
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  bench="$repo/benchmarks"
  duration="${1:-10}"
  binary="${CAMPUS_BENCH_BINARY:-$repo/.build-release/release/campus}"
  port=18290
  [ -x "$binary" ] || { echo "no Campus binary at $binary (set CAMPUS_BENCH_BINARY)" >&2; exit 1; }
  command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  work="$(mktemp -d /tmp/campus-submit-bound.XXXXXX)"
  chmod 755 "$work"
  server_pid=""
  trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
  start_campus() { submit_bound_start_campus "$@"; }
  stop_campus() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
  /usr/bin/python3 "$bench/make_quiz_copies.py" "$repo/Sources/CampusServer/Resources/demo/demo-content.json" 40 "$work/bench-quizzes.json"
  local engines="${CAMPUS_BENCH_ENGINES:-sqlite postgresql}"
  echo "# submit bound $(date -u +%Y-%m-%dT%H:%M:%SZ) — $(nproc) cores, $binary, ${duration}s"
  if [[ " $engines " == *" sqlite "* ]]; then
    campus_env=(CAMPUS_DATA_DIR="$work/data-sqlite" CAMPUS_JWT_SECRET=benchmark-secret-benchmark-secret-0123456789)
    submit_bound_round sqlite
  fi
  if [[ " $engines " == *" postgresql "* ]]; then
    if [ "$(id -u)" != 0 ]; then echo "(not root: skipping PostgreSQL)"; return 0; fi
    export -f submit_bound submit_bound_start_campus submit_bound_round start_campus stop_campus
    campus_port=$port
    export repo bench duration binary work campus_port SUBMIT_BOUND_USERS SUBMIT_BOUND_QUIZZES SUBMIT_BOUND_KEEP
    "$repo/scripts/with-postgres.sh" bash -c '
      set -euo pipefail
      port=$campus_port
      server_pid=""
      trap "[ -n \"\$server_pid\" ] && kill \$server_pid 2>/dev/null || true" EXIT
      campus_env=(CAMPUS_DATABASE_URL="$CAMPUS_TEST_DATABASE_URL&search_path=campus" CAMPUS_DATA_DIR="$work/data-pg"
                  CAMPUS_JWT_SECRET=benchmark-secret-benchmark-secret-0123456789)
      submit_bound_round postgresql
    '
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  submit_bound_main "$@"
fi
