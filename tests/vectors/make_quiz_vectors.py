"""Writes tests/vectors/quizzes/*.json: whole-quiz grading cases for pytest and node --test.

The quiz JSON is produced by the loader from the YAML below; every expected result
is worked out by hand from the rules in the trainer guide ("How a quiz is scored").
Run: python tests/vectors/make_quiz_vectors.py
"""

from __future__ import annotations

import json

from common import HERE, library

from annotrain.course import yamlpos
from annotrain.course.quizzes import read_quiz
from annotrain.messages import catalog

QUIZ = """
title: Vector quiz
pass: 0.5
max_critical: 0
shuffle: false
sections:
  - title: Choice
    tasks:
      - {type: choice, id: a, prompt: "A?", labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "Yes"}}
      - {type: choice, id: b, prompt: "B?", labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "No"}, weight: 3}
  - title: Tags
    tasks:
      - {type: multi, id: c, prompt: "C?", labels: [A, B, C], rubric: tags-standard, gold: {choices: [A, B]}, weight: 2}
"""
RIGHT = {"a": {"choice": "Yes"}, "b": {"choice": "No"}, "c": {"choices": ["A", "B"]}}


def case(name, responses, score, passed, critical, correctness, precision, completeness, sections):
    return {
        "name": name,
        "tasks": ["a", "b", "c"],
        "responses": responses,
        "expected": {
            "score": score,
            "passed": passed,
            "critical_failures": critical,
            "criteria": {
                "correctness": correctness,
                "precision": precision,
                "completeness": completeness,
            },
            # Section "Choice" holds a (weight 1) and b (weight 3); "Tags" holds c.
            "sections": [
                {"title": "Choice", "score": sections[0], "count": 2},
                {"title": "Tags", "score": sections[1], "count": 1},
            ],
        },
    }


CASES = [
    case("all right", RIGHT, 1.0, True, 0, 1.0, 1.0, 1.0, (1.0, 1.0)),
    case(
        "b wrong: (1 + 3 x 0.2 + 2 x 1) / 6 = 0.6, but b fails on a critical criterion",
        {**RIGHT, "b": {"choice": "Yes"}},
        0.6,
        False,
        1,
        (1 + 0.2) / 2,
        1.0,
        1.0,
        ((1 + 3 * 0.2) / 4, 1.0),
    ),  # fmt: skip
    case(
        "c half found: c scores (2x5 + 2x3) / 20 = 0.8; (1 + 3 + 2 x 0.8) / 6",
        {**RIGHT, "c": {"choices": ["A"]}},
        5.6 / 6,
        True,
        0,
        1.0,
        1.0,
        0.6,
        (1.0, 0.8),
    ),  # fmt: skip
    case(
        # A blank scores 0 with every criterion at its lowest level (1 of 5).
        "nothing answered: every task a blank scoring 0, three critical failures",
        {},
        0.0,
        False,
        3,
        0.2,
        0.2,
        0.2,
        (0.0, 0.0),
    ),
    case(
        "c left blank: (1 + 3 + 2 x 0) / 6, and c fails on completeness, which is critical",
        {**RIGHT, "c": None},
        4 / 6,
        False,
        1,
        1.0,
        0.2,
        0.2,
        (1.0, 0.0),
    ),  # fmt: skip
    case(
        "c answered 'none of these apply': both measures 0, so (2x1 + 2x1) / 20 = 0.2; (1 + 3 + 2 x 0.2) / 6",
        {**RIGHT, "c": {"choices": []}},
        4.4 / 6,
        False,
        1,
        1.0,
        0.2,
        0.2,
        (1.0, 0.2),
    ),  # fmt: skip
]

if __name__ == "__main__":
    quiz = read_quiz(
        yamlpos.load(QUIZ, "vector.yml"), "vector.yml", "vector", library(), {}, catalog("en")
    )
    data = {"description": "A three-task quiz: weights, critical failures, criteria means.",
            "quiz": quiz.to_json("vectors", {}), "cases": CASES}  # fmt: skip
    (HERE / "quizzes" / "weights-and-criticals.json").write_text(
        json.dumps(data, indent=1) + "\n", encoding="utf-8"
    )
