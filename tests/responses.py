"""Random learner responses per task type, for the Python-vs-JavaScript agreement
test: well-formed answers near and far from the gold, and malformed values.

Each task type adds one function ``(rng, task JSON) -> response`` to RESPONSES.
"""

from __future__ import annotations

import random

MALFORMED = [None, 3, "text", [], {"choice": 5}, {"choices": "A"}, {"spans": "x"}, {"boxes": [1]}]


def choice(rng: random.Random, task: dict):
    return {"choice": rng.choice([*task["labels"], "Unknown", "", None])}


def multi(rng: random.Random, task: dict):
    labels = [*task["labels"], "Unknown", ""]
    return {"choices": rng.sample(labels, rng.randint(0, len(labels)))}


def rating(rng: random.Random, task: dict):
    values = [level["value"] for level in task["scale"]["levels"]]
    ids = [criterion["id"] for criterion in task["scale"]["criteria"]]
    extras = [0.5, "3", True, None, -1, 99, float(values[0])]
    ratings = {}
    for cid in [*ids, "unknown", "constructor"]:
        roll = rng.random()
        if roll < 0.7:
            ratings[cid] = rng.choice(values)
        elif roll < 0.85:
            ratings[cid] = rng.choice(extras)
    return {"ratings": ratings}


def numeric(rng: random.Random, task: dict):
    gold = task["gold"]["value"]
    tolerance = task["tolerance"]
    bound = max(tolerance["absolute"] or 0, (tolerance["relative"] or 0) * abs(gold), 0.01)
    unit = task["unit"] or ""
    roll = rng.random()
    if roll < 0.5:
        return {"value": gold + rng.uniform(-3, 3) * bound}
    if roll < 0.6:
        return {"value": gold + rng.choice([-1, 1]) * bound}
    if roll < 0.8:
        number = round(gold + rng.uniform(-3, 3) * bound, rng.randint(0, 4))
        text = repr(number).replace(".", rng.choice([".", ","]))
        return {"value": text + rng.choice(["", " ", " " + unit, unit])}
    return {
        "value": rng.choice(
            ["", "-", "1,250", "0,125", "\u22120.5", "1e3", "abc", 1e308, -1e308, True, [1], None]
        )
    }


RESPONSES = {
    "choice": choice,
    "multi": multi,
    "rating": rating,
    "numeric": numeric,
}


def random_response(rng: random.Random, task: dict):
    """A response for ``task``: one in ten is malformed, the rest come from its type."""
    if rng.random() < 0.1:
        return rng.choice(MALFORMED)
    return RESPONSES[task["type"]](rng, task)
