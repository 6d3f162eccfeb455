#!/usr/bin/env python3
"""Writes a made-up question bank of the real bank's shape for the `import_start` suite (benchmarks/import_start.sh):
COUNT single- and multiple-choice questions over the 9 categories of the public bank, each with options, weights,
a category, an explanation and an English translation (question, options, explanation), plus the quiz
`quiz:import-bench` that asks the first 143 of them, as `campus content import` reads it.

The questions are the demo's choice questions (Sources/CampusServer/Resources/demo/demo-content.json) reworded by
number, as benchmarks/make_public_bank.py does, so every text is distinct and none comes from a real bank.
--break INDEX drops the options of question INDEX (0-based), so the whole file must be refused.

Usage: make_question_bank.py demo-content.json COUNT out.json [--break INDEX]"""
import argparse
import copy
import json

parser = argparse.ArgumentParser()
parser.add_argument("demo")
parser.add_argument("count", type=int)
parser.add_argument("out")
parser.add_argument("--break", dest="broken", type=int, default=None)
args = parser.parse_args()

bundle = json.load(open(args.demo))
choice = [q for q in bundle["questions"] if q.get("mode", "single") in ("single", "multiple") and q.get("options")]
categories = ["requirements", "api", "database", "messaging", "architecture", "security", "testing", "process", "documentation"]
questions = []
for index in range(args.count):
    number = index + 1
    source = copy.deepcopy(choice[index % len(choice)])
    source.pop("accepted", None)
    source["id"] = f"bench-q-{number}"
    source["category"] = categories[index % len(categories)]
    source["question"] = f"Вымышленный вопрос {number}: " + source["question"]
    for option in source["options"]:
        option["text"] = f"{option['text']} (вариант {number}{option['value']})"
    best = max(source["weights"], key=source["weights"].get)
    source["explanation"] = (f"Пояснение к вымышленному вопросу {number}: лучший ответ — «{best}», "
                             "остальные варианты неполны или ведут к ошибке в требованиях.")
    english = source.setdefault("translations", {}).setdefault("en", {})
    english["question"] = f"Made-up question {number}: " + english.get("question", "")
    english["options"] = {value: f"{text} (variant {number}{value})" for value, text in english.get("options", {}).items()}
    english["explanation"] = f"Explanation of made-up question {number}: the best answer is “{best}”; the others are incomplete or misleading."
    questions.append(source)
if args.broken is not None:
    del questions[args.broken]["options"]

quiz = copy.deepcopy(bundle["quizzes"][0])
quiz["_id"], quiz["slug"], quiz["title"] = "quiz:import-bench", "import-bench", "Import benchmark"
template = next(iter(quiz["categories"].values()))
quiz["categories"] = {name: dict(template, name=name.title()) for name in categories}
quiz["question_ids"] = [question["id"] for question in questions[:143]]
quiz.pop("translations", None)
json.dump({"questions": questions, "quizzes": [quiz]}, open(args.out, "w"), ensure_ascii=False)
