"""``choice``: pick exactly one label (sentiment, topic, spam or not...).

Fields: ``labels`` (2 or more), ``ordered: true`` when the labels form a scale in
the order given. Response: ``{"choice": "Neutral"}`` (``null`` for no answer).

Measures:

- ``correct``: 1 when the choice is the gold label, else 0.
- ``ordinal_similarity`` (ordered labels only): 1 - d / (n - 1), where d is the
  number of steps between the chosen and the gold label on the n-label scale; 0
  when nothing is chosen.
- ``ordinal_distance`` (ordered labels only): d itself (lower is better); n - 1
  when nothing is chosen.
"""

from __future__ import annotations

from typing import Any

from ...course.fields import Fields, describe, suggest
from ...messages import fill
from ..base import TaskType


def _chosen(task, response: dict) -> str | None:
    return response.get("choice")


def _distance(task, response: dict) -> tuple[int | None, int]:
    labels = task.options["labels"]
    span = len(labels) - 1
    choice = _chosen(task, response)
    if choice is None:
        return None, span
    return abs(labels.index(choice) - labels.index(task.gold["choice"])), span


def correct(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    choice, gold = _chosen(task, response), task.gold["choice"]
    if choice is None:
        return 0.0, [messages["note_choice_none"]]
    if choice == gold:
        return 1.0, [fill(messages["note_choice_right"], choice=choice)]
    return 0.0, [fill(messages["note_choice_wrong"], choice=choice, gold=gold)]


def _distance_notes(
    task, response: dict, messages: dict, distance: int | None, span: int
) -> list[str]:
    if distance is None:
        return [messages["note_choice_none"]]
    choice, gold = _chosen(task, response), task.gold["choice"]
    if distance == 0:
        return [fill(messages["note_choice_right"], choice=choice)]
    return [
        fill(
            messages["note_choice_distance"], choice=choice, gold=gold, distance=distance, span=span
        )
    ]


def ordinal_similarity(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    distance, span = _distance(task, response)
    value = 0.0 if distance is None else 1.0 - distance / span
    return value, _distance_notes(task, response, messages, distance, span)


def ordinal_distance(task, response: dict, messages: dict) -> tuple[float, list[str]]:
    distance, span = _distance(task, response)
    value = float(span if distance is None else distance)
    return value, _distance_notes(task, response, messages, distance, span)


class ChoiceType(TaskType):
    """Pick one label; optional ordinal scale."""

    name = "choice"
    widget_helpers = ("options.js",)
    fields = ("labels", "ordered")
    response_fields = ("choice",)
    gold_example = "{choice: Neutral}"
    measures = {
        "correct": correct,
        "ordinal_similarity": ordinal_similarity,
        "ordinal_distance": ordinal_distance,
    }

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        return {"labels": self.read_labels(fields), "ordered": fields.boolean("ordered")}

    def read_gold(self, task, gold: Fields) -> dict:
        labels = task.options["labels"]
        choice = gold.text("choice", required=True)
        if choice not in labels:
            raise gold.error(
                "choice",
                f"gold choice {describe(gold.raw('choice'))} is not among the labels"
                f"{suggest(choice, labels)}; labels: {', '.join(labels)}",
            )
        return {"choice": choice}

    def normalize(self, task, response: Any) -> dict:
        choice = response.get("choice") if isinstance(response, dict) else None
        return {"choice": choice if choice in task.options["labels"] else None}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        return canonical["choice"] is not None

    def measure_problem(self, task, measure: str) -> str | None:
        problem = super().measure_problem(task, measure)
        if problem is None and measure.startswith("ordinal") and not task.options["ordered"]:
            return (
                f"measure {measure!r} needs labels on a scale: add 'ordered: true' to the exercise"
            )
        return problem
