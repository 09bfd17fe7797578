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


RESPONSES = {
    "choice": choice,
    "multi": multi,
}


def random_response(rng: random.Random, task: dict):
    """A response for ``task``: one in ten is malformed, the rest come from its type."""
    if rng.random() < 0.1:
        return rng.choice(MALFORMED)
    return RESPONSES[task["type"]](rng, task)
