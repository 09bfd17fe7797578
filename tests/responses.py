"""Random learner responses per task type, for the Python-vs-JavaScript agreement
test: well-formed answers near and far from the gold, and malformed values.

Each task type adds one function ``(rng, task JSON) -> response`` to RESPONSES.
"""

from __future__ import annotations

import random

MALFORMED = [
    None,
    3,
    "text",
    [],
    {"choice": 5},
    {"choices": "A"},
    {"spans": "x"},
    {"boxes": [1]},
    {"order": {"A": 1}},
]


def choice(rng: random.Random, task: dict):
    return {"choice": rng.choice([*task["labels"], "Unknown", "", None])}


def multi(rng: random.Random, task: dict):
    labels = [*task["labels"], "Unknown", ""]
    return {"choices": rng.sample(labels, rng.randint(0, len(labels)))}


def rank(rng: random.Random, task: dict):
    """A permutation of the ids (most of the time), else a broken order."""
    ids = [item["id"] for item in task["responses"]]
    order = rng.sample(ids, len(ids))
    broken = rng.random()
    if broken < 0.1:
        order = order[:-1]
    elif broken < 0.2:
        order[0] = order[-1]
    elif broken < 0.25:
        order.append("Z")
    elif broken < 0.3:
        order = [rid.lower() for rid in order]
    response = {"order": order}
    if rng.random() < 0.5:
        response["justification"] = rng.choice(["", "  ", "B is accurate.", 7, None])
    return response


def pairwise(rng: random.Random, task: dict):
    ids = [item["id"] for item in task["responses"]]
    response = {"choice": rng.choice([*ids, "tie", "Tie", "", None, 0])}
    if rng.random() < 0.5:
        response["justification"] = rng.choice(["", "A is shorter.", ["x"]])
    return response


RESPONSES = {
    "choice": choice,
    "multi": multi,
    "rank": rank,
    "pairwise": pairwise,
}


def random_response(rng: random.Random, task: dict):
    """A response for ``task``: one in ten is malformed, the rest come from its type."""
    if rng.random() < 0.1:
        return rng.choice(MALFORMED)
    return RESPONSES[task["type"]](rng, task)
