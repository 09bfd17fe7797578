"""Sealed exams: an exam-mode quiz may share no task with what the site publishes.

A static site cannot keep a secret it ships. Lesson exercises and the tasks of
``practice`` and ``quiz`` mode quizzes are published with their gold (the browser
grades them), so an exam that reused one would hand its answer to anyone who reads
the site. Two rules keep an exam's bank out of the site:

- an exam-mode quiz may not ``ref:`` a lesson exercise;
- a task written in an exam-mode quiz may not show the same prompt, text and media
  (image or audio file) as a published task: a copy carries the same answer.

The rules cover one site. An exam bank kept in a public repository is public, and
what candidates remember of an exam is not covered by any rule (see the trainer
guide, "Quizzes", on the trust model).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..errors import AuthoringError

if TYPE_CHECKING:  # quizzes.py calls this module
    from .quizzes import Quiz
    from .tasks import Task

#: The task options that name a media file; their published path stands for the file.
MEDIA_OPTIONS = ("image", "audio")


def content_key(task: Task) -> tuple:
    """What a candidate sees of ``task``: its prompt, text and media files."""
    media = tuple(
        task.options[name]["src"]
        for name in MEDIA_OPTIONS
        if isinstance(task.options.get(name), dict) and "src" in task.options[name]
    )
    return (" ".join(task.prompt.split()), " ".join((task.text or "").split()), media)


def _published(exercises: Mapping[str, Task], quizzes: Mapping[str, Quiz]) -> dict:
    """Content key -> (task, where it is published), for every task whose gold is."""
    published: dict[tuple, tuple[Task, str]] = {}
    for task in exercises.values():
        published.setdefault(content_key(task), (task, "a lesson exercise"))
    for quiz in quizzes.values():
        if quiz.sealed:
            continue
        for entry in quiz.entries.values():
            where = f"quiz {quiz.id!r} ({quiz.mode} mode)"
            published.setdefault(content_key(entry.task), (entry.task, where))
    return published


def sealing_errors(
    quizzes: Mapping[str, Quiz], exercises: Mapping[str, Task]
) -> list[AuthoringError]:
    """Every place where an exam-mode quiz shares a task with the published site."""
    published = _published(exercises, quizzes)
    errors: list[AuthoringError] = []
    for quiz in (quiz for quiz in quizzes.values() if quiz.sealed):
        for entry in quiz.entries.values():
            task = entry.task
            if entry.ref:
                errors.append(
                    AuthoringError(
                        f"exam quiz {quiz.id!r} reuses the lesson exercise {task.id!r} "
                        "(ref:), whose gold and explanation its lesson page publishes: "
                        "anyone could look the answer up; write a task of the exam's own "
                        "in its place",
                        quiz.path,
                        entry.line,
                    )
                )
                continue
            twin = published.get(content_key(task))
            if twin is not None:
                other, where = twin
                errors.append(
                    AuthoringError(
                        f"task {task.id!r} of exam quiz {quiz.id!r} shows the same prompt, "
                        f"text and media as {where} {other.id!r}"
                        f"{_place(other)}, whose gold the site publishes; change the "
                        "exam's task (another passage, image or clip)",
                        quiz.path,
                        entry.line,
                    )
                )
    return errors


def _place(task: Task) -> str:
    if task.path and task.line:
        return f" ({task.path}:{task.line})"
    return f" ({task.path})" if task.path else ""
