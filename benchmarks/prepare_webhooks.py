#!/usr/bin/python3
"""Prepares the webhook benchmark on PostgreSQL: `count` pending Stripe payments of one learner, written
straight into Campus's tables (what a checkout leaves behind), and, per payment, a distinct
`checkout.session.completed` event signed with the endpoint secret, one "<signature>\\t<body>" line each.

    prepare_webhooks.py BASE_URL PSQL_URL SCHEMA SECRET COUNT OUT_FILE [OFFSET]
"""
import hashlib
import hmac
import json
import subprocess
import sys
import time
import urllib.request

base, psql_url, schema, secret, count, out = sys.argv[1:7]
offset = int(sys.argv[7]) if len(sys.argv) > 7 else 0
count = int(count)


def call(path, body=None, token=None):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


email = f"webhooks-{offset}@example.com"
try:
    pair = call("/api/v1/auth/register", {"email": email, "password": "benchmark password", "name": "Bench"})
except Exception:
    pair = call("/api/v1/auth/login", {"email": email, "password": "benchmark password"})
user_id = pair["user"]["id"]
sql = f"""
SET search_path TO {schema};
INSERT INTO payments (id, user_id, provider, provider_payment_id, kind, course_id, amount_minor, currency, status, captured, canceled,
                      refunded_minor, created_at, updated_at, created_by, updated_by)
SELECT gen_random_uuid(), '{user_id}', 'stripe', 'cs_bench_' || g, 'course', gen_random_uuid(), 1000, 'RUB', 'pending', false, false, 0,
       now(), now(), '{user_id}', '{user_id}'
FROM generate_series({offset + 1}, {offset + count}) g;
"""
subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-q", "-v", "ON_ERROR_STOP=1", psql_url], input=sql.encode(), check=True)

stamp = int(time.time())
with open(out, "w") as handle:
    for g in range(offset + 1, offset + count + 1):
        body = json.dumps({"id": f"evt_bench_{g}", "object": "event", "type": "checkout.session.completed", "created": stamp,
                           "data": {"object": {"id": f"cs_bench_{g}", "object": "checkout.session", "mode": "payment", "status": "complete",
                                               "payment_status": "paid", "amount_total": 1000, "currency": "rub", "metadata": {},
                                               "payment_intent": f"pi_bench_{g}"}}}, separators=(",", ":"))
        signature = hmac.new(secret.encode(), f"{stamp}.{body}".encode(), hashlib.sha256).hexdigest()
        handle.write(f"t={stamp},v1={signature}\t{body}\n")
print(pair["access_token"])
