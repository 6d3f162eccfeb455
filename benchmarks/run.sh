#!/usr/bin/env bash
# Benchmarks (not part of CI): builds Campus in release mode, starts it on SQLite and then on a
# throw-away PostgreSQL, and drives it with wrk over loopback. Prints req/s and p50/p99 for each
# scenario next to the /health/live ceiling measured in the same run.
#
#   benchmarks/run.sh [seconds-per-scenario]        (as root, so PostgreSQL can run as `postgres`)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections=64
port=18080
scratch=.build-release

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
swift build -c release --scratch-path "$scratch" --product campus >/dev/null
binary="$scratch/release/campus"
work="$(mktemp -d /tmp/campus-bench.XXXXXX)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/login.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"bench@example.com","password":"benchmark password"}'
LUA

# wrk output → "rps p50_ms p99_ms"
parse() {
  /usr/bin/python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)(?:\.\d+)?%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
print(f"{rps:.0f} {lat.get(\"50\", 0):.2f} {lat.get(\"99\", 0):.2f}")
'
}

measure() { # name, then wrk arguments
  local name="$1"; shift
  wrk --latency -t2 -c"$connections" -d"${duration}s" "$@" | parse | { read -r rps p50 p99; echo "$name $rps $p50 $p99"; }
}

start_campus() { # engine label, extra env
  local label="$1"; shift
  env CAMPUS_PORT=$port CAMPUS_DATA_DIR="$work/data-$label" CAMPUS_AUTH_RATE_PER_MINUTE=0 CAMPUS_LOG_LEVEL=warning "$@" \
    "$binary" serve >"$work/campus-$label.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return 0; sleep 0.2; done
  echo "Campus did not start; log:" >&2; cat "$work/campus-$label.log" >&2; exit 1
}

stop_campus() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

run_suite() { # engine label
  local label="$1" base="http://127.0.0.1:$port"
  local token
  token=$(curl -sf -XPOST "$base/api/v1/auth/register" -H 'content-type: application/json' \
    -d '{"email":"bench@example.com","password":"benchmark password","name":"Bench"}' |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  local ceiling me storm_me
  ceiling=$(measure health "$base/health/live")
  me=$(measure users_me -H "Authorization: Bearer $token" "$base/api/v1/users/me")
  # The login storm runs beside a second /users/me measurement.
  wrk -t1 -c8 -d"$((duration + 2))s" -s "$work/login.lua" "$base/api/v1/auth/login" >"$work/storm-$label.txt" &
  local storm_pid=$!
  sleep 1
  storm_me=$(measure users_me_during_login_storm -H "Authorization: Bearer $token" "$base/api/v1/users/me")
  wait "$storm_pid"
  local storm_rps
  storm_rps=$(parse <"$work/storm-$label.txt" | cut -d' ' -f1)
  /usr/bin/python3 - "$label" "$ceiling" "$me" "$storm_me" "$storm_rps" <<'PY'
import sys
label, ceiling, me, storm, storm_rps = sys.argv[1:]
def row(text):
    name, rps, p50, p99 = text.split()
    return name, float(rps), float(p50), float(p99)
c = row(ceiling)
print(f"\n## {label}  ({c[1]:.0f} req/s ceiling)")
print(f"| scenario | req/s | p50 ms | p99 ms | req/s ÷ ceiling |")
print(f"|---|---:|---:|---:|---:|")
for r in (c, row(me), row(storm)):
    print(f"| {r[0]} | {r[1]:.0f} | {r[2]:.2f} | {r[3]:.2f} | {r[1] / c[1]:.2f} |")
m, s = row(me), row(storm)
print(f"\nlogins/s during the storm: {float(storm_rps):.1f}")
print(f"users/me ÷ ceiling: {m[1] / c[1]:.2f} (goal ≥ 0.6)")
print(f"users/me p99 during storm ÷ without: {s[3] / m[3]:.2f} (goal ≤ 3)")
PY
}

echo "# Campus benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, $(uname -m); wrk -t2 -c$connections -d${duration}s"

start_campus sqlite
run_suite sqlite
stop_campus

if [ "$(id -u)" = 0 ]; then
  secret="benchmark-secret-benchmark-secret-0123456789"
  scripts/with-postgres.sh bash -c "
    set -e
    $(declare -f parse measure start_campus stop_campus run_suite)
    binary='$binary'; work='$work'; port=$port; duration=$duration; connections=$connections
    start_campus postgres CAMPUS_DATABASE_URL=\"\$CAMPUS_TEST_DATABASE_URL\" CAMPUS_JWT_SECRET=$secret
    run_suite postgres
    stop_campus
  "
else
  echo "(not root: skipping PostgreSQL)"
fi
