#!/usr/bin/env python3
"""Registers learners, enrolls each in the demo course and writes one line per lesson they have not
completed (`token path {}`), for wrk's submit.lua to post each completion once."""
import concurrent.futures
import json
import sys
import urllib.request

base, out, prefix, learners = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
LESSONS = ["intro", "requirements", "rest-api", "reliable-api", "databases", "messaging", "integration"]


def call(method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def learner(index):
    token = call("POST", "/api/v1/auth/register", {"email": f"{prefix}{index}@example.com", "password": "benchmark password",
                                                    "name": f"Learner {index}"})["access_token"]
    call("POST", "/api/v1/courses/campus-demo/enrollment", token=token)
    return [f"{token} /api/v1/lessons/lesson:campus-demo-{lesson}/completion {{}}" for lesson in LESSONS]


with concurrent.futures.ThreadPoolExecutor(4) as pool:
    lines = [line for lines in pool.map(learner, range(learners)) for line in lines]
# Interleaved by lesson, so the completions of one learner are spread over the run.
lines.sort(key=lambda line: line.split()[1])
with open(out, "w") as handle:
    handle.write("\n".join(lines) + "\n")
