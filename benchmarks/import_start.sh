#!/usr/bin/env bash
# Content import and cold start (not part of CI), against a release binary, on SQLite and (as root) PostgreSQL.
#
#   benchmarks/import_start.sh                                   (both engines; PostgreSQL only as root)
#   CAMPUS_BENCH_BINARY=/path/to/campus CAMPUS_BENCH_ENGINES=sqlite benchmarks/import_start.sh
#
# Import: made-up banks of the real bank's shape (benchmarks/make_question_bank.py: choice questions with options,
# weights, category, explanation and an English translation, plus a quiz of the first 143) of 1, 1,000 and
# 10,000 questions (CAMPUS_BENCH_IMPORT_SIZES), each imported with `campus content import FILE` into a fresh
# store after `campus migrate`: wall time, peak RSS (/usr/bin/time -v), and the documents the store gained.
# The wall time is split at the importer's "writing N documents" line: before it, reading, parsing, the
# application's start and the validation; after it, the all-or-nothing write and the exit. CPU is the import
# process's user + system time: wall minus CPU is mostly time spent waiting for the database.
# Goal: 10k in < 5 s on each engine, peak RSS about flat from 1k to 10k. All-or-nothing: a 10k file whose
# question 5000 has no options must be refused (non-zero exit, the path named) with nothing written.
# Start: `campus serve` on an empty data folder (fresh schema on PostgreSQL), so migrations and the demo
# content run, until the first 200 from /health/ready, polled with curl every 10 ms; median of 5
# (CAMPUS_BENCH_STARTS). Goal < 1 s.
#
# Sourced by run.sh as a suite: `run_import_start LABEL` (sqlite or postgresql) uses run.sh's binary, work,
# bench, repo and port, and on PostgreSQL CAMPUS_TEST_DATABASE_URL (a schema of its own per round, named
# import_start_*). Only run_import_start needs `export -f`: its helpers are defined inside it.

