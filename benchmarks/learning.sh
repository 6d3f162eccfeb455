# Learning scenarios, sourced by run.sh (uses its start_campus, stop_campus, measure and variables).
#
# For each scale (small: 1k users, 10k lesson_progress, 10k attempts; large: 100k users, 1M, 1M) on a fresh
# database: `campus migrate` (schema and demo catalog), generate_learning.py (bulk rows straight into the
# database, Campus stopped), start Campus, prepare_learning.py (the benchmark learner registers, enrolls,
# opens and completes lessons and takes the demo quiz through the API), then wrk on /health/live (the
# ceiling of this round), the dashboard, the course search and a lesson read.
#
# learning_pg_url set (without search_path): PostgreSQL, one schema per scale; unset: SQLite.

# "проектирование", URL-encoded; about 40 of the 200 generated courses carry it.
learning_query="%D0%BF%D1%80%D0%BE%D0%B5%D0%BA%D1%82%D0%B8%D1%80%D0%BE%D0%B2%D0%B0%D0%BD%D0%B8%D0%B5"

learning_env() { # scale → campus_env, learning_target
  local scale="$1"
  if [ -n "${learning_pg_url:-}" ]; then
    local url="$learning_pg_url&search_path=learning_$scale"
    campus_env=(CAMPUS_DATABASE_URL="$url" CAMPUS_DATA_DIR="$work/learning-pg-$scale"
                CAMPUS_JWT_SECRET=benchmark-secret-benchmark-secret-0123456789)
    learning_target=(--postgres "$url")
  else
    campus_env=(CAMPUS_DATA_DIR="$work/learning-sqlite-$scale")
    learning_target=(--sqlite "$work/learning-sqlite-$scale/campus.sqlite")
  fi
}

# wrk as in run.sh's measure (same threads, connections and duration), but also counting the requests that
# got no answer within wrk's timeout (2 s unless CAMPUS_BENCH_WRK_TIMEOUT is set): when the server falls far
# behind, the latency percentiles cover only the answered requests.
# → "name rps p50_ms p99_ms non2xx answered socket_errors"
learning_measure() { # name, then wrk arguments
  local name="$1"; shift
  wrk --latency -t2 -c"$connections" -d"${duration}s" ${CAMPUS_BENCH_WRK_TIMEOUT:+--timeout "$CAMPUS_BENCH_WRK_TIMEOUT"} "$@" |
    /usr/bin/python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)(?:\.\d+)?%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
answered = re.search(r"(\d+) requests in", text)
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
print(sys.argv[1], "%.0f %.2f %.2f %s %s %s" % (rps, lat.get("50", 0.0), lat.get("99", 0.0), bad.group(1) if bad else 0,
      answered.group(1) if answered else 0, sum(map(int, errors.groups())) if errors else 0))
' "$name"
  learning_drain
}

# Requests wrk gave up on are still queued in Campus (on SQLite behind its one connection); the next
# scenario must not start until they are worked off.
learning_drain() {
  local status
  for _ in $(seq 1 600); do
    status=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 30 "http://127.0.0.1:$port/health/ready" || true)
    case "$status" in "200 0."[0-2]*) return 0 ;; esac
    sleep 0.5
  done
  echo "learning: Campus still busy 5 minutes after a scenario" >&2
}

