"""Ratings: every rater's answer to each task, collected from attempt files.

:func:`collect` reads each response with its task type's agreement hook
(:attr:`annotrain.tasktypes.base.TaskType.agreement`, ``read``): a response the
hook cannot use counts as no answer. :func:`listed` is the first step of the
readers of answers that are lists of objects (spans, boxes, points...).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..tasktypes import TASK_TYPES


@dataclass
class TaskRatings:
    """Every rater's answer to one task; ``labels`` is the task's label set when known."""

    task: str
    type: str
    labels: tuple[str, ...] | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    #: the course task's options (tolerances, scale, normalisation...); {} when unknown
    options: dict[str, Any] = field(default_factory=dict)
    #: the course task's gold (numeric tolerances are relative to it); None when unknown
    gold: Any = None


def listed(response: Any, key: str) -> list[dict] | None:
    """The objects (dicts) listed under ``key`` of a response; None when there is no list."""
    items = response.get(key) if isinstance(response, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else None


def type_of_response(response: Any) -> str | None:
    """The task type a response's shape belongs to, when the task is not known.

    The first type in ``TASK_TYPES`` whose answer key the response has: a
    ``pairwise`` answer looks like a ``choice`` answer and is read as one.
    """
    if isinstance(response, dict):
        for name, kind in TASK_TYPES.items():
            if kind.agreement.key in response:
                return name
    return None


def collect(attempts: Iterable, known: dict[str, Any]) -> tuple[list[TaskRatings], list[str]]:
    """Ratings per task from :class:`~annotrain.grading.attempts.Attempt` objects.

    A rater is the attempt's candidate (:attr:`Attempt.who`); when one person
    answered a task in several attempts, the last submitted answer counts. ``known``
    maps task ids to course tasks: their type and labels are used and responses are
    normalised as the grader does; other tasks are typed by their response's shape.
    Returns the ratings (in task id order) and notes on what was left out.
    """
    notes: list[str] = []
    answers: dict[str, dict[str, Any]] = {}  # task -> rater -> answer
    types: dict[str, set[str]] = {}
    replaced = 0
    unsupported: dict[str, str] = {}
    for attempt in sorted(attempts, key=lambda a: (a.submitted, a.path)):
        for task_id in attempt.tasks:
            response = attempt.responses.get(task_id)
            task = known.get(task_id)
            type_name = task.type if task is not None else type_of_response(response)
            if type_name is None:
                continue  # not answered, or a shape no task type has
            if type_name not in TASK_TYPES:
                unsupported[task_id] = type_name
                continue
            if task is not None:
                response = task.kind.normalize(task, response)
            answer = TASK_TYPES[type_name].agreement.read(response)
            if answer is None:
                continue
            types.setdefault(task_id, set()).add(type_name)
            by_rater = answers.setdefault(task_id, {})
            replaced += attempt.who in by_rater
            by_rater[attempt.who] = answer
    if replaced:
        notes.append(
            f"{replaced} answer{'s' * (replaced != 1)} replaced by a later attempt of the same person"
        )
    for task_id, type_name in sorted(unsupported.items()):
        notes.append(f"{task_id}: agreement for {type_name} tasks is not measured yet")
    for task_id in sorted(answers):
        if len(types[task_id]) == 1 and known.get(task_id) is None:
            (type_name,) = types[task_id]
            notes += TASK_TYPES[type_name].agreement.notes_without_task(task_id, answers[task_id])
    ratings = []
    for task_id in sorted(answers):
        if len(types[task_id]) > 1:
            notes.append(
                f"{task_id}: answers of different shapes ({', '.join(sorted(types[task_id]))}); left out"
            )
            continue
        task = known.get(task_id)
        labels = task.options.get("labels") if task is not None else None
        labels = tuple(labels) if labels else None
        options = dict(task.options) if task is not None else {}
        gold = task.gold if task is not None else None
        ratings.append(
            TaskRatings(task_id, types[task_id].pop(), labels, answers[task_id], options, gold)
        )
    return ratings, notes
