#!/usr/bin/env python3
"""Prepares the quiz benchmark against a running Campus: imports copies of the demo quiz (so each user
can hold many attempts in progress), registers users, starts attempts, and writes one line per open
attempt: `token attempt_path answers_json` for wrk's submit script, plus one attempt to read."""
import concurrent.futures
import json
import sys
import urllib.request
import os
sys.path.insert(0, os.path.dirname(__file__))
from quiz_answers import answers_for  # noqa: E402

base, workdir, users, quizzes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])


def call(method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def register(index):
    return call("POST", "/api/v1/auth/register",
                {"email": f"bench{index}@example.com", "password": "benchmark password", "name": f"Bench {index}"})["access_token"]


def start(job):
    token, quiz = job
    attempt = call("POST", f"/api/v1/quizzes/{quiz}/start", token=token)
    answers = answers_for(attempt)
    return f'{token} /api/v1/quizzes/{quiz}/attempts/{attempt["attempt_id"]}/submit {json.dumps({"answers": answers}, ensure_ascii=True)}'


with concurrent.futures.ThreadPoolExecutor(4) as pool:
    tokens = list(pool.map(register, range(users)))
    jobs = [(token, f"quiz:bench-{q}") for q in range(quizzes) for token in tokens]
    lines = list(pool.map(start, jobs))
with open(f"{workdir}/attempts.txt", "w") as out:
    out.write("\n".join(lines[1:]) + "\n")
token, path, _ = lines[0].split(" ", 2)
with open(f"{workdir}/read.txt", "w") as out:
    out.write(f"{token} {path.removesuffix('/submit')}\n")
