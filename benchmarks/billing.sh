# The webhook intake benchmark (PostgreSQL only), sourced by run.sh (uses its start_campus, stop_campus,
# measure, parse and variables).
#
# Distinct, correctly signed `checkout.session.completed` events, each for a pending payment of its own,
# delivered as fast as wrk can: every one is verified, claimed in the inbox, and applied (the payment
# succeeds, an entitlement is granted) in one transaction. Then /users/me with and without a burst of
# 1,000 more events arriving beside it.
run_billing() { # label
  local label="$1" base="http://127.0.0.1:$port" secret="whsec_benchmark_secret" schema="billing"
  [ "$label" = postgresql ] || { echo "(billing: PostgreSQL only)"; return 0; }
  campus_env=(CAMPUS_DATABASE_URL="$CAMPUS_TEST_DATABASE_URL&search_path=$schema" CAMPUS_DATA_DIR="$work/billing-pg"
              CAMPUS_JWT_SECRET=benchmark-secret-benchmark-secret-0123456789 CAMPUS_BCRYPT_COST=12
              CAMPUS_STRIPE_SECRET_KEY=sk_benchmark CAMPUS_STRIPE_WEBHOOK_SECRET="$secret" CAMPUS_STRIPE_API_URL=http://127.0.0.1:9)
  start_campus "billing-$label"
  local token results=()
  token=$(/usr/bin/python3 "$bench/prepare_webhooks.py" "$base" "$CAMPUS_TEST_DATABASE_URL" "$schema" "$secret" 60000 "$work/events.txt" 0)
  /usr/bin/python3 "$bench/prepare_webhooks.py" "$base" "$CAMPUS_TEST_DATABASE_URL" "$schema" "$secret" 1000 "$work/burst.txt" 100000 >/dev/null
  results+=("$(measure health "$base/health/live")")
  results+=("$(CAMPUS_BENCH_EVENTS="$work/events.txt" measure webhook_deliveries -s "$bench/webhook.lua" "$base")")
  results+=("$(measure users_me -H "Authorization: Bearer $token" "$base/api/v1/users/me")")
  # The burst starts with a 2-second /users/me measurement (about as long as 1,000 events take) and stops after
  # its 1,000 events, so the p99 is that of requests made while they arrive.
  CAMPUS_BENCH_EVENTS="$work/burst.txt" wrk -t2 -c16 -d"${duration}s" -s "$bench/webhook.lua" "$base" >"$work/burst-$label.txt" &
  local burst_pid=$!
  results+=("$(duration=2 measure users_me_during_1000_events -H "Authorization: Bearer $token" "$base/api/v1/users/me")")
  wait "$burst_pid"
  local processed
  processed=$(runuser -u postgres -- psql -tA "$CAMPUS_TEST_DATABASE_URL" -c "SET search_path TO $schema; SELECT count(*) FROM payment_events WHERE outcome = 'applied'" | tail -n 1)
  stop_campus
  /usr/bin/python3 - "$label" "$processed" "${results[@]}" <<'PY'
import sys
label, processed, *rows = sys.argv[1:]
table = {}
for text in rows:
    name, rps, p50, p99, bad = text.split()
    table[name] = (float(rps), float(p50), float(p99), int(bad))
ceiling = table["health"]
print(f"\n### {label}: billing webhook intake (distinct signed Stripe events, each granting an entitlement)\n")
print("| scenario | req/s | p50 ms | p99 ms | req/s ÷ ceiling | p99 ÷ ceiling p99 |")
print("|---|---:|---:|---:|---:|---:|")
for name, (rps, p50, p99, bad) in table.items():
    note = f" ({bad} non-2xx)" if bad else ""
    print(f"| {name}{note} | {rps:.0f} | {p50:.2f} | {p99:.2f} | {rps / ceiling[0]:.2f} | {p99 / ceiling[2]:.1f} |")
me, burst = table["users_me"], table["users_me_during_1000_events"]
print(f"\n- events applied (payment succeeded + entitlement granted), counted in the inbox: {processed}")
print(f"- /users/me p99 while 1,000 events arrive ÷ unloaded: {burst[2] / me[2]:.2f} (goal ≤ 3)")
PY
}
