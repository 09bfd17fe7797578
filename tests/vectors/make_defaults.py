"""Writes tests/vectors/defaults.json: tasks that name no rubric, graded with their type's
default rubric (``default-<type>``, shipped in ``tasktypes/<type>/rubric.yml``).

Every type's starter (``tasktypes/<type>/starter.yml``) is read without its ``rubric:``
line, so the task JSON carries the default rubric the browser gets. Expected grades
are worked out by hand from those rubric files: each type's blank (score 0, every
criterion at its lowest level), and a right and a wrong answer to the choice and
multi starters. tests/test_default_rubrics.py checks that the rubrics in this file
are still the shipped ones.
Run from the repository root: python tests/vectors/make_defaults.py
"""

from __future__ import annotations

import re

from common import ROOT, blank, crit, grade, task_reader, write

from annotrain.tasktypes import TASK_TYPES

task = task_reader(path="course/week-1/lesson.md")


def starter(type_name: str) -> dict:
    """The type's starter without ``rubric:``, as the loader gives it to the browser."""
    text = (ROOT / "plugins/annotrain/tasktypes" / type_name / "starter.yml").read_text()
    text = re.sub(r"(?m)^rubric:.*\n", "", text).replace("{id}", f"default-{type_name}-task")
    return task(text)


TASKS = {name: starter(name) for name in TASK_TYPES}
CHOICE, MULTI = TASKS["choice"], TASKS["multi"]
assert CHOICE["gold"] == {"choice": "Negative"}, CHOICE["gold"]
assert MULTI["labels"] and MULTI["rubric"]["id"] == "default-multi"

# default-choice: one critical criterion, correct (5: min 1; 1: anything else).
RIGHT = "The label is the one the guideline calls for."
WRONG = "The label contradicts the guideline: the item would train the model on the wrong answer."
CASES = [
    (
        "choice starter, no rubric: the gold label scores 1 with default-choice",
        CHOICE,
        {"choice": "Negative"},
        grade(
            CHOICE["id"],
            "choice",
            1.0,
            True,
            correctness=crit(5, 1.0, RIGHT, "You chose Negative, which matches the gold answer."),
        ),
    ),
    (
        "choice starter, no rubric: another label is level 1 of 5, 1/5 = 0.2, critical",
        CHOICE,
        {"choice": "Positive"},
        grade(
            CHOICE["id"],
            "choice",
            0.2,
            False,
            correctness=crit(1, 0.0, WRONG, "You chose Positive; the gold answer is Negative."),
        ),
    ),
]

# default-multi: precision (weight 2; 5: min 1, 3: min 0.5) and completeness
# (weight 2, critical; 5: min 1, 3: min 0.5). The starter's gold decides the cases.
gold = MULTI["gold"]["choices"]
other = [label for label in MULTI["labels"] if label not in gold]
assert len(gold) == 2 and other, (gold, MULTI["labels"])
CASES.append(
    (
        "multi starter, no rubric: the gold tags score 1 with default-multi",
        MULTI,
        {"choices": list(gold)},
        grade(
            MULTI["id"],
            "multi",
            1.0,
            True,
            precision=crit(
                5,
                1.0,
                "Every tag chosen applies to the item.",
                "Every option you chose is in the gold answer.",
            ),
            completeness=crit(
                5,
                1.0,
                "Every tag that applies was found.",
                "You found every option of the gold answer.",
            ),
        ),
    )
)
# One gold tag and one extra: precision 1/2 (level 3), completeness 1/2 (level 3):
# (2 x 3 + 2 x 3) / (4 x 5) = 0.6, below the pass mark 0.8.
CASES.append(
    (
        "multi starter, no rubric: one tag right, one extra, one missed: 0.6",
        MULTI,
        {"choices": [gold[0], other[0]]},
        grade(
            MULTI["id"],
            "multi",
            0.6,
            False,
            precision=crit(
                3,
                0.5,
                "Most chosen tags apply; one or more does not.",
                f"Chosen but not in the gold answer: \u201c{other[0]}\u201d.",
            ),
            completeness=crit(
                3,
                0.5,
                "At least half of the tags that apply were found.",
                f"In the gold answer but not chosen: \u201c{gold[1]}\u201d.",
            ),
        ),
    )
)
for name, task_json in TASKS.items():
    CASES.append(
        (f"{name} starter, no rubric: no response is a blank, 0", task_json, None, blank(task_json))
    )

write(
    "defaults",
    "Tasks that name no rubric, graded with their type's default rubric (default-<type>).",
    CASES,
)
