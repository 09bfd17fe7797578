"""Unseen items: a graded quiz should hold only tasks the learner has not met elsewhere.

A lesson exercise shows its answer once checked, and so do the tasks of
``practice`` and ``quiz`` mode quizzes. A graded quiz (``quiz`` mode) that asks one
of them again measures what the learner remembers of its answer, not the skill.
Every task of a ``quiz`` mode quiz gets a warning (the build goes on; ``mkdocs
build --strict`` stops on it) when

- it is a lesson exercise, reused with ``ref:``;
- it shows the same content as a lesson exercise or a task of another quiz, as
  :func:`~annotrain.course.sealing.content_keys` compares them (the same prompt,
  text and media, or the same media with the same type and labels);
- a task of another quiz has its id.

Exams are not matched against: they publish no answers. ``practice`` quizzes are
for practice and may reuse anything; ``exam`` quizzes are held to the same rules
as errors (:mod:`.sealing`); a quiz with ``reuse: allowed`` is a review its trainer
wants, and is not checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import AuthoringWarning
from .sealing import content_keys

if TYPE_CHECKING:  # quizfile.py calls this module
    from .quizzes import Quiz, QuizEntry
    from .tasks import Task

#: The ``reuse`` setting of a quiz: ``warn`` (the default) or ``allowed``.
REUSE = ("warn", "allowed")


@dataclass(frozen=True)
class _Place:
    """Where a learner meets a task with its answer: a lesson, or a quiz's entry."""

    task: Task
    quiz: Quiz | None = None  # None: a lesson exercise
    line: int | None = None

    def __str__(self) -> str:
        if self.quiz is None:
            where = _at(self.task.path, self.task.line)
            return f"the lesson exercise {self.task.id!r}{where}"
        return f"task {self.task.id!r} of quiz {self.quiz.id!r}{_at(self.quiz.path, self.line)}"

    @property
    def seen_by(self) -> str:
        return (
            "learners who did that exercise" if self.quiz is None else "learners who took that quiz"
        )


def reuse_warnings(
    quizzes: Mapping[str, Quiz], exercises: Mapping[str, Task]
) -> list[AuthoringWarning]:
    """A warning for every task of a ``quiz`` mode quiz that the site shows elsewhere."""
    published = [quiz for quiz in quizzes.values() if not quiz.sealed]
    by_content: dict[tuple, list[_Place]] = {}
    by_id: dict[str, list[_Place]] = {}
    for task in exercises.values():
        for key in content_keys(task):
            by_content.setdefault(key, []).append(_Place(task))
    for quiz in published:
        for entry in quiz.entries.values():
            if entry.ref:  # the lesson exercise above stands for it
                continue
            place = _Place(entry.task, quiz, entry.line)
            by_id.setdefault(entry.task.id, []).append(place)
            for key in content_keys(entry.task):
                by_content.setdefault(key, []).append(place)
    warnings: list[AuthoringWarning] = []
    for quiz in published:
        if quiz.mode != "quiz" or quiz.reuse == "allowed":
            continue
        for entry in quiz.entries.values():
            found = _seen_elsewhere(quiz, entry, by_content, by_id)
            if found is None:
                continue
            how, place = found
            warnings.append(
                AuthoringWarning(
                    f"task {entry.task.id!r} of quiz {quiz.id!r} {how} {place}; {place.seen_by} "
                    "have seen its answer, so here it measures memory, not skill: write a new "
                    "task in its place, or set 'reuse: allowed' if the quiz is meant as a review",
                    quiz.path,
                    entry.line,
                )
            )
    return warnings


def _seen_elsewhere(
    quiz: Quiz, entry: QuizEntry, by_content: dict, by_id: dict
) -> tuple[str, _Place] | None:
    """(how the entry repeats it, the first other place showing it), or None."""
    if entry.ref:
        return "reuses (ref:)", _Place(entry.task)
    for key in content_keys(entry.task):
        others = [place for place in by_content.get(key, ()) if place.quiz is not quiz]
        if others:
            same = "prompt, text and media" if key[0] == "shown" else "media and labels"
            return f"shows the same {same} as", others[0]
    others = [place for place in by_id.get(entry.task.id, ()) if place.quiz is not quiz]
    if others:
        return "has the same id as", others[0]
    return None


def _at(path: str | None, line: int | None) -> str:
    if path and line:
        return f" ({path}:{line})"
    return f" ({path})" if path else ""
