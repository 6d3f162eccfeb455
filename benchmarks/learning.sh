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

run_learning() { # label
  local label="$1" base="http://127.0.0.1:$port" scale token lesson_path
  local results=() notes=()
  for scale in small large; do
    learning_env "$scale"
    env "${campus_env[@]}" CAMPUS_LOG_LEVEL=warning "$binary" migrate >/dev/null
    /usr/bin/python3 "$bench/generate_learning.py" --scale "$scale" "${learning_target[@]}" 2>"$work/generate-$label-$scale.txt" ||
      { cat "$work/generate-$label-$scale.txt" >&2; exit 1; }
    notes+=("$(tail -n 1 "$work/generate-$label-$scale.txt")")
    start_campus "$label-learning-$scale"
    /usr/bin/python3 "$bench/prepare_learning.py" "$base" "$work" 2>"$work/prepare-$label-$scale.txt" ||
      { cat "$work/prepare-$label-$scale.txt" >&2; exit 1; }
    read -r token lesson_path <"$work/learning.txt"
    results+=("$scale $(measure health "$base/health/live")")
    results+=("$scale $(measure dashboard -H "Authorization: Bearer $token" "$base/api/v1/users/me/dashboard")")
    results+=("$scale $(measure course_search "$base/api/v1/courses?q=$learning_query")")
    results+=("$scale $(measure lesson_read -H "Authorization: Bearer $token" "$base$lesson_path")")
    stop_campus
    # The large SQLite file is over a gigabyte; nothing reads it again.
    if [ -z "${learning_pg_url:-}" ]; then rm -rf "$work/learning-sqlite-$scale"; fi
  done
  /usr/bin/python3 - "$label" "${#notes[@]}" "${notes[@]}" "${results[@]}" <<'PY'
import sys
label, count, *rest = sys.argv[1:]
notes, rows = rest[:int(count)], rest[int(count):]
table = {}
for text in rows:
    scale, name, rps, p50, p99, bad = text.split()
    table[(scale, name)] = (float(rps), float(p50), float(p99), int(bad))
names = ["health", "dashboard", "course_search", "lesson_read"]
paths = {"health": "/health/live (ceiling)", "dashboard": "GET /api/v1/users/me/dashboard",
         "course_search": "GET /api/v1/courses?q=проектирование", "lesson_read": "GET /api/v1/lessons/{id}"}
print(f"\n### {label}: learning (small = 1k users, 10k lesson_progress, 10k attempts; large = 100k, 1M, 1M)\n")
print("| scenario | rows | req/s | p50 ms | p99 ms | req/s ÷ ceiling | p99 ÷ ceiling p99 |")
print("|---|---|---:|---:|---:|---:|---:|")
for name in names:
    for scale in ("small", "large"):
        rps, p50, p99, bad = table[(scale, name)]
        ceiling = table[(scale, "health")]
        note = f" ({bad} non-2xx)" if bad else ""
        print(f"| {paths[name]}{note} | {'10k' if scale == 'small' else '1M'} | {rps:.0f} | {p50:.2f} | {p99:.2f} | "
              f"{rps / ceiling[0]:.2f} | {p99 / ceiling[2]:.1f} |")
print()
for name in names[1:]:
    small, large = table[("small", name)], table[("large", name)]
    ratio = large[2] / small[2] if small[2] else float("inf")
    print(f"- {name}: p99 at 1M ÷ p99 at 10k = {ratio:.2f} (goal ≤ 1.5: {'met' if ratio <= 1.5 else 'not met'})")
for scale in ("small", "large"):
    share = table[(scale, "dashboard")][0] / table[(scale, "health")][0]
    print(f"- dashboard ÷ ceiling at {'10k' if scale == 'small' else '1M'}: {share:.2f} (goal ≥ 0.3: {'met' if share >= 0.3 else 'not met'})")
for note in notes:
    print(f"- {note}")
PY
}
