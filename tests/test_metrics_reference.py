"""The multi-select measures against scikit-learn on random label sets.

Our definitions (trainer guide, "Measures") match scikit-learn's binary precision,
recall, Jaccard and F1 over the label indicator vector wherever scikit-learn's
value is defined; where it divides by zero we state our value and scikit-learn's
``zero_division`` argument reproduces it.
"""

from __future__ import annotations

import random
import warnings

import pytest
from sklearn.metrics import f1_score, jaccard_score, precision_score, recall_score

from annotrain.course.rubrics import Criterion, Level, LevelRule, Rubric
from annotrain.course.tasks import Task
from annotrain.tasktypes.multi.kind import MultiType, f1, jaccard, precision, recall

LABELS = [f"L{i}" for i in range(7)]
RUBRIC = Rubric(
    "r",
    "r",
    (Level(1, "ok"), Level(0, "no")),
    (Criterion("c", "c", 1.0, False, "precision", (LevelRule(1, "", 1.0), LevelRule(0, ""))),),
)


def make_task(gold: list[str]) -> Task:
    return Task("t", "multi", "p", RUBRIC, {"choices": gold}, options={"labels": LABELS})


def indicator(chosen: list[str]) -> list[int]:
    return [int(label in chosen) for label in LABELS]


def random_sets(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        gold = [label for label in LABELS if rng.random() < 0.4]
        chosen = [label for label in LABELS if rng.random() < 0.4]
        yield gold, chosen


@pytest.mark.parametrize(
    "ours, reference",
    [
        (precision, precision_score),
        (recall, recall_score),
        (jaccard, jaccard_score),
        (f1, f1_score),
    ],
    ids=["precision", "recall", "jaccard", "f1"],
)
def test_against_scikit_learn(ours, reference, messages):
    checked = 0
    for gold, chosen in random_sets(seed=7, count=400):
        task = make_task(gold)
        response = MultiType().normalize(task, {"choices": chosen})
        value, _ = ours(task, response, messages)
        # Where scikit-learn would divide by zero, our documented value is 1 when
        # both sets are empty and 0 when only the learner's set is.
        zero_division = 1.0 if not gold and not chosen else 0.0
        if reference is recall_score and not gold:
            zero_division = 1.0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = reference(indicator(gold), indicator(chosen), zero_division=zero_division)
        assert value == pytest.approx(expected, abs=1e-12), (gold, chosen)
        checked += 1
    assert checked == 400
