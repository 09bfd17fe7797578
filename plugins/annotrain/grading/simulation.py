"""The running-accuracy rule of a work simulation. Pure, mirrored by simulation-core.js.

A simulation is a batch of tasks worked in order; some are gold, the rest are
work items that nothing grades. The rule, as labeling platforms keep a worker on
a job (Appen's test questions, Toloka's control tasks):

- A gold answer is *correct* when its task passed (the rubric's pass rule, see
  :func:`annotrain.grading.task.grade`); a blank gold answer is not correct.
  Work items, answered or not, never count.
- After each gold answer, the *window* is the last ``window`` (K) gold answers,
  fewer while fewer exist. The rule is *judged* only once at least ``min_gold``
  gold answers exist (``min_gold`` defaults to K: no one is stopped before K
  control answers are in); from then on the window must hold at least
  ``min_correct`` correct answers.
- The first judged gold answer after which it does not is the *stop point*.
  The trace ends there: it is what a live runner records, and a candidate who
  was stopped answered nothing after it.

The result::

    {"trace": [{"task", "index", "gold_index", "correct",
                "correct_in_window", "window", "judged"}, ...],
     "stopped": bool,
     "stop": None | {"task", "index", "gold_index", "missed"}}

``index`` is the task's place in the batch and ``gold_index`` its place among the
gold answers, both counted from 0; ``missed`` lists the gold tasks of the window
at the stop point that were not correct, in batch order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..course.tasks import Task
from .attempts import Attempt, AttemptError
from .task import grade

if TYPE_CHECKING:  # course.quizzes reads the settings through this module's Rule
    from ..course.quizzes import Quiz


@dataclass(frozen=True)
class Rule:
    """Keep a candidate while ``min_correct`` of the last ``window`` gold answers are correct.

    The rule is judged once ``min_gold`` gold answers exist.
    """

    window: int
    min_correct: int
    min_gold: int


def running_accuracy(steps: Iterable[tuple[str, bool | None]], rule: Rule) -> dict:
    """Apply ``rule`` to ``steps``: (task id, correct) in batch order.

    ``correct`` is None for a work item. See the module's docstring for the result.
    """
    trace: list[dict] = []
    recent: list[tuple[str, bool]] = []  # the window: (task id, correct)
    for index, (task_id, correct) in enumerate(steps):
        if correct is None:  # a work item: not graded, not counted
            continue
        recent = [*recent, (task_id, bool(correct))][-rule.window :]
        right = sum(1 for _, ok in recent if ok)
        judged = len(trace) + 1 >= rule.min_gold
        trace.append(
            {
                "task": task_id,
                "index": index,
                "gold_index": len(trace),
                "correct": bool(correct),
                "correct_in_window": right,
                "window": len(recent),
                "judged": judged,
            }
        )
        if judged and right < rule.min_correct:
            missed = [tid for tid, ok in recent if not ok]
            stop = {"task": task_id, "index": index, "gold_index": len(trace) - 1}
            return {"trace": trace, "stopped": True, "stop": stop | {"missed": missed}}
    return {"trace": trace, "stopped": False, "stop": None}


def replay(
    task_ids: list[str],
    gold: Mapping[str, Task],
    responses: Mapping[str, Any],
    rule: Rule,
    messages: dict[str, str],
) -> dict:
    """The rule over a batch, its gold tasks graded with the Python grader.

    ``task_ids``: the batch in the order worked; ``gold``: the gold tasks among them
    (id -> task; the others are work items); ``responses`` by task id (a missing
    one is no answer).
    """
    steps = [
        (tid, grade(gold[tid], responses.get(tid), messages)["passed"] if tid in gold else None)
        for tid in task_ids
    ]
    return running_accuracy(steps, rule)


def simulate(quiz: Quiz, task_ids: list[str], responses: Mapping[str, Any], messages) -> dict:
    """The rule of simulation-mode ``quiz`` over an attempt's ``task_ids`` and ``responses``.

    Ids the quiz does not have count as work items: nothing can grade them.
    """
    entries = quiz.entries
    gold = {
        tid: entries[tid].task
        for tid in task_ids
        if tid in entries and entries[tid].task.gold is not None
    }
    return replay(task_ids, gold, responses, quiz.simulation.rule, messages)


def authored_attempt(attempt: Attempt, quiz: Quiz) -> Attempt:
    """``attempt`` with its task ids as the quiz file writes them.

    A sealed simulation's page shows opaque ids (see
    :func:`annotrain.course.simulation.published_ids`); every other quiz's attempt
    comes back unchanged. Raises AttemptError when an id is none of the quiz's: the
    attempt is at another quiz, or at this one before its ``key`` changed.
    """
    if not quiz.sealed_simulation:
        return attempt
    authored = {shown: tid for tid, shown in quiz.published_ids.items()}
    unknown = [tid for tid in attempt.tasks if tid not in authored]
    if unknown:
        raise AttemptError(
            attempt.path,
            "$.tasks",
            f"{len(unknown)} task ids are not those of sealed simulation {quiz.id!r} "
            f"(first: {unknown[0][:40]!r}); its page names tasks by ids made from the "
            "simulation's key and task ids: grade with the key and task ids the quiz had "
            "when the attempt was made",
        )
    trace = attempt.trace
    if isinstance(trace, list):
        trace = [
            step | {"task": authored.get(step.get("task"), step.get("task"))}
            if isinstance(step, dict)
            else step
            for step in trace
        ]
    return replace(
        attempt,
        tasks=[authored[tid] for tid in attempt.tasks],
        responses={authored[tid]: answer for tid, answer in attempt.responses.items()},
        revealed=[authored[tid] for tid in attempt.revealed],
        contests=[c | {"task": authored[c["task"]]} for c in attempt.contests],
        trace=trace,
    )
