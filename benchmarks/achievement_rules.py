#!/usr/bin/env python3
"""Adds N active achievement rules (unscoped, so the stored rule is the authored one) straight into a
stopped Campus's database, for the backfill benchmark: `achievement_rules.py --sqlite PATH | --postgres URL N`."""
import json
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_learning import PostgresSink, SQLiteSink, uuid7  # noqa: E402

RULES = [
    {"metric": "lessons_completed", "gte": 5}, {"metric": "quiz_passed", "gte": 1}, {"metric": "streak_days", "gte": 3},
    {"metric": "time_on_task_minutes", "gte": 60}, {"metric": "points", "gte": 100}, {"metric": "enrollments", "gte": 2},
    {"metric": "longest_streak_days", "gte": 10}, {"metric": "courses_completed", "gte": 1},
    {"any": [{"metric": "lessons_completed", "gte": 20}, {"metric": "quiz_passed", "gte": 3}]},
    {"all": [{"metric": "lessons_completed", "gte": 1}, {"not": {"metric": "points", "gte": 1000}}]},
]
COLUMNS = [("id", "uuid"), ("code", "text"), ("title", "text"), ("description", "text"), ("icon", "text"), ("rarity", "text"),
           ("points", "int"), ("rule", "text"), ("resolved_rule", "text"), ("status", "text"), ("created_at", "ts"),
           ("updated_at", "ts"), ("deleted_at", "ts"), ("created_by", "uuid"), ("updated_by", "uuid")]


def main():
    kind, target, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if kind == "--sqlite":
        sink = SQLiteSink(target)
    else:
        bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
        sink = PostgresSink(target, os.path.join(bindir, "psql"))
    sink.begin()
    sink.declare("achievements", [c for c, _ in COLUMNS], [t for _, t in COLUMNS])
    rng = random.Random(7)
    now = time.time()
    for n in range(count):
        rule = json.dumps(RULES[n % len(RULES)], separators=(",", ":"))
        sink.add("achievements", (uuid7(rng, now), f"bench-rule-{n}", json.dumps({"en": f"Bench {n}"}), json.dumps({"en": "Benchmark rule"}),
                                  "⭐", "common", 5, rule, rule, "active", now, now, None, None, None))
    sink.finish()


main()
