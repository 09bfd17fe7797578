"""Writes tests/vectors/simulation/*.json: the running-accuracy rule of a work
simulation, for pytest (grading/simulation.py) and node --test (simulation-core.js).

running-accuracy.json gives each case its rule and gold tasks; open-batch.json gives
one open simulation's quiz JSON (made by the loader), whose sections say which
tasks are gold, and attempts at it.

Each case is a batch worked in order: gold tasks (choice tasks whose gold is "Yes",
and one multi-label task), work items (ids only: nothing grades them), the
responses, the rule, and the trace and stop decision worked out by hand from the
rule in the trainer guide ("Work simulations"). A gold answer is correct when its
task passes: "Yes" is, "No" is not, a blank is not; the multi-label task half found
scores (2x5 + 2x3) / 20 = 0.8, its rubric's pass mark, so it passes.
Run: python tests/vectors/make_simulation.py
"""

from __future__ import annotations

import json

from common import HERE, library, task_reader

from annotrain.course import yamlpos
from annotrain.course.quizfile import read_quiz
from annotrain.messages import catalog

task = task_reader()
GOLD = {
    f"g{n}": task(
        f'{{type: choice, id: g{n}, prompt: "Gold {n}?", labels: ["Yes", "No"],'
        f' rubric: choice-standard, gold: {{choice: "Yes"}}}}'
    )
    for n in range(1, 10)
}
GOLD["m1"] = task(
    "{type: multi, id: m1, prompt: 'Tags?', labels: [A, B, C], rubric: tags-standard,"
    " gold: {choices: [A, B]}}"
)
Y, N = {"choice": "Yes"}, {"choice": "No"}


def case(name, rule, order, responses, trace, stop=None):
    """``trace``: (task, index, gold_index, correct, correct_in_window, window, judged);
    ``stop``: (task, index, gold_index, missed) or None."""
    keys = ("task", "index", "gold_index", "correct", "correct_in_window", "window", "judged")
    return {
        "name": name,
        "rule": dict(zip(("window", "min_correct", "min_gold"), rule, strict=True)),
        "tasks": order,
        "gold": {tid: GOLD[tid] for tid in order if tid in GOLD},
        "responses": responses,
        "expected": {
            "trace": [dict(zip(keys, row, strict=True)) for row in trace],
            "stopped": stop is not None,
            "stop": None
            if stop is None
            else dict(zip(("task", "index", "gold_index", "missed"), stop, strict=True)),
        },
    }


