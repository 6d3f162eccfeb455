#!/usr/bin/env python3
"""Prepares the practice benchmark against a running Campus: an admin saves an SQL exercise whose
datasets hold 1,000 orders each (no course, so any signed-in learner may submit), 50 learners register,
and the script writes their tokens (one per line) and the submit body for wrk."""
import concurrent.futures
import json
import random
import sys
import urllib.request

base, workdir, admin_token, learners = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def call(method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def dataset(seed):
    rng = random.Random(seed)
    customers = ", ".join(f"({i}, 'Customer {seed}-{i}', '{rng.choice(['Moscow', 'Kazan', 'Perm', 'Omsk'])}')" for i in range(1, 101))
    orders = ", ".join(
        f"({i}, {rng.randint(1, 100)}, '{rng.choice(['paid', 'new', 'cancelled'])}', {rng.randint(100, 90000) / 100:.2f})"
        for i in range(1, 1001))
    return f"INSERT INTO customers VALUES {customers}; INSERT INTO orders VALUES {orders};"


reference = ("SELECT c.city, COUNT(*) AS paid_orders, ROUND(SUM(o.total), 2) AS revenue FROM orders o "
             "JOIN customers c ON c.id = o.customer_id WHERE o.status = 'paid' GROUP BY c.city HAVING COUNT(*) > 10")
exercise = {
    "_id": "practice:bench-sql", "kind": "sql", "title": "Revenue by city", "statement_mdx": "Paid orders and revenue per city.",
    "points": 10,
    "sql": {
        "schema": "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, city TEXT); "
                  "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, status TEXT, total REAL);",
        "datasets": {"visible": dataset(1), "hidden": dataset(2)},
        "reference": reference,
        "compare": {"float_tolerance": 0.001},
        "limits": {"time_ms": 2000, "rows": 1000},
    },
}
call("PUT", "/api/v1/content/practices/practice:bench-sql", exercise, token=admin_token)


def register(index):
    return call("POST", "/api/v1/auth/register",
                {"email": f"learner{index}@example.com", "password": "benchmark password", "name": f"Learner {index}"})["access_token"]


with concurrent.futures.ThreadPoolExecutor(4) as pool:
    tokens = list(pool.map(register, range(learners)))
with open(f"{workdir}/practice-tokens.txt", "w") as out:
    out.write("\n".join(tokens) + "\n")
with open(f"{workdir}/practice-body.json", "w") as out:
    json.dump({"query": reference}, out)
