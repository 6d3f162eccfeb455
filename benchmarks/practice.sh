# Practice scenarios, sourced by run.sh (uses its start_campus, stop_campus, measure, parse and variables).
#
# On SQLite: an admin saves an SQL exercise with 1,000 orders per dataset, 50 learners register, then wrk
# measures /health/live (the ceiling), /users/me alone, submits of the reference by the 50 learners at once
# (each submit is two checks: visible and hidden rows), and /users/me again while those 50 keep submitting.
run_practice() {
  local base="http://127.0.0.1:$port" password="benchmark admin password"
  campus_env=(CAMPUS_DATA_DIR="$work/practice-sqlite" CAMPUS_PRACTICE_SUBMITS_PER_MINUTE=0 CAMPUS_PRACTICE_RUNS_PER_MINUTE=0)
  env "${campus_env[@]}" CAMPUS_ADMIN_PASSWORD="$password" CAMPUS_LOG_LEVEL=warning "$binary" users create-admin --email admin@example.com >/dev/null
  start_campus practice
  local admin_token me_token
  admin_token=$(curl -sf "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"admin@example.com\",\"password\":\"$password\"}" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  /usr/bin/python3 "$bench/prepare_practice.py" "$base" "$work" "$admin_token" 50
  me_token=$(head -1 "$work/practice-tokens.txt")
  export CAMPUS_BENCH_PRACTICE_TOKENS="$work/practice-tokens.txt" CAMPUS_BENCH_PRACTICE_BODY="$work/practice-body.json"
  local results=()
  results+=("$(measure health "$base/health/live")")
  results+=("$(measure users_me -H "Authorization: Bearer $me_token" "$base/api/v1/users/me")")
  results+=("$(connections=50 measure practice_submit -s "$bench/practice_submit.lua" "$base")")
  wrk -t2 -c50 -d"$((duration + 2))s" -s "$bench/practice_submit.lua" "$base" >"$work/practice-load.txt" &
  local load_pid=$!
  sleep 1
  results+=("$(measure users_me_during_50_submitting -H "Authorization: Bearer $me_token" "$base/api/v1/users/me")")
  wait "$load_pid"
  local load
  load=$(parse <"$work/practice-load.txt")
  stop_campus
  /usr/bin/python3 - "$load" "${results[@]}" <<'PY'
import sys
load, *rows = sys.argv[1:]
table = {}
for text in rows:
    name, rps, p50, p99, bad = text.split()
    table[name] = (float(rps), float(p50), float(p99), int(bad))
ceiling = table["health"]
print("\n### practice (SQLite sandbox, 1,000-row datasets)\n")
print("| scenario | req/s | p50 ms | p99 ms | req/s ÷ ceiling | p99 ÷ ceiling p99 |")
print("|---|---:|---:|---:|---:|---:|")
for name, (rps, p50, p99, bad) in table.items():
    note = f" ({bad} non-2xx)" if bad else ""
    print(f"| {name}{note} | {rps:.0f} | {p50:.2f} | {p99:.2f} | {rps / ceiling[0]:.2f} | {p99 / ceiling[2]:.1f} |")
submit, me, loaded = table["practice_submit"], table["users_me"], table["users_me_during_50_submitting"]
print(f"\n- SQL checks/s (2 per submit): {2 * submit[0]:.0f}; submits ÷ ceiling: {submit[0] / ceiling[0]:.3f}")
print(f"- submits/s of the background load while /users/me was measured: {float(load.split()[0]):.0f}")
print(f"- users/me p99 while 50 learners submit ÷ unloaded: {loaded[2] / me[2]:.2f} (goal ≤ 3)")
PY
}
