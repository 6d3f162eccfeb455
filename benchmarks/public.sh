# The public test's routes (issue 20), sourced by run.sh: `GET /questions` (143 questions), `POST /results`
# (143 answers, a new guest result each time) and `GET /results/{id}`, next to the /health/live ceiling.
run_public() { # label
  local label="$1" base="http://127.0.0.1:$port"
  /usr/bin/python3 "$bench/make_public_bank.py" "$repo/Sources/CampusServer/Resources/demo/demo-content.json" "$work/public-bank.json"
  env "${campus_env[@]}" CAMPUS_LOG_LEVEL=warning "$binary" content import "$work/public-bank.json" >/dev/null
  local saved=("${campus_env[@]}")
  campus_env+=(CAMPUS_PUBLIC_QUIZ_ID=quiz:public-bench CAMPUS_DEMO_CONTENT=false CAMPUS_BENCH_ROUTES=true)
  start_campus "public-$label"
  /usr/bin/python3 - "$base" "$work" <<'PY'
import json, sys, urllib.request
base, work = sys.argv[1], sys.argv[2]
questions = json.load(urllib.request.urlopen(base + "/questions"))
answers = {}
for question in questions:
    values = [option["value"] for option in question.get("options", [])]
    answers[question["id"]] = [values[0]] if question.get("mode") == "multiple" else values[-1]
body = json.dumps({"user": {"name": "Bench Guest", "email": "guest@example.com", "experience": "1-3"}, "answers": answers})
open(f"{work}/results-body.json", "w").write(body)
request = urllib.request.Request(base + "/results", data=body.encode(), method="POST", headers={"content-type": "application/json"})
result = json.load(urllib.request.urlopen(request))
open(f"{work}/result-id.txt", "w").write(str(result.get("result_id") or result.get("id")))
print(f"questions: {len(questions)}, body {len(body)} bytes", file=sys.stderr)
PY
  cat > "$work/results.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = io.open("$work/results-body.json")
wrk.body = file:read("*a")
file:close()
LUA
  local results=() questions_bytes
  questions_bytes=$(curl -s "$base/questions" | wc -c)
  results+=("$(measure health "$base/health/live")")
  results+=("$(measure questions "$base/questions")")
  # The bound of GET /questions: a static body of the same size through the same middleware chain.
  results+=("$(measure static_same_size "$base/bench/static/$questions_bytes")")
  results+=("$(measure results_get "$base/results/$(cat "$work/result-id.txt")")")
  # POST /results with few stored results, then with 100,000 piled up directly in the database.
  stop_campus
  public_preload "$label" 100
  start_campus "public-$label"
  results+=("$(measure results_post_100 -s "$work/results.lua" "$base/results")")
  stop_campus
  public_preload "$label" 100000
  start_campus "public-$label"
  results+=("$(measure results_post_100k -s "$work/results.lua" "$base/results")")
  stop_campus
  # The store-alone bound of a submit: its two writes, same sizes, without Campus.
  local bound
  if [ "$label" = sqlite ]; then
    bound=$(/usr/bin/python3 "$bench/public_store_bound.py" sqlite "$work/data-sqlite/campus.sqlite" "$duration")
  else
    bound=$(/usr/bin/python3 "$bench/public_store_bound.py" postgresql "$CAMPUS_TEST_DATABASE_URL" campus "$duration" 8)
  fi
  results+=("store_bound ${bound%% *} 0 0 0")
  campus_env=("${saved[@]}")
  /usr/bin/python3 - "$label" "${results[@]}" <<'PY'
import sys
label, *rows = sys.argv[1:]
table = {}
for text in rows:
    name, rps, p50, p99, bad = text.split()
    table[name] = (float(rps), float(p50), float(p99), int(bad))
ceiling = table["health"]
print(f"\n### public test, {label}\n")
print("| route | req/s | p50 ms | p99 ms | req/s ÷ ceiling |")
print("|---|---:|---:|---:|---:|")
for name, (rps, p50, p99, bad) in table.items():
    note = f" ({bad} non-2xx)" if bad else ""
    print(f"| {name}{note} | {rps:.0f} | {p50:.2f} | {p99:.2f} | {rps / ceiling[0]:.3f} |")
small, large = table["results_post_100"], table["results_post_100k"]
print(f"\n- GET /questions ÷ static body of the same size: {table['questions'][0] / table['static_same_size'][0]:.2f} (goal ≥ 0.5)")
print(f"- POST /results at 100 stored results: {small[0]:.0f} req/s (goal ≥ 640), p99 {small[2]:.0f} ms (goal ≤ 250)")
print(f"- the store alone, a submit's two writes (details upsert + row insert) replayed: {table['store_bound'][0]:.0f}/s; "
      f"POST /results ÷ that: {small[0] / table['store_bound'][0]:.2f}")
print(f"- POST /results at 100,000: {large[0]:.0f} req/s, p99 {large[2]:.0f} ms; cost ÷ cost at 100: {small[0] / large[0]:.2f} (goal ≤ 1.2)")
print(f"- GET /results/{{id}} ÷ ceiling: {table['results_get'][0] / ceiling[0]:.2f} (goal ≥ 0.2)")
PY
}

public_preload() { # label, total stored results
  if [ "$1" = sqlite ]; then
    /usr/bin/python3 "$bench/preload_results.py" sqlite "$work/data-sqlite/campus.sqlite" "$2"
  else
    /usr/bin/python3 "$bench/preload_results.py" postgresql "$CAMPUS_TEST_DATABASE_URL" campus "$2"
  fi
}