run_learning() { # label
  local label="$1" base="http://127.0.0.1:$port" scale token lesson_path
  local results=() notes=()
  for scale in ${CAMPUS_BENCH_SCALES:-small large}; do
    learning_env "$scale"
    env "${campus_env[@]}" CAMPUS_LOG_LEVEL=warning "$binary" migrate >/dev/null
    /usr/bin/python3 "$bench/generate_learning.py" --scale "$scale" "${learning_target[@]}" 2>"$work/generate-$label-$scale.txt" ||
      { cat "$work/generate-$label-$scale.txt" >&2; exit 1; }
    notes+=("$(tail -n 1 "$work/generate-$label-$scale.txt")")
    # The generator leaves a gigabyte of dirty pages at 1M; written back during a round, they show up as
    # p99 spikes that have nothing to do with Campus.
    sync
    start_campus "$label-learning-$scale"
    /usr/bin/python3 "$bench/prepare_learning.py" "$base" "$work" 2>"$work/prepare-$label-$scale.txt" ||
      { cat "$work/prepare-$label-$scale.txt" >&2; exit 1; }
    read -r token lesson_path <"$work/learning.txt"
    results+=("$scale $(learning_measure health "$base/health/live")")
    results+=("$scale $(learning_measure dashboard -H "Authorization: Bearer $token" "$base/api/v1/users/me/dashboard")")
    results+=("$scale $(learning_measure course_search "$base/api/v1/courses?q=$learning_query")")
    results+=("$scale $(learning_measure course_search_signed_in -H "Authorization: Bearer $token" "$base/api/v1/courses?q=$learning_query")")
    results+=("$scale $(learning_measure lesson_read -H "Authorization: Bearer $token" "$base$lesson_path")")
    # A preview lesson, read by anyone without signing in.
    results+=("$scale $(learning_measure lesson_read_anonymous "$base/api/v1/lessons/lesson:campus-demo-intro")")
    results+=("$scale $(learning_measure leaderboard_week -H "Authorization: Bearer $token" "$base/api/v1/leaderboards/week")")
    # The signed-in lesson read's floor: one trivial statement through the relational driver, then a static body
    # of the lesson's size, through the signed-in chain.
    local lesson_bytes
    lesson_bytes=$(curl -s -H "Authorization: Bearer $token" "$base$lesson_path" | wc -c)
    results+=("$scale $(learning_measure lesson_read_floor -H "Authorization: Bearer $token" "$base/api/v1/bench/statements/1/$lesson_bytes")")
    # The store alone running the signed-in lesson read's one statement (benchmarks/read_bound.py).
    local lesson_json
    lesson_json=$(/usr/bin/python3 - "$base" "$token" "$lesson_path" <<'PY'
import json, sys, urllib.request
base, token, path = sys.argv[1:]
def get(p):
    return json.load(urllib.request.urlopen(urllib.request.Request(base + p, headers={"authorization": "Bearer " + token})))
lesson = get(path)
print(json.dumps({"user_id": get("/api/v1/users/me")["id"], "course_id": lesson["course_id"], "lesson_id": lesson["id"],
                  "practice_ids": [p["id"] for p in lesson.get("practices", [])]}))
PY
)
    if [ -n "${learning_pg_url:-}" ]; then
      notes+=("$scale: $(/usr/bin/python3 "$bench/read_bound.py" postgresql "$learning_pg_url" "learning_$scale" "$duration" 8 "$lesson_json" - || true)")
    else
      notes+=("$scale: $(/usr/bin/python3 "$bench/read_bound.py" sqlite "$work/learning-sqlite-$scale/campus.sqlite" "$duration" "$lesson_json" - || true)")
    fi
    stop_campus
    # Backfill: ten rules over every generated learner, evaluated by the command an operator runs.
    if [ "${CAMPUS_BENCH_BACKFILL:-1}" = 1 ]; then
      /usr/bin/python3 "$bench/achievement_rules.py" "${learning_target[@]}" 10 >/dev/null
      notes+=("backfill at $scale: $(env "${campus_env[@]}" CAMPUS_LOG_LEVEL=warning "$binary" achievements backfill 2>/dev/null | tail -n 1)")
    fi
    # The large SQLite file is over a gigabyte; nothing reads it again.
    if [ -z "${learning_pg_url:-}" ]; then rm -rf "$work/learning-sqlite-$scale"; fi
  done
  CAMPUS_BENCH_WRK_TIMEOUT="${CAMPUS_BENCH_WRK_TIMEOUT:-2s}" \
    /usr/bin/python3 - "$label" "${#notes[@]}" "${notes[@]}" "${results[@]}" <<'PY'
import os, re, sys
label, count, *rest = sys.argv[1:]
notes, rows = rest[:int(count)], rest[int(count):]
value, unit = re.fullmatch(r"([\d.]+)(ms|s|m)?", os.environ["CAMPUS_BENCH_WRK_TIMEOUT"]).groups()
timeout_ms = float(value) * {"ms": 1, "s": 1000, "m": 60000, None: 1000}[unit]
table = {}
for text in rows:
    scale, name, rps, p50, p99, bad, answered, errors = text.split()
    answered, errors = int(answered), int(errors)
    # With more than 1 % of the requests unanswered, the true p99 is at least wrk's timeout.
    p99_known = errors <= 0.01 * (answered + errors) and answered > 0
    table[(scale, name)] = (float(rps), float(p50), float(p99) if p99_known else None, int(bad), answered, errors)
names = ["health", "dashboard", "course_search", "course_search_signed_in", "lesson_read", "lesson_read_anonymous", "leaderboard_week",
         "lesson_read_floor"]
paths = {"health": "/health/live (ceiling)", "dashboard": "GET /api/v1/users/me/dashboard",
         "course_search": "GET /api/v1/courses?q=проектирование (anonymous)",
         "course_search_signed_in": "GET /api/v1/courses?q=проектирование (signed in)",
         "lesson_read": "GET /api/v1/lessons/{id} (signed in, enrolled, with progress and a practice)",
         "lesson_read_anonymous": "GET /api/v1/lessons/{id} (a preview lesson, anonymous)",
         "leaderboard_week": "GET /api/v1/leaderboards/week (with your rank)",
         "lesson_read_floor": "floor: one `SELECT 1`, then a static body of the lesson's size (signed in)"}
rows_of = {"small": "10k", "large": "1M"}
scales = [scale for scale in ("small", "large") if (scale, "health") in table]
print(f"\n### {label}: learning (10k = 1k users, 10k lesson_progress, 10k attempts; 1M = 100k users, 1M, 1M)\n")
print("| scenario | rows | req/s | p50 ms | p99 ms | req/s ÷ ceiling | p99 ÷ ceiling p99 |")
print("|---|---|---:|---:|---:|---:|---:|")
for name in names:
    for scale in scales:
        rps, p50, p99, bad, answered, errors = table[(scale, name)]
        ceiling = table[(scale, "health")]
        note = "".join([f" ({bad} non-2xx)" if bad else "", f" ({errors} of {answered + errors} unanswered)" if errors else "",
                        " (no answer within the timeout)" if not answered else ""])
        p99_text = f"{p99:.2f}" if p99 is not None else f"≥ {timeout_ms:.0f}"
        ratio = f"{p99 / ceiling[2]:.1f}" if p99 is not None and ceiling[2] else "—"
        print(f"| {paths[name]}{note} | {rows_of[scale]} | {rps:.0f} | {p50:.2f} | {p99_text} | {rps / ceiling[0]:.2f} | {ratio} |")
print()
for name in names[1:-1] if scales == ["small", "large"] else []:
    small, large = table[("small", name)][2], table[("large", name)][2]
    if small is not None and large is not None:
        ratio = large / small
        print(f"- {name}: p99 at 1M ÷ p99 at 10k = {ratio:.2f} (goal ≤ 1.5: {'met' if ratio <= 1.5 else 'not met'})")
    elif small is not None:
        print(f"- {name}: p99 at 1M ÷ p99 at 10k ≥ {timeout_ms / small:.1f} (requests timed out at 1M; goal ≤ 1.5: not met)")
    else:
        print(f"- {name}: p99 not measurable (requests timed out at 10k already)")
for scale in scales:
    share = table[(scale, "dashboard")][0] / table[(scale, "health")][0]
    print(f"- dashboard ÷ ceiling at {rows_of[scale]}: {share:.2f} (goal ≥ 0.3: {'met' if share >= 0.3 else 'not met'})")
for scale in scales:
    ceiling = table[(scale, "health")]
    for name in ["course_search", "course_search_signed_in", "lesson_read", "lesson_read_anonymous"]:
        rps, p99 = table[(scale, name)][0], table[(scale, name)][2]
        share = rps / ceiling[0]
        tail = p99 / ceiling[2] if p99 is not None and ceiling[2] else None
        met = share >= 0.4 and tail is not None and tail <= 4
        tail_text = f"{tail:.1f}" if tail is not None else "—"
        print(f"- {name} at {rows_of[scale]}: {share:.2f} of the ceiling, p99 {tail_text}× its p99 (goal ≥ 0.4 and ≤ 4×: {'met' if met else 'not met'})")
for scale in scales:
    floor, lesson = table[(scale, "lesson_read_floor")][0], table[(scale, "lesson_read")][0]
    print(f"- one statement through the driver at {rows_of[scale]}: {floor / table[(scale, 'health')][0]:.2f} of the ceiling "
          f"(the most any read that asks the store once can reach here); signed-in lesson read ÷ that floor: {lesson / floor:.2f}")
for note in notes:
    if "lesson_bound" in note:
        scale, _, figure = note.replace(":", "").split()
        lesson = table[(scale, "lesson_read")][0]
        print(f"- the store alone running the signed-in lesson read's statement at {rows_of[scale]}: {float(figure):.0f}/s; "
              f"lesson read ÷ that: {lesson / float(figure):.2f}")
    else:
        print(f"- {note}")
PY
}
