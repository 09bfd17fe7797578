"""Grading a response against its task's rubric. Pure: no I/O, no globals.

For each criterion the task type's measure gives a raw value and notes; the
criterion's thresholds turn the value into a level (best level first, the first
whose threshold holds). Then::

    score  = sum(weight x level) / sum(weight x top level)        in [0, 1]
    passed = score >= rubric pass mark  and  no critical criterion at the lowest level

A blank (a response that is no answer of the task's type, see
``TaskType.answered``) is not measured: it scores 0, does not pass, and each
criterion sits at its lowest level with the value null and one note saying the
task was not answered.

The grade has one shape everywhere (this module, grader.js, attempt files)::

    {"id", "type", "score", "passed",
     "criteria": {criterion id: {"level", "value", "descriptor", "notes"}}}

With ``hide_gold`` (a wrong check in practice, before the learner has seen the
answer) the notes name no gold value: every note comes from the catalog's
``<key>_nogold`` variant where there is one (:func:`annotrain.messages.hidden`),
and a hidden note said twice, or left empty, is dropped (``Objects missed: 2.``
once, not once per object). Levels, values and the score do not change.

The browser grader (``browser/grader.js``) mirrors this module line for line; both
run the shared vectors in ``tests/vectors``.
"""

from __future__ import annotations

from typing import Any

from ..course.tasks import Task
from ..messages import hidden

#: Float slack for the pass mark, so 0.8 computed as 0.7999999999 still passes.
EPSILON = 1e-9


def grade(task: Task, response: Any, messages: dict[str, str], *, hide_gold: bool = False) -> dict:
    """Grade ``response`` (any value; malformed counts as no answer) for ``task``.

    ``hide_gold``: the notes name no gold value (see the module's docstring).
    """
    if hide_gold:
        messages = hidden(messages)
    kind = task.kind
    canonical = kind.normalize(task, response)
    answered = kind.answered(task, canonical, response)
    rubric = task.rubric
    criteria: dict[str, dict] = {}
    earned = 0.0
    possible = 0.0
    critical_failed = False
    for criterion in rubric.criteria:
        if answered:
            value, notes = kind.measures[criterion.measure](task, canonical, messages)
            rule = criterion.rule_for(value)
        else:  # a blank is not measured: the lowest level, and why
            value, notes = None, [messages["note_not_answered"]]
            rule = criterion.rules[-1]
        if hide_gold:
            notes = _once(notes)
        criteria[criterion.id] = {
            "level": rule.level,
            "value": value,
            "descriptor": rule.descriptor,
            "notes": notes,
        }
        earned += criterion.weight * rule.level
        possible += criterion.weight * rubric.top
        if criterion.critical and rule.level == rubric.bottom:
            critical_failed = True
    score = earned / possible if answered and possible else 0.0
    return {
        "id": task.id,
        "type": task.type,
        "score": score,
        "passed": answered and score >= rubric.pass_mark - EPSILON and not critical_failed,
        "criteria": criteria,
    }


def _once(notes: list[str]) -> list[str]:
    """``notes`` without empty ones and without repeats, in order."""
    return [note for index, note in enumerate(notes) if note and note not in notes[:index]]


def gold_shortfalls(task: Task, messages: dict[str, str]) -> list[str]:
    """Criteria on which the task's own gold does not reach the rubric's top level."""
    result = grade(task, task.gold, messages)
    rubric = task.rubric
    problems = []
    for criterion in rubric.criteria:
        reached = result["criteria"][criterion.id]["level"]
        if reached != rubric.top:
            value = result["criteria"][criterion.id]["value"]
            measured = "no answer" if value is None else f"{criterion.measure} = {value:g}"
            problems.append(
                f"{criterion.name} reaches {reached} ({rubric.level_name(reached)}) with {measured}"
            )
    return problems