run_import_start() { # label: sqlite | postgresql
  local label="$1" demo="$repo/Sources/CampusServer/Resources/demo/demo-content.json"
  local dir="$work/import-start-$label" size rows=() round
  # scripts/with-postgres.sh sets `port` to PostgreSQL's own port, and an exported `port` follows it into the
  # command it runs; the standalone run hands Campus's port over as import_start_port.
  local serve_port="${import_start_port:-$port}"
  local sizes="${CAMPUS_BENCH_IMPORT_SIZES:-1 1000 10000}" starts="${CAMPUS_BENCH_STARTS:-5}" broken_at=5000
  mkdir -p "$dir"

  # The environment of one round: a fresh data folder, and on PostgreSQL a fresh schema of the same name.
  import_start_env() { # round name → import_start_vars, import_start_schema
    local name="$1"
    rm -rf "${dir:?}/data-$name"
    if [ "$label" = postgresql ]; then
      import_start_schema="import_start_$name"
      import_start_drop
      import_start_vars=(CAMPUS_DATABASE_URL="$CAMPUS_TEST_DATABASE_URL&search_path=$import_start_schema"
                         CAMPUS_DATA_DIR="$dir/data-$name" CAMPUS_JWT_SECRET=benchmark-secret-benchmark-secret-0123456789
                         CAMPUS_LOG_LEVEL=warning)
    else
      import_start_schema=""
      import_start_vars=(CAMPUS_DATA_DIR="$dir/data-$name" CAMPUS_LOG_LEVEL=warning)
    fi
  }
  import_start_drop() { [ -z "$import_start_schema" ] || import_start_psql -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $import_start_schema CASCADE" >/dev/null; }
  # From /, which postgres may read (psql warns about a working folder it cannot).
  import_start_psql() { (cd / && runuser -u postgres -- "$(pg_config --bindir)/psql" -qtA -v ON_ERROR_STOP=1 "$CAMPUS_TEST_DATABASE_URL" "$@"); }
  # → "questions bench_questions" in the round's content store
  import_start_count() { # round name
    local sql="SELECT count(*), coalesce(sum(CASE WHEN id LIKE 'bench-q-%' THEN 1 ELSE 0 END), 0) FROM"
    sql="$sql ${import_start_schema:+$import_start_schema.}content_documents WHERE collection = 'questions'"
    if [ "$label" = postgresql ]; then import_start_psql -c "$sql"; else sqlite3 "$dir/data-$1/campus.sqlite" "$sql"; fi | tr '|' ' '
  }
  # One import under /usr/bin/time -v, its progress lines on stderr stamped as they arrive.
  # → "wall_s to_writing_s cpu_s rss_kb exit_status" (cpu: user + system of the import process)
  import_start_import() { # round name, file
    local name="$1" file="$2" started ended
    started=$EPOCHREALTIME
    env "${import_start_vars[@]}" /usr/bin/time -v -o "$dir/time-$name.txt" "$binary" content import "$file" 2>&1 >"$dir/import-$name.out" |
      while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >"$dir/import-$name.err" || true
    ended=$EPOCHREALTIME
    local writing cpu rss status
    writing=$(sed -n 's/^\([0-9.]*\) writing .* documents$/\1/p' "$dir/import-$name.err")
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { total += $2 } END { printf "%.2f", total }' "$dir/time-$name.txt")
    rss=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$dir/time-$name.txt")
    status=$(sed -n 's/^\s*Exit status: //p' "$dir/time-$name.txt")
    echo "$(import_start_seconds "$started" "$ended") $( [ -n "$writing" ] && import_start_seconds "$started" "$writing" || echo -) $cpu $rss $status"
  }
  import_start_seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

  # Banks: made once per work folder, shared by both engines.
  for size in $sizes; do
    [ -f "$work/import-bank-$size.json" ] ||
      /usr/bin/python3 "$bench/make_question_bank.py" "$demo" "$size" "$work/import-bank-$size.json"
  done
  [ -f "$work/import-bank-broken.json" ] ||
    /usr/bin/python3 "$bench/make_question_bank.py" "$demo" 10000 "$work/import-bank-broken.json" --break "$broken_at"

  local before after measured
  for size in $sizes; do
    round="import_$size"
    import_start_env "$round"
    env "${import_start_vars[@]}" "$binary" migrate >/dev/null
    before=$(import_start_count "$round")
    measured=$(import_start_import "$round" "$work/import-bank-$size.json")
    after=$(import_start_count "$round")
    rows+=("import $size $(stat -c %s "$work/import-bank-$size.json") $measured $before $after")
    if [ "${measured##* }" != 0 ]; then
      echo "import_start: importing $size questions on $label failed:" >&2; cat "$dir/import-$round.out" "$dir/import-$round.err" >&2
    fi
    import_start_drop
    rm -rf "${dir:?}/data-$round"
  done

  # All-or-nothing: one question without options, in the middle of 10,000.
  round=import_broken
  import_start_env "$round"
  env "${import_start_vars[@]}" "$binary" migrate >/dev/null
  before=$(import_start_count "$round")
  measured=$(import_start_import "$round" "$work/import-bank-broken.json")
  after=$(import_start_count "$round")
  local named=0
  grep -q "questions\[$broken_at\]\.options: is required" "$dir/import-$round.out" && named=1
  rows+=("broken 10000 $(stat -c %s "$work/import-bank-broken.json") $measured $before $after $named $broken_at")
  import_start_drop
  rm -rf "${dir:?}/data-$round"

  # Start: launch → first 200 from /health/ready, on an empty data folder and a schema that does not exist yet.
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$serve_port/health/live"; then
    echo "port $serve_port is already in use; stop what listens there first" >&2; exit 1
  fi
  local attempt started now code elapsed
  for attempt in $(seq 1 "$starts"); do
    round="serve_$attempt"
    import_start_env "$round"
    started=$EPOCHREALTIME
    env "${import_start_vars[@]}" CAMPUS_PORT="$serve_port" "$binary" serve >"$dir/serve-$attempt.log" 2>&1 &
    server_pid=$!
    elapsed=""
    while :; do
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$serve_port/health/ready" || true)
      now=$EPOCHREALTIME
      if [ "$code" = 200 ]; then elapsed=$(import_start_seconds "$started" "$now"); break; fi
      if ! kill -0 "$server_pid" 2>/dev/null || [ "$(import_start_seconds "$started" "$now" | cut -d. -f1)" -ge 60 ]; then break; fi
      sleep 0.01
    done
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    if [ -z "$elapsed" ]; then
      echo "import_start: Campus did not become ready on $label; log:" >&2; cat "$dir/serve-$attempt.log" >&2
      ss -ltnp "sport = :$serve_port" >&2 || true
      exit 1
    fi
    rows+=("start $attempt $elapsed $(import_start_count "$round")")
    import_start_drop
    rm -rf "${dir:?}/data-$round"
  done

  /usr/bin/python3 - "$label" "$binary" "${rows[@]}" <<'PY'
import statistics, sys
label, binary, *rows = sys.argv[1:]
imports, broken, starts = {}, None, []
for row in rows:
    kind, *fields = row.split()
    if kind == "import":
        imports[int(fields[0])] = fields
    elif kind == "broken":
        broken = fields
    else:
        starts.append(fields)
mib = lambda kb: int(kb) / 1024
seconds = lambda text: "–" if text == "-" else f"{float(text):.2f}"
print(f"\n### {label}: content import and cold start ({binary})\n")
print('| measurement | questions | file MiB | wall s | launch → "writing" s | write + exit s | CPU s | peak RSS MiB | outcome |')
print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
for size, (_, size_bytes, wall, to_writing, cpu, kb, status, q0, b0, q1, b1) in sorted(imports.items()):
    write = "–" if to_writing == "-" else f"{float(wall) - float(to_writing):.2f}"
    gained = int(b1) - int(b0)
    outcome = f"imported: +{gained:,} questions" if status == "0" and gained == size else f"FAILED (exit {status}, +{gained:,} questions)"
    print(f"| import | {size:,} | {int(size_bytes) / 2**20:.1f} | {float(wall):.2f} | {seconds(to_writing)} | {write} | {float(cpu):.2f} | "
          f"{mib(kb):.0f} | {outcome} |")
size, size_bytes, wall, _, cpu, kb, status, q0, b0, q1, b1, named, at = broken
verdict = "PASS" if status != "0" and q0 == q1 and b0 == b1 == "0" and named == "1" else "FAIL"
print(f"| import, question {at} without options | {int(size):,} | {int(size_bytes) / 2**20:.1f} | {float(wall):.2f} | – | – | {float(cpu):.2f} | "
      f"{mib(kb):.0f} | {verdict}: exit {status}, questions in the store {q0} → {q1}, benchmark questions {b0} → {b1}, "
      f"{'the broken path named' if named == '1' else 'the broken path NOT named'} |")
times = [float(fields[1]) for fields in starts]
demo = "/".join(sorted({fields[2] for fields in starts}))
median = statistics.median(times)
print(f"| start: empty folder → first 200 from /health/ready, median of {len(times)} | – | – | {median:.3f} | – | – | – | – | "
      f"min {min(times):.3f}, max {max(times):.3f}; demo questions in the store after: {demo} |")
print()
if imports:
    largest = max(imports)
    wall = float(imports[largest][2])
    print(f"- {largest:,} questions imported in {wall:.2f} s (goal < 5 s: {'met' if wall < 5 else 'NOT met'})")
if 1000 in imports and 10000 in imports:
    small, large = mib(imports[1000][5]), mib(imports[10000][5])
    per_question = (large - small) * 1024 / 9000
    json_per_question = (int(imports[10000][1]) - int(imports[1000][1])) / 1024 / 9000
    print(f"- peak RSS 1k → 10k: {small:.0f} → {large:.0f} MiB (× {large / small:.2f}; {per_question:.1f} KiB per extra question, "
          f"{per_question / json_per_question:.1f} × its {json_per_question:.1f} KiB of JSON): "
          f"{'flat' if large <= 1.25 * small else 'NOT flat'} (flat: × ≤ 1.25)")
print(f"- all-or-nothing (one broken question among 10,000): {verdict}")
print(f"- start median {median:.3f} s (goal < 1 s: {'met' if median < 1 else 'NOT met'}); each start: "
      + ", ".join(f"{t:.3f}" for t in times))
PY
}

# Standalone: both engines (PostgreSQL on a throw-away server, as root), then clean up.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  repo="$(cd "$(dirname "$0")/.." && pwd)"
  bench="$repo/benchmarks"
  binary="${CAMPUS_BENCH_BINARY:-$repo/.build-release/release/campus}"
  port="${CAMPUS_BENCH_PORT:-18190}"
  [ -x "$binary" ] || { echo "no release binary at $binary (set CAMPUS_BENCH_BINARY)" >&2; exit 1; }
  [ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
  work="$(mktemp -d /tmp/campus-import-start.XXXXXX)"
  server_pid=""
  cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
  trap cleanup EXIT
  echo "# Campus import and start benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ) — $(nproc) cores, $(uname -m)"
  engines="${CAMPUS_BENCH_ENGINES:-sqlite postgresql}"
  if [[ " $engines " == *" sqlite "* ]]; then
    run_import_start sqlite
  fi
  if [[ " $engines " != *" postgresql "* ]]; then
    :
  elif [ "$(id -u)" = 0 ]; then
    export -f run_import_start
    import_start_port="$port"
    export repo bench binary work import_start_port
    # A port of its own, so a PostgreSQL another script started on the default one is left alone.
    CAMPUS_TEST_PG_PORT="${CAMPUS_TEST_PG_PORT:-55490}" "$repo/scripts/with-postgres.sh" bash -c '
      set -euo pipefail
      server_pid=""
      trap "[ -n \"\$server_pid\" ] && kill \$server_pid 2>/dev/null || true" EXIT
      run_import_start postgresql'
  else
    echo "(not root: skipping PostgreSQL)"
  fi
fi
