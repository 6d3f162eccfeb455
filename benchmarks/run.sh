#!/usr/bin/env bash
# Benchmarks (not part of CI): builds Campus in release mode from the committed tree, starts it on SQLite
# and then on a throw-away PostgreSQL, and drives it with wrk over loopback. Every scenario is printed
# next to the /health/live ceiling measured in the same run.
#
#   benchmarks/run.sh [seconds-per-scenario]        (as root, so PostgreSQL can run as `postgres`)
#   CAMPUS_BENCH_BINARY=/path/to/campus benchmarks/run.sh 10      (measure a binary built before)
#
# CAMPUS_BENCH_SUITES picks the suites (default "quiz learning practice"): `quiz` is users/me, the login storm and the
# quiz attempts; `learning` (benchmarks/learning.sh) generates 10k and then 1M rows of learning data and
# measures the dashboard, the course search and a lesson read at both sizes (CAMPUS_BENCH_SCALES=small: the
# 10k round only); `practice` (benchmarks/practice.sh, SQLite only) is SQL checks/s on 1,000-row datasets and
# /users/me while 50 learners submit; `achievements` (benchmarks/achievements.sh) is a lesson completion with
# 0 and with 50 active rules. CAMPUS_BENCH_BACKFILL=0 skips the backfill of 10 rules after each learning round.
# CAMPUS_BENCH_ENGINES picks the engines (default "sqlite postgresql"). `billing` (benchmarks/billing.sh, PostgreSQL only)
# is Stripe webhook deliveries/s (distinct signed events, each applied) and /users/me while 1,000 events arrive.
# `public` (benchmarks/public.sh) is the replaced service's public test: GET /questions, POST /results and
# GET /results/{id} over a made-up 143-question bank (benchmarks/make_public_bank.py). `import_start`
# (benchmarks/import_start.sh) imports 1k and 10k made-up questions (time, peak RSS, all-or-nothing) and times
# `campus serve` on an empty data folder to its first ready answer.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
duration="${1:-10}"
connections=64
port=18080
export CAMPUS_BENCH_THREADS=2
suites="${CAMPUS_BENCH_SUITES:-quiz learning practice achievements}"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
work="$(mktemp -d /tmp/campus-bench.XXXXXX)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Build from a clean checkout of HEAD, so edits in progress never leak into the figures. CAMPUS_BENCH_BINARY
# names a release binary built before instead (to measure two commits back to back in one session).
if [ -n "${CAMPUS_BENCH_BINARY:-}" ]; then
  binary="$CAMPUS_BENCH_BINARY"
else
  git -C "$repo" worktree add --detach "$work/src" HEAD >/dev/null 2>&1
  swift build -c release --package-path "$work/src" --scratch-path "$repo/.build-release" --product campus >/dev/null
  git -C "$repo" worktree remove --force "$work/src" >/dev/null 2>&1 || true
  binary="$repo/.build-release/release/campus"
fi
bench="$repo/benchmarks"
# shellcheck source=learning.sh
. "$bench/learning.sh"
# shellcheck source=practice.sh
. "$bench/practice.sh"
# shellcheck source=achievements.sh
. "$bench/achievements.sh"
# shellcheck source=billing.sh
. "$bench/billing.sh"
# shellcheck source=public.sh
. "$bench/public.sh"
# shellcheck source=import_start.sh
. "$bench/import_start.sh"
# shellcheck source=submit_bound.sh
. "$bench/submit_bound.sh"
/usr/bin/python3 "$bench/make_quiz_copies.py" "$repo/Sources/CampusServer/Resources/demo/demo-content.json" 100 "$work/bench-quizzes.json"

cat > "$work/login.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"bench0@example.com","password":"benchmark password"}'
LUA

# wrk output → "rps p50_ms p99_ms non2xx"
parse() {
  /usr/bin/python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)(?:\.\d+)?%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
p50, p99 = lat.get("50", 0.0), lat.get("99", 0.0)
print("%.0f %.2f %.2f %s" % (rps, p50, p99, bad.group(1) if bad else 0))
'
}

measure() { # name, then wrk arguments
  local name="$1"; shift
  wrk --latency -t2 -c"$connections" -d"${duration}s" "$@" | parse | { read -r rps p50 p99 bad; echo "$name $rps $p50 $p99 $bad"; }
}