T, F = True, False
CASES = [
    case(
        "stopped on exactly the 4th gold answer, the first judged: 2 of 4 right, 3 needed;"
        " g5 after the stop is not in the trace",
        (4, 3, 4),
        ["g1", "w1", "g2", "g3", "w2", "g4", "g5"],
        {"g1": Y, "w1": N, "g2": N, "g3": Y, "w2": Y, "g4": N, "g5": Y},
        [
            ("g1", 0, 0, T, 1, 1, F),
            ("g2", 2, 1, F, 1, 2, F),
            ("g3", 3, 2, T, 2, 3, F),
            ("g4", 5, 3, F, 2, 4, T),
        ],
        ("g4", 5, 3, ["g2", "g4"]),
    ),  # fmt: skip
    case(
        "recovery: misses slide out of the window, which never holds fewer than 3 of 4;"
        " 2 of 9 missed and the batch finished",
        (4, 3, 4),
        ["g1", "g2", "w1", "g3", "g4", "g5", "w2", "g6", "g7", "g8", "g9"],
        {"g1": N, "g2": Y, "g3": Y, "g4": Y, "g5": N, "g6": Y, "g7": Y, "g8": Y, "g9": Y},
        [
            ("g1", 0, 0, F, 0, 1, F),
            ("g2", 1, 1, T, 1, 2, F),
            ("g3", 3, 2, T, 2, 3, F),
            ("g4", 4, 3, T, 3, 4, T),
            ("g5", 5, 4, F, 3, 4, T),
            ("g6", 7, 5, T, 3, 4, T),
            ("g7", 8, 6, T, 3, 4, T),
            ("g8", 9, 7, T, 3, 4, T),
            ("g9", 10, 8, T, 4, 4, T),
        ],
    ),  # fmt: skip
    case(
        "every gold missed at the start: nobody is stopped before min_gold (4) gold answers;"
        " the 4th, right, still leaves 1 of 4",
        (4, 3, 4),
        ["g1", "g2", "g3", "w1", "g4"],
        {"g1": N, "g2": N, "g3": N, "g4": Y},
        [
            ("g1", 0, 0, F, 0, 1, F),
            ("g2", 1, 1, F, 0, 2, F),
            ("g3", 2, 2, F, 0, 3, F),
            ("g4", 4, 3, T, 1, 4, T),
        ],
        ("g4", 4, 3, ["g1", "g2", "g3"]),
    ),  # fmt: skip
    case(
        "min_gold 5 above the window of 3: judged from the 5th gold; missed names the window's"
        " misses only (g3, g5), not g1 and g2",
        (3, 2, 5),
        ["g1", "g2", "g3", "g4", "g5"],
        {"g1": N, "g2": N, "g3": N, "g4": Y, "g5": N},
        [
            ("g1", 0, 0, F, 0, 1, F),
            ("g2", 1, 1, F, 0, 2, F),
            ("g3", 2, 2, F, 0, 3, F),
            ("g4", 3, 3, T, 1, 3, F),
            ("g5", 4, 4, F, 1, 3, T),
        ],
        ("g5", 4, 4, ["g3", "g5"]),
    ),  # fmt: skip
    case(
        "a window of 10 and 5 gold in the batch: never judged, so never stopped, all missed",
        (10, 8, 10),
        ["g1", "w1", "g2", "g3", "g4", "g5"],
        {tid: N for tid in ("g1", "g2", "g3", "g4", "g5")},
        [
            ("g1", 0, 0, F, 0, 1, F),
            ("g2", 2, 1, F, 0, 2, F),
            ("g3", 3, 2, F, 0, 3, F),
            ("g4", 4, 3, F, 0, 4, F),
            ("g5", 5, 4, F, 0, 5, F),
        ],
    ),  # fmt: skip
    case(
        "work items unanswered or answered with nonsense never count; m1 half found scores 0.8,"
        " its pass mark, so it is correct",
        (2, 2, 2),
        ["w1", "m1", "w2", "w3", "g1", "w4"],
        {"m1": {"choices": ["A"]}, "w2": {"choice": "nonsense"}, "g1": Y},
        [("m1", 1, 0, T, 1, 1, F), ("g1", 4, 1, T, 2, 2, T)],
    ),  # fmt: skip
    case(
        "blank gold answers are not correct: g2 answered null, g3 not at all",
        (3, 2, 3),
        ["g1", "w1", "g2", "g3"],
        {"g1": Y, "w1": Y, "g2": {"choice": None}},
        [("g1", 0, 0, T, 1, 1, F), ("g2", 2, 1, F, 1, 2, F), ("g3", 3, 2, F, 1, 3, T)],
        ("g3", 3, 2, ["g2", "g3"]),
    ),  # fmt: skip
    case(
        "min_gold 1 judges from the first gold answer: a miss there stops at once",
        (3, 1, 1),
        ["w1", "g1", "g2"],
        {"g1": N, "g2": Y},
        [("g1", 1, 0, F, 0, 1, T)],
        ("g1", 1, 0, ["g1"]),
    ),  # fmt: skip
    case(
        "a wrong multi-label answer (A and C for A and B) scores (2x3 + 2x3) / 20 = 0.6, below"
        " the pass mark of 0.8",
        (2, 2, 2),
        ["g1", "m1"],
        {"g1": Y, "m1": {"choices": ["A", "C"]}},
        [("g1", 0, 0, T, 1, 1, F), ("m1", 1, 1, F, 1, 2, T)],
        ("m1", 1, 1, ["m1"]),
    ),  # fmt: skip
    case("no gold in the batch: an empty trace", (2, 1, 2), ["w1", "w2"], {}, []),
]


