#!/usr/bin/env python3
"""Writes a made-up bank of the replaced service's real shape for the `public` suite: 143 questions over 9
categories (the demo questions reworded by number, so no real question text), single- and multi-choice as
the real bank has, and the quiz `quiz:public-bench` that asks all of them, as `GET /questions` and
`POST /results` serve it. Usage: make_public_bank.py demo-content.json out.json"""
import copy
import json
import sys

demo, out = sys.argv[1], sys.argv[2]
bundle = json.load(open(demo))
categories = ["requirements", "api", "database", "messaging", "architecture", "security", "testing", "process", "documentation"]
questions = []
for index in range(143):
    source = copy.deepcopy(bundle["questions"][index % len(bundle["questions"])])
    source.pop("accepted", None)
    if source.get("mode") == "text" or not source.get("options"):
        source = copy.deepcopy(bundle["questions"][0])
    source["id"] = f"public-{index + 1}"
    source["category"] = categories[index % len(categories)]
    source["question"] = f"Made-up question {index + 1}: " + source["question"]
    questions.append(source)
quiz = copy.deepcopy(bundle["quizzes"][0])
quiz["_id"], quiz["slug"], quiz["title"] = "quiz:public-bench", "public-bench", "Public test benchmark"
template = next(iter(quiz["categories"].values()))
quiz["categories"] = {name: dict(template, name=name.title()) for name in categories}
quiz["question_ids"] = [question["id"] for question in questions]
quiz["settings"]["allow_skip"] = True
quiz.pop("translations", None)
json.dump({"questions": questions, "quizzes": [quiz]}, open(out, "w"), ensure_ascii=False)
