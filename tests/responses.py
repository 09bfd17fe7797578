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


def spans(rng: random.Random, task: dict):
    """Gold spans kept, dropped, relabelled or moved to nearby edges, plus strays and junk."""
    size = len(task["text"])  # code points, as the graders count
    labels = [*task["labels"], "Unknown"]
    result = []
    for gold in task["gold"]["spans"]:
        roll = rng.random()
        if roll < 0.2:
            continue
        item = dict(gold)
        if roll < 0.4:
            item["label"] = rng.choice(labels)
        elif roll < 0.7:
            item["start"] = max(0, item["start"] + rng.randint(-4, 3))
            item["end"] = min(size + 1, item["end"] + rng.randint(-3, 4))
        result.append(item)
    for _ in range(rng.randint(0, 3)):
        start = rng.randint(-1, size)
        result.append(
            {"start": start, "end": start + rng.randint(0, 8), "label": rng.choice(labels)}
        )
    if rng.random() < 0.2:
        result.append(rng.choice([{"start": "1"}, [1, 2], None, {"start": 1.5, "end": 3}]))
    rng.shuffle(result)
    return {"spans": result}


RESPONSES = {
    "choice": choice,
    "multi": multi,
    "spans": spans,
}


def random_response(rng: random.Random, task: dict):
    """A response for ``task``: one in ten is malformed, the rest come from its type."""
    if rng.random() < 0.1:
        return rng.choice(MALFORMED)
    return RESPONSES[task["type"]](rng, task)