# An open simulation: gold a, b, c, d then work items v, w (no shuffle), 2 of the
# last 3 gold answers right, judged from the 3rd.
BATCH = """
title: Open batch
mode: simulation
shuffle: false
simulation: {window: 3, min_correct: 2}
sections:
  - title: Batch
    tasks:
      - {type: choice, id: a, prompt: "A?", labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "Yes"}}
      - {type: choice, id: b, prompt: "B?", labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "No"}}
      - {type: choice, id: c, prompt: "C?", labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "Yes"}}
      - {type: choice, id: d, prompt: "D?", labels: ["Yes", "No"], rubric: choice-standard, gold: {choice: "No"}}
  - title: Batch
    gold: false
    tasks:
      - {type: choice, id: v, prompt: "V?", labels: ["Yes", "No"], rubric: choice-standard}
      - {type: choice, id: w, prompt: "W?", labels: ["Yes", "No"], rubric: choice-standard}
"""
ORDER = ["a", "b", "c", "d", "v", "w"]
BATCH_CASES = [
    {
        "name": "b and c wrong: after c the window holds 1 of 3, so stopped there",
        "tasks": ORDER,
        "responses": {"a": Y, "b": Y, "c": N, "d": N, "v": Y, "w": N},
        "expected": {
            "trace": [
                {
                    "task": "a",
                    "index": 0,
                    "gold_index": 0,
                    "correct": T,
                    "correct_in_window": 1,
                    "window": 1,
                    "judged": F,
                },
                {
                    "task": "b",
                    "index": 1,
                    "gold_index": 1,
                    "correct": F,
                    "correct_in_window": 1,
                    "window": 2,
                    "judged": F,
                },
                {
                    "task": "c",
                    "index": 2,
                    "gold_index": 2,
                    "correct": F,
                    "correct_in_window": 1,
                    "window": 3,
                    "judged": T,
                },
            ],  # fmt: skip
            "stopped": True,
            "stop": {"task": "c", "index": 2, "gold_index": 2, "missed": ["b", "c"]},
        },
    },
    {
        "name": "only c wrong, work items blank: kept, the window at 2 of 3 from c on",
        "tasks": ORDER,
        "responses": {"a": Y, "b": N, "c": N, "d": N},
        "expected": {
            "trace": [
                {
                    "task": "a",
                    "index": 0,
                    "gold_index": 0,
                    "correct": T,
                    "correct_in_window": 1,
                    "window": 1,
                    "judged": F,
                },
                {
                    "task": "b",
                    "index": 1,
                    "gold_index": 1,
                    "correct": T,
                    "correct_in_window": 2,
                    "window": 2,
                    "judged": F,
                },
                {
                    "task": "c",
                    "index": 2,
                    "gold_index": 2,
                    "correct": F,
                    "correct_in_window": 2,
                    "window": 3,
                    "judged": T,
                },
                {
                    "task": "d",
                    "index": 3,
                    "gold_index": 3,
                    "correct": T,
                    "correct_in_window": 2,
                    "window": 3,
                    "judged": T,
                },
            ],  # fmt: skip
            "stopped": False,
            "stop": None,
        },
    },
]


def write(name: str, data: dict) -> None:
    folder = HERE / "simulation"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write(
        "running-accuracy",
        {
            "description": "The running-accuracy rule of a work simulation: trace and stop.",
            "cases": CASES,
        },
    )
    quiz = read_quiz(yamlpos.load(BATCH, "open-batch.yml"), "open-batch.yml", "vector", library(),
                     {}, catalog("en"))  # fmt: skip
    write(
        "open-batch",
        {
            "description": "An open simulation's quiz JSON: its sections say which tasks are gold.",
            "quiz": quiz.to_json("vectors", {}),
            "cases": BATCH_CASES,
        },
    )
