"""One row per task: how much its raters agreed, and the conventions every type keeps.

Every task row carries a **disagreement** in [0, 1] (0: everyone gave the same
answer; 1: no two raters agree at all), so tasks of every type sort together, most
disputed first. ``agreement`` is 1 - disagreement.

A type compares the answers of every pair of raters on a task (:func:`answer_pairs`)
with the measure its grader uses against the gold, and turns the mean over the pairs
into the task's disagreement. Answers missing from a task are not paired: a rater who
did not answer is not a rater of that task.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from .ratings import TaskRatings


@dataclass
class TaskRow:
    """One task answered by two or more people: how much they agreed, and on what."""

    task: str
    type: str
    raters: int
    agreement: float  # 1 - disagreement (choice: share of agreeing pairs...)
    measure: str  # what ``agreement`` is, in words
    labels: dict[str, int]  # label -> how many raters chose it (objects: how many drawn)
    #: every measure of the task by name (None: undefined for this task)
    measures: dict[str, float | None] = field(default_factory=dict)
    disagreement: float | None = None  # in [0, 1]; 1 - agreement unless given

    def __post_init__(self) -> None:
        if self.disagreement is None:
            self.disagreement = 1.0 - self.agreement

    def to_json(self) -> dict:
        """The row as the JSON report writes it."""
        return {
            "task": self.task,
            "type": self.type,
            "raters": self.raters,
            "agreement": self.agreement,
            "measure": self.measure,
            "labels": self.labels,
            "disagreement": self.disagreement,
            "measures": self.measures,
        }


def answer_pairs(item: TaskRatings) -> list[tuple[Any, Any]]:
    """Every pair of two raters' answers to the task."""
    return list(combinations(item.answers.values(), 2))


def ordered_counts(counts: Counter, labels: tuple[str, ...] | None) -> dict[str, int]:
    """Label counts, most chosen first (in the task's label order on ties)."""
    order = {label: i for i, label in enumerate(labels or ())}
    keys = sorted(counts, key=lambda k: (-counts[k], order.get(k, len(order)), k))
    return {key: counts[key] for key in keys}
