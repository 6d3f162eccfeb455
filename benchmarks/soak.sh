#!/usr/bin/env bash
# Soak (not CI; as root): Campus (release) on a throw-away PostgreSQL, 500 concurrent quiz takers for
# CAMPUS_SOAK_MINUTES (default 10) minutes — each request reads an attempt in progress or autosaves its
# answers — with p50/p99, errors and Campus's RSS printed every minute; then RSS with 1,000 idle
# keep-alive connections. RSS should be flat after the first minutes.
#
#   CAMPUS_BENCH_BINARY=/path/to/campus benchmarks/soak.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
binary="${CAMPUS_BENCH_BINARY:?name a release binary in CAMPUS_BENCH_BINARY}"
minutes="${CAMPUS_SOAK_MINUTES:-10}"
soak_port=18090
work="$(mktemp -d /tmp/campus-soak.XXXXXX)"
export work binary minutes soak_port repo
"$repo/scripts/with-postgres.sh" bash -c '
  set -euo pipefail
  # 500 takers and 1,000 idle connections need more descriptors than the usual 1,024.
  ulimit -n "$(ulimit -Hn)"
  base="http://127.0.0.1:$soak_port"
  env CAMPUS_DATABASE_URL="$CAMPUS_TEST_DATABASE_URL&search_path=soak" CAMPUS_DATA_DIR="$work/data" CAMPUS_PORT=$soak_port \
      CAMPUS_JWT_SECRET=soak-secret-soak-secret-soak-secret-0123456789 CAMPUS_AUTH_RATE_PER_MINUTE=0 CAMPUS_LOG_LEVEL=warning \
      "$binary" serve >"$work/campus.log" 2>&1 &
  pid=$!
  trap "kill $pid 2>/dev/null || true; tail -n 20 $work/campus.log >&2" EXIT
  for _ in $(seq 1 150); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.2; done
  /usr/bin/python3 "$repo/benchmarks/make_quiz_copies.py" "$repo/Sources/CampusServer/Resources/demo/demo-content.json" 40 "$work/quizzes.json"
  env CAMPUS_DATABASE_URL="$CAMPUS_TEST_DATABASE_URL&search_path=soak" CAMPUS_DATA_DIR="$work/data" \
      CAMPUS_JWT_SECRET=soak-secret-soak-secret-soak-secret-0123456789 CAMPUS_LOG_LEVEL=warning "$binary" content import "$work/quizzes.json" >/dev/null
  /usr/bin/python3 "$repo/benchmarks/prepare_quiz.py" "$base" "$work" 50 40 >/dev/null
  rss() { echo $(( $(awk "/VmRSS/ {print \$2}" /proc/$pid/status) / 1024 )); }
  echo "# soak $(date -u +%Y-%m-%dT%H:%M:%SZ): $(nproc) cores, 500 connections, $minutes minutes, PostgreSQL"
  echo "| minute | req/s | p50 ms | p99 ms | non-2xx | socket errors | RSS MB |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  echo "| 0 | | | | | | $(rss) |"
  for minute in $(seq 1 "$minutes"); do
    CAMPUS_BENCH_ATTEMPTS="$work/attempts.txt" CAMPUS_BENCH_THREADS=2 wrk --latency -t2 -c500 -d60s --timeout 10s \
      -s "$repo/benchmarks/soak.lua" "$base" >"$work/minute.txt" 2>&1 || true
    /usr/bin/python3 - "$minute" "$(rss)" "$work/minute.txt" <<PY
import re, sys
minute, rss, path = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)(?:\.\d+)?%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
socket = sum(int(x) for x in errors.groups()) if errors else 0
p50, p99 = lat.get("50", 0.0), lat.get("99", 0.0)
rate = float(rps.group(1)) if rps else 0.0
print("| %s | %.0f | %.1f | %.1f | %s | %d | %s |" % (minute, rate, p50, p99, bad.group(1) if bad else 0, socket, rss))
PY
  done
  # 1,000 idle keep-alive connections, each having made one request.
  /usr/bin/python3 - "$soak_port" "$pid" <<PY
import socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
held = []
for _ in range(1000):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
    s.recv(4096)
    held.append(s)
time.sleep(2)
rss = int([l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")][0].split()[1]) // 1024
print(f"\n- RSS with 1,000 idle keep-alive connections: {rss} MB (goal < 150)")
PY
'
rm -rf "$work"
