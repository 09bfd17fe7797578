"""A generated cohort: attempt files at a quiz of choice and multi tasks, from random candidates.

Each candidate has an ability (0.15 to 1): on each drawn task they give the gold
with that probability, else a random answer of the task's type (which may be
right by chance), and leave one task in twenty blank. Some tasks can be made
*broken*: there the strong candidates are the ones who miss (the gold is wrong),
which gives the task a negative discrimination. A few candidates contest tasks.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from annotrain.course.quizzes import Quiz
from annotrain.grading.quiz import draw


def random_answer(task, rng: random.Random) -> dict:
    labels = list(task.options["labels"])
    if task.type == "choice":
        return {"choice": rng.choice(labels)}
    if task.type == "multi":
        return {"choices": [label for label in labels if rng.random() < 0.4]}
    raise ValueError(f"no random answers for {task.type} tasks")


def cohort(
    quiz: Quiz,
    site: str,
    count: int,
    seed: int = 1,
    broken: tuple[str, ...] = (),
    contest: dict[str, str] | None = None,
) -> list[dict]:
    """``count`` format-2 attempts at ``quiz``; ``contest`` maps task ids to a reason.

    A candidate contests a task of ``contest`` they were given with probability 0.3.
    """
    rng = random.Random(seed)
    entries = quiz.entries
    now = datetime.now(timezone.utc).replace(microsecond=0)
    attempts = []
    for number in range(count):
        ability = rng.uniform(0.15, 1.0)
        attempt_seed = rng.randrange(2**32)
        tasks = draw(quiz, attempt_seed)
        responses = {}
        for task_id in tasks:
            task = entries[task_id].task
            if rng.random() < 0.05:
                continue  # a blank
            good = rng.random() < ability
            if task_id in broken:
                good = not good
            responses[task_id] = dict(task.gold) if good else random_answer(task, rng)
        contests = [
            {"task": task_id, "reason": reason}
            for task_id, reason in (contest or {}).items()
            if task_id in tasks and rng.random() < 0.3
        ]
        started = now - timedelta(minutes=30 + number)
        attempts.append(
            {
                "format": "annotrain-attempt/2",
                "site": site,
                "quiz": quiz.id,
                "quiz_version": quiz.public_version,
                "seed": attempt_seed,
                "candidate": {
                    "name": f"Candidate {number:03d}",
                    "email": f"c{number:03d}@example.org",
                },
                "started": _iso(started),
                "submitted": _iso(started + timedelta(minutes=rng.randint(3, 9))),
                "tasks": tasks,
                "responses": responses,
                "mode": quiz.mode,
                "ticket": None,
                "revealed": [],
                "contests": contests,
                "trace": None,
            }
        )
    return attempts


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
