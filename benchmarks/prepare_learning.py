#!/usr/bin/env python3
"""Prepares the learning benchmark against a running Campus (after generate_learning.py): registers the
benchmark learner through the API (or signs in if it exists), enrolls it in campus-demo and two generated
courses, opens and completes lessons, bookmarks one, takes the demo quiz once, checks that the three
measured endpoints answer 200, and writes `token lesson_path` to WORKDIR/learning.txt for wrk.

    prepare_learning.py BASE_URL WORKDIR
"""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import os
sys.path.insert(0, os.path.dirname(__file__))
from quiz_answers import answers_for  # noqa: E402

base, workdir = sys.argv[1], sys.argv[2]
EMAIL, PASSWORD = "bench-learner@example.com", "benchmark password"
LESSON = "lesson:campus-demo-rest-api"
QUERY = "проектирование"


def call(method, path, body=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        sys.exit(f"prepare_learning: {method} {path} answered {error.code}: {error.read().decode(errors='replace')[:500]}")


def sign_in():
    request = urllib.request.Request(base + "/api/v1/auth/register", method="POST",
                                     data=json.dumps({"email": EMAIL, "password": PASSWORD, "name": "Bench learner"}).encode())
    request.add_header("content-type", "application/json")
    try:
        with urllib.request.urlopen(request) as response:
            return json.load(response)["access_token"], True
    except urllib.error.HTTPError as error:
        if error.code != 409:
            sys.exit(f"prepare_learning: register answered {error.code}: {error.read().decode(errors='replace')[:500]}")
    return call("POST", "/api/v1/auth/login", {"email": EMAIL, "password": PASSWORD})["access_token"], False


token, fresh = sign_in()
if fresh:
    for course in ("campus-demo", "bench-course-1", "bench-course-2"):
        call("POST", f"/api/v1/courses/{course}/enrollment", token=token)
    for lesson in ("intro", "requirements", "rest-api"):
        call("GET", f"/api/v1/lessons/lesson:campus-demo-{lesson}", token=token)
    for lesson in ("lesson:campus-demo-intro", "lesson:campus-demo-requirements", "lesson:bench-course-1-1"):
        call("POST", f"/api/v1/lessons/{lesson}/completion", token=token)
    call("PUT", f"/api/v1/lessons/{LESSON}/bookmark", {"bookmarked": True}, token=token)
    attempt = call("POST", "/api/v1/quizzes/quiz:campus-demo/start", token=token)
    answers = answers_for(attempt)
    call("POST", f"/api/v1/quizzes/quiz:campus-demo/attempts/{attempt['attempt_id']}/submit", {"answers": answers}, token=token)

dashboard = call("GET", "/api/v1/users/me/dashboard", token=token)
found = call("GET", "/api/v1/courses?q=" + urllib.parse.quote(QUERY))
lesson = call("GET", f"/api/v1/lessons/{LESSON}", token=token)
assert len(dashboard["enrollments"]) == 3 and dashboard["last_attempts"], dashboard
assert found["items"], found
assert lesson["progress"]["bookmarked"], lesson
print(f"prepare_learning: dashboard with {len(dashboard['enrollments'])} enrollments and {len(dashboard['last_attempts'])} attempts, "
      f"q={QUERY} finds {len(found['items'])} courses on the first page", file=sys.stderr)
with open(f"{workdir}/learning.txt", "w") as out:
    out.write(f"{token} /api/v1/lessons/{LESSON}\n")
