"""Writes tests/vectors/quizzes/*.json: whole-quiz grading cases for pytest and node --test.

weights-and-criticals.json: weights, critical failures and criterion means;
skill-gates.json: sections with a min_score, which hold back an attempt that
misses one whatever its total.

The quiz JSON is produced by the loader from the YAML below; every expected result
is worked out by hand from the rules in the trainer guide ("How a quiz is scored").
Run: python tests/vectors/make_quiz_vectors.py
"""

from __future__ import annotations

import json

from common import HERE, library

from annotrain.course import yamlpos
from annotrain.course.quizfile import read_quiz
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
            # Neither has a min_score, so neither can hold the attempt back.
            "sections": [
                {
                    "title": "Choice",
                    "score": sections[0],
                    "count": 2,
                    "min_score": None,
                    "met": None,
                },
                {"title": "Tags", "score": sections[1], "count": 1, "min_score": None, "met": None},
            ],  # fmt: skip
            "held_back": [],
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

# Skill gates. A wrong choice scores 0.2 (correctness at level 1 of 5); c with one of
# its two tags scores (2x5 + 2x3) / 20 = 0.8. max_critical is high so that the
# critical failures of wrong choices never decide a case: the gates do.
GATED = """
title: Gated vector quiz
pass: 0.5
max_critical: 4
shuffle: false
sections:
  - title: Labels
    min_score: 0.6
    tasks:
      - {type: choice, id: a, prompt: "A?", labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "Yes"}}
      - {type: choice, id: b, prompt: "B?", labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "No"}}
  - title: Tags
    min_score: 0.9
    tasks:
      - {type: multi, id: c, prompt: "C?", labels: [A, B, C], rubric: tags-standard, gold: {choices: [A, B]}}
  - title: Extra
    tasks:
      - {type: choice, id: d, prompt: "D?", labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "Yes"}}
"""
GATED_RIGHT = {"a": {"choice": "Yes"}, "b": {"choice": "No"}, "c": {"choices": ["A", "B"]},
               "d": {"choice": "Yes"}}  # fmt: skip
WRONG = {"a": {"choice": "No"}, "b": {"choice": "Yes"}, "d": {"choice": "No"}}
HALF = {"choices": ["A"]}


def gated(name, responses, score, passed, critical, labels, tags, extra, held_back):
    """A case of the gated quiz: section scores (Labels, Tags, Extra) and what held it back
    (a gated section not held back met its minimum)."""
    return {
        "name": name,
        "tasks": ["a", "b", "c", "d"],
        "responses": responses,
        "expected": {
            "score": score,
            "passed": passed,
            "critical_failures": critical,
            "sections": [
                {
                    "title": "Labels",
                    "score": labels,
                    "count": 2,
                    "min_score": 0.6,
                    "met": "Labels" not in held_back,
                },
                {
                    "title": "Tags",
                    "score": tags,
                    "count": 1,
                    "min_score": 0.9,
                    "met": "Tags" not in held_back,
                },
                {"title": "Extra", "score": extra, "count": 1, "min_score": None, "met": None},
            ],  # fmt: skip
            "held_back": held_back,
        },
    }


GATED_CASES = [
    gated("all right: every gate met", GATED_RIGHT, 1.0, True, 0, 1.0, 1.0, 1.0, []),
    gated(
        "d wrong: Extra has no gate, so its 0.2 holds nothing back; (1 + 1 + 1 + 0.2) / 4",
        {**GATED_RIGHT, "d": WRONG["d"]},
        0.8,
        True,
        1,
        1.0,
        1.0,
        0.2,
        [],
    ),  # fmt: skip
    gated(
        "a wrong: Labels scores (0.2 + 1) / 2 = 0.6, exactly its minimum, which passes",
        {**GATED_RIGHT, "a": WRONG["a"]},
        0.8,
        True,
        1,
        0.6,
        1.0,
        1.0,
        [],
    ),  # fmt: skip
    gated(
        "c half found: Tags 0.8 is below its 0.9 and holds back a total of 3.8 / 4 = 0.95",
        {**GATED_RIGHT, "c": HALF},
        0.95,
        False,
        0,
        1.0,
        0.8,
        1.0,
        ["Tags"],
    ),  # fmt: skip
    gated(
        "a, b wrong and c half found: both gates missed, in the quiz's order; the total"
        " (0.2 + 0.2 + 0.8 + 1) / 4 = 0.55 is above the pass mark",
        {**GATED_RIGHT, **{k: WRONG[k] for k in "ab"}, "c": HALF},
        0.55,
        False,
        2,
        0.2,
        0.8,
        1.0,
        ["Labels", "Tags"],
    ),  # fmt: skip
    gated(
        "b and d wrong: Labels at its minimum, the ungated Extra at 0.2; (1 + 0.2 + 1 + 0.2) / 4",
        {**GATED_RIGHT, "b": WRONG["b"], "d": WRONG["d"]},
        0.6,
        True,
        2,
        0.6,
        1.0,
        0.2,
        [],
    ),  # fmt: skip
]


def write(name: str, description: str, text: str, cases: list[dict]) -> None:
    quiz = read_quiz(yamlpos.load(text, f"{name}.yml"), f"{name}.yml", "vector", library(), {},
                     catalog("en"))  # fmt: skip
    data = {"description": description, "quiz": quiz.to_json("vectors", {}), "cases": cases}
    (HERE / "quizzes" / f"{name}.json").write_text(
        json.dumps(data, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    write("weights-and-criticals", "A three-task quiz: weights, critical failures, criteria means.",
          QUIZ, CASES)  # fmt: skip
    write("skill-gates", "Sections with a min_score: each must be reached on its own to pass.",
          GATED, GATED_CASES)  # fmt: skip