campus_env=()
start_campus() { # label
  local label="$1"
  # A server left on the port would answer in Campus's place and every figure would be its.
  if curl -s -o /dev/null "http://127.0.0.1:$port/health/live"; then
    echo "port $port is already in use; stop what listens there first" >&2; exit 1
  fi
  env "${campus_env[@]}" CAMPUS_PORT=$port CAMPUS_AUTH_RATE_PER_MINUTE=0 CAMPUS_LOG_LEVEL=warning CAMPUS_BENCH_ROUTES=true \
    "$binary" serve >"$work/campus-$label.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return 0; sleep 0.2; done
  echo "Campus did not start; log:" >&2; cat "$work/campus-$label.log" >&2; exit 1
}

stop_campus() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

run_suite() { # label, pgbench-tps-or-empty
  local label="$1" pg_tps="${2:-}" base="http://127.0.0.1:$port"
  env "${campus_env[@]}" CAMPUS_LOG_LEVEL=warning "$binary" content import "$work/bench-quizzes.json" >/dev/null
  start_campus "$label"
  /usr/bin/python3 "$bench/prepare_quiz.py" "$base" "$work" 80 100
  local token read_path
  read -r token read_path <"$work/read.txt"
  local results=()
  results+=("$(measure health "$base/health/live")")
  results+=("$(measure users_me -H "Authorization: Bearer $token" "$base/api/v1/users/me")")
  results+=("$(measure attempt_read -H "Authorization: Bearer $token" "$base$read_path")")
  # The attempt read's bound: the same middleware chain, signed in, answering a static body of the same size.
  local read_bytes
  read_bytes=$(curl -s -H "Authorization: Bearer $token" "$base$read_path" | wc -c)
  results+=("$(measure attempt_read_bound -H "Authorization: Bearer $token" "$base/api/v1/bench/static/$read_bytes")")
  # Its floor: the same, after two trivial statements through the relational driver (the read sends two).
  results+=("$(measure attempt_read_floor -H "Authorization: Bearer $token" "$base/api/v1/bench/statements/2/$read_bytes")")
  # The login storm runs beside a second /users/me measurement.
  wrk -t1 -c8 -d"$((duration + 2))s" -s "$work/login.lua" "$base/api/v1/auth/login" >"$work/storm-$label.txt" &
  local storm_pid=$!
  sleep 1
  results+=("$(measure users_me_during_login_storm -H "Authorization: Bearer $token" "$base/api/v1/users/me")")
  wait "$storm_pid"
  local storm_rps
  storm_rps=$(parse <"$work/storm-$label.txt" | cut -d' ' -f1)
  results+=("$(CAMPUS_BENCH_ATTEMPTS="$work/attempts.txt" measure submit -s "$bench/submit.lua" "$base")")
  stop_campus
  # The store alone doing the attempt read's two statements (benchmarks/read_bound.py).
  local attempt_id="${read_path##*/}" store_read
  if [ "$label" = sqlite ]; then
    store_read=$(/usr/bin/python3 "$bench/read_bound.py" sqlite "$work/data-sqlite/campus.sqlite" "$duration" - "$attempt_id" || true)
  else
    store_read=$(/usr/bin/python3 "$bench/read_bound.py" postgresql "$CAMPUS_TEST_DATABASE_URL" campus "$duration" 8 - "$attempt_id" || true)
  fi
  store_read=$(echo "$store_read" | sed -n 's/^attempt_bound //p')
  local bound_tps=""
  if declare -F submit_bound >/dev/null; then bound_tps=$(submit_bound "$label" | sed -n 's/^submit_bound_tps //p' | tail -1); fi
  /usr/bin/python3 - "$label" "$storm_rps" "$pg_tps" "$duration" "$read_bytes" "$bound_tps" "$store_read" "${results[@]}" <<'PY'
import sys
label, storm_rps, pg_tps, duration, read_bytes, bound_tps, store_read, *rows = sys.argv[1:]
table = {}
for text in rows:
    name, rps, p50, p99, bad = text.split()
    table[name] = (float(rps), float(p50), float(p99), int(bad))
ceiling = table["health"]
print(f"\n### {label}\n")
print("| scenario | req/s | p50 ms | p99 ms | req/s ÷ ceiling | p99 ÷ ceiling p99 |")
print("|---|---:|---:|---:|---:|---:|")
for name, (rps, p50, p99, bad) in table.items():
    note = f" ({bad} non-2xx)" if bad else ""
    print(f"| {name}{note} | {rps:.0f} | {p50:.2f} | {p99:.2f} | {rps / ceiling[0]:.2f} | {p99 / ceiling[2]:.1f} |")
me, storm, read = table["users_me"], table["users_me_during_login_storm"], table["attempt_read"]
print(f"\n- logins/s during the storm: {float(storm_rps):.1f}")
print(f"- users/me ÷ ceiling: {me[0] / ceiling[0]:.2f} (goal ≥ 0.6)")
print(f"- users/me p99 during the login storm ÷ without: {storm[2] / me[2]:.2f} (goal ≤ 3)")
bound = table["attempt_read_bound"]
print(f"- attempt read ({int(read_bytes):,} bytes) ÷ the same-size static body signed in: {read[0] / bound[0]:.2f} (goal ≥ 0.5), "
      f"p99 ÷ its p99: {read[2] / bound[2]:.1f} (goal ≤ 3)")
floor = table["attempt_read_floor"]
print(f"- two `SELECT 1` through the driver, then the same body: {floor[0] / bound[0]:.2f} of the static body "
      f"(what two statements cost any route here); attempt read ÷ that floor: {read[0] / floor[0]:.2f}")
if store_read:
    print(f"- the store alone reading the same attempt row and details document: {float(store_read):.0f}/s; "
          f"attempt read ÷ that: {read[0] / float(store_read):.2f}")
# Only answered submits count: a non-2xx is a refused submit or, once every prepared attempt is used, a 404.
submit = table["submit"]
submits = submit[0] - submit[3] / float(duration)
print(f"- submits/s (2xx only): {submits:.0f}")
if bound_tps:
    print(f"- the same statements as one submit, replayed by the store alone: {float(bound_tps):.0f}/s; submits ÷ that: {submits / float(bound_tps):.2f} (goal ≥ 0.5)")
PY
}

