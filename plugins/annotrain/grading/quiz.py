"""Drawing a quiz's tasks and scoring an attempt. Pure, mirrored by quiz-core.js.

The draw: Mulberry32 seeded with the attempt's 32-bit seed; for each section in
order a Fisher-Yates shuffle (from the end) of its tasks, keeping the first
``draw``; then, when the quiz shuffles, a Fisher-Yates shuffle of all drawn tasks,
and when it does not, the drawn tasks in the order they are written.
Each section is shuffled even when all its tasks are kept, so the random stream
is consumed the same way whatever the settings.

The score: sum(weight x task score) / sum(weight) over the drawn tasks; passed when
it reaches the pass mark, at most ``max_critical`` tasks failed on a critical
criterion, and no section is held back. Per criterion: the mean of (level / top
level) over the drawn tasks graded on it. Per section with drawn tasks: the
weighted mean of their scores, and for a section with ``min_score`` (a skill gate)
whether that score reaches it (``met``). ``held_back`` lists the titles of the gated
sections, in the quiz's order, whose score falls short, or which have no drawn task
at all (an attempt file that is not the draw of its seed): nothing measured them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..course.quizzes import Quiz
from .task import EPSILON, grade

MASK = 0xFFFFFFFF


def _imul(x: int, y: int) -> int:
    """JavaScript's Math.imul on unsigned 32-bit values."""
    return (x * y) & MASK


def mulberry32(seed: int) -> Callable[[], float]:
    """The Mulberry32 generator: floats in [0, 1), as in quiz-core.js."""
    state = seed & MASK

    def rand() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK
        t = _imul(state ^ (state >> 15), 1 | state)
        t = ((t + _imul(t ^ (t >> 7), 61 | t)) & MASK) ^ t
        return ((t ^ (t >> 14)) & MASK) / 4294967296

    return rand


def shuffle(items: list, rand: Callable[[], float]) -> list:
    """Fisher-Yates from the end, on a copy."""
    result = list(items)
    for i in range(len(result) - 1, 0, -1):
        j = math.floor(rand() * (i + 1))
        result[i], result[j] = result[j], result[i]
    return result


def draw(quiz: Quiz, seed: int) -> list[str]:
    """The task ids of the attempt with ``seed``, in the order shown.

    A sealed simulation's page draws from its published copy (one flat list under
    opaque ids): the same draw, given here under the authored ids.
    """
    if quiz.sealed_simulation:
        authored = {shown: tid for tid, shown in quiz.published_ids.items()}
        return [authored[shown] for shown in draw(quiz.published(), seed)]
    rand = mulberry32(seed)
    drawn: list[str] = []
    for section in quiz.sections:
        written = [entry.task.id for entry in section.entries]
        ids = shuffle(written, rand)
        kept = ids if section.draw is None else ids[: section.draw]
        if not quiz.shuffle:  # the drawn tasks keep the order they are written in
            kept = sorted(kept, key=written.index)
        drawn.extend(kept)
    return shuffle(drawn, rand) if quiz.shuffle else drawn


def grade_quiz(
    quiz: Quiz,
    task_ids: list[str],
    responses: dict,
    messages: dict[str, str],
    grade_task: Callable[[str, Any], dict] | None = None,
) -> dict:
    """Grade an attempt's responses for the drawn ``task_ids``.

    ``grade_task(task id, response)``, if given, grades one task instead of
    :func:`~annotrain.grading.task.grade` (a forgiveness file's grader), as
    ``gradeTask`` does in quiz-core.js.
    """
    entries = quiz.entries
    tasks: dict[str, dict] = {}
    weighted = 0.0
    weights = 0.0
    critical_failures = 0
    sums: dict[str, list] = {}  # criterion id -> [name, sum of level/top, count]
    for task_id in task_ids:
        entry = entries[task_id]
        response = responses.get(task_id)
        result = (
            grade_task(task_id, response) if grade_task else grade(entry.task, response, messages)
        )
        tasks[task_id] = result
        weighted += entry.weight * result["score"]
        weights += entry.weight
        rubric = entry.task.rubric
        for criterion in rubric.criteria:
            level = result["criteria"][criterion.id]["level"]
            if criterion.critical and level == rubric.bottom:
                critical_failures += 1
                break
        for criterion in rubric.criteria:
            level = result["criteria"][criterion.id]["level"]
            item = sums.setdefault(criterion.id, [criterion.name, 0.0, 0])
            item[1] += level / rubric.top
            item[2] += 1
    score = weighted / weights if weights else 0.0
    sections = section_scores(quiz, task_ids, tasks)
    held = held_back(quiz, sections)
    return {
        "quiz": quiz.id,
        "score": score,
        "passed": bool(task_ids)
        and score >= quiz.pass_mark - EPSILON
        and critical_failures <= quiz.max_critical
        and not held,
        "critical_failures": critical_failures,
        "tasks": tasks,
        "criteria": {
            cid: {"name": name, "value": total / count, "count": count}
            for cid, (name, total, count) in sums.items()
        },
        "sections": sections,
        "held_back": held,
    }


def section_scores(quiz: Quiz, task_ids: list[str], grades: dict[str, dict]) -> list[dict]:
    """Each section with drawn tasks, in the quiz's order: ``{title, score, count, min_score, met}``.

    ``min_score`` and ``met`` are None for a section without a gate; otherwise ``met``
    is whether ``score`` reaches ``min_score``.
    """
    drawn = set(task_ids)
    scores = []
    for section in quiz.sections:
        entries = [entry for entry in section.entries if entry.task.id in drawn]
        if not entries:
            continue
        total = 0.0
        weights = 0.0
        for entry in entries:
            total += entry.weight * grades[entry.task.id]["score"]
            weights += entry.weight
        score = total / weights
        gate = section.min_score
        scores.append(
            {
                "title": section.title,
                "score": score,
                "count": len(entries),
                "min_score": gate,
                "met": None if gate is None else score >= gate - EPSILON,
            }
        )
    return scores


def held_back(quiz: Quiz, sections: list[dict]) -> list[str]:
    """The titles of the gated sections that hold the attempt back, in the quiz's order.

    ``sections`` is :func:`section_scores`'s list; a gated section missing from it
    had no drawn task, so nothing showed the skill it asks for.
    """
    met = {s["title"] for s in sections if s["met"] is True}
    return [
        section.title
        for section in quiz.sections
        if section.min_score is not None and section.title not in met
    ]
