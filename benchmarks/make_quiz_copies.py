#!/usr/bin/env python3
"""Writes a bundle with N copies of the demo quiz (quiz:bench-0 … quiz:bench-N-1) over the demo questions."""
import copy
import json
import sys

demo, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
bundle = json.load(open(demo))
quiz = bundle["quizzes"][0]
quizzes = []
for index in range(count):
    clone = copy.deepcopy(quiz)
    clone["_id"] = f"quiz:bench-{index}"
    clone["slug"] = f"bench-{index}"
    clone["settings"]["allow_skip"] = True
    clone["settings"]["max_attempts"] = None
    quizzes.append(clone)
json.dump({"questions": bundle["questions"], "quizzes": quizzes}, open(out, "w"), ensure_ascii=False)
