# Achievement scenarios, sourced by run.sh (uses its start_campus, stop_campus, measure and variables).
#
# A lesson completion with no active rule against one with 50 (none of which becomes true, so each
# completion evaluates all of them): every request completes a lesson not completed before.
run_achievements() { # label
  local label="$1" base="http://127.0.0.1:$port" password="benchmark admin password" admin learners="${CAMPUS_BENCH_LEARNERS:-300}"
  local data="$work/achievements-$label"
  if [ "$label" = sqlite ]; then
    campus_env=(CAMPUS_DATA_DIR="$data" CAMPUS_BCRYPT_COST=4)
  else
    campus_env=(CAMPUS_DATABASE_URL="$CAMPUS_TEST_DATABASE_URL&search_path=achievements" CAMPUS_DATA_DIR="$data"
                CAMPUS_JWT_SECRET=benchmark-secret-benchmark-secret-0123456789)
  fi
  env "${campus_env[@]}" CAMPUS_ADMIN_PASSWORD="$password" CAMPUS_LOG_LEVEL=warning "$binary" users create-admin --email admin@example.com >/dev/null
  start_campus "achievements-$label"
  admin=$(curl -sf "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"admin@example.com\",\"password\":\"$password\"}" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  # No rule at all for the first round: the demo achievements go.
  for code in $(curl -sf "$base/api/v1/admin/achievements" -H "Authorization: Bearer $admin" | /usr/bin/python3 -c 'import json,sys; print(" ".join(a["code"] for a in json.load(sys.stdin)))'); do
    curl -sf -X DELETE "$base/api/v1/admin/achievements/$code" -H "Authorization: Bearer $admin" >/dev/null
  done
  /usr/bin/python3 "$bench/prepare_completions.py" "$base" "$work/completions-none.txt" "none" "$learners"
  /usr/bin/python3 "$bench/prepare_completions.py" "$base" "$work/completions-rules.txt" "rules" "$learners"
  local results=()
  results+=("$(measure health "$base/health/live")")
  results+=("$(CAMPUS_BENCH_ATTEMPTS="$work/completions-none.txt" measure lesson_complete_no_rules -s "$bench/submit.lua" "$base")")
  for n in $(seq 1 50); do
    local scope=""
    [ $((n % 2)) = 0 ] && scope=',"course":"campus-demo"'
    curl -sf "$base/api/v1/admin/achievements" -H "Authorization: Bearer $admin" -H 'content-type: application/json' \
      -d "{\"code\":\"bench-$n\",\"title\":\"Bench $n\",\"description\":\"Never reached\",\"rule\":{\"any\":[{\"metric\":\"lessons_completed\",\"gte\":$((1000 + n))$scope},{\"metric\":\"points\",\"gte\":$((100000 + n))}]}}" >/dev/null
  done
  # Each new rule is backfilled in the background; let that finish before measuring.
  sleep 10
  results+=("$(CAMPUS_BENCH_ATTEMPTS="$work/completions-rules.txt" measure lesson_complete_50_rules -s "$bench/submit.lua" "$base")")
  stop_campus
  /usr/bin/python3 - "$label" "$duration" "${results[@]}" <<'PY'
import sys
label, duration, *rows = sys.argv[1:]
table = {}
for text in rows:
    name, rps, p50, p99, bad = text.split()
    table[name] = (float(rps), float(p50), float(p99), int(bad))
ceiling = table["health"]
print(f"\n### {label}: achievements (a lesson completion, 0 and 50 active rules)\n")
print("| scenario | req/s | p50 ms | p99 ms | req/s ÷ ceiling |")
print("|---|---:|---:|---:|---:|")
for name, (rps, p50, p99, bad) in table.items():
    note = f" ({bad} non-2xx)" if bad else ""
    print(f"| {name}{note} | {rps:.0f} | {p50:.2f} | {p99:.2f} | {rps / ceiling[0]:.2f} |")
none, rules = table["lesson_complete_no_rules"], table["lesson_complete_50_rules"]
# Only answered completions count: past the prepared ones wrk gets 404s.
def done(row):
    return row[0] - row[3] / float(duration)
print(f"\n- cost of a completion with 50 rules ÷ with none (time per completion): {done(none) / done(rules):.2f} (goal ≤ 1.3)")
PY
}