echo "# Campus benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ) — $(nproc) cores, $(uname -m), wrk -t2 -c$connections -d${duration}s"

engines="${CAMPUS_BENCH_ENGINES:-sqlite postgresql}"
if [[ " $engines " == *" sqlite "* ]]; then
  campus_env=(CAMPUS_DATA_DIR="$work/data-sqlite")
  case " $suites " in *" quiz "*) run_suite sqlite ;; esac
  case " $suites " in *" learning "*) run_learning sqlite ;; esac
  case " $suites " in *" practice "*) run_practice ;; esac
  case " $suites " in *" achievements "*) run_achievements sqlite ;; esac
  case " $suites " in *" public "*) run_public sqlite ;; esac
  case " $suites " in *" import_start "*) run_import_start sqlite ;; esac
fi

if [[ " $engines " != *" postgresql "* ]]; then
  :
elif [ "$(id -u)" = 0 ]; then
  export -f parse measure start_campus stop_campus run_suite learning_env learning_measure learning_drain run_learning run_achievements run_billing run_public public_preload run_import_start
  # with-postgres.sh has a `port` of its own (PostgreSQL's), so Campus's is handed over under another name.
  campus_port=$port
  export work campus_port duration connections binary bench suites learning_query repo
  if declare -F submit_bound >/dev/null; then export -f submit_bound; fi
  "$repo/scripts/with-postgres.sh" bash -c '
    set -euo pipefail
    port=$((campus_port + 10))
    server_pid=""
    trap "[ -n \"\$server_pid\" ] && kill \$server_pid 2>/dev/null || true" EXIT
    psql() { runuser -u postgres -- "$(pg_config --bindir)/psql" "$@"; }
    campus_env=(CAMPUS_DATABASE_URL="$CAMPUS_TEST_DATABASE_URL&search_path=campus" CAMPUS_DATA_DIR="$work/data-pg"
                CAMPUS_JWT_SECRET=benchmark-secret-benchmark-secret-0123456789)
    case " $suites " in *" quiz "*) run_suite postgresql ;; esac
    learning_pg_url="$CAMPUS_TEST_DATABASE_URL"
    case " $suites " in *" learning "*) run_learning postgresql ;; esac
    case " $suites " in *" achievements "*) run_achievements postgresql ;; esac
    case " $suites " in *" billing "*) run_billing postgresql ;; esac
    case " $suites " in *" public "*) run_public postgresql ;; esac
    case " $suites " in *" import_start "*) run_import_start postgresql ;; esac
  '
else
  echo "(not root: skipping PostgreSQL)"
fi
