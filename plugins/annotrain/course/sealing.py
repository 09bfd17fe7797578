"""Sealed exams: an exam-mode quiz may share no task with what the site publishes.

A static site cannot keep a secret it ships. Lesson exercises and the tasks of
``practice`` and ``quiz`` mode quizzes are published with their gold (the browser
grades them), so an exam that reused one would hand its answer to anyone who reads
the site. Two rules keep an exam's bank out of the site:

- an exam-mode quiz may not ``ref:`` a lesson exercise;
- a task written in an exam-mode quiz may not show the same prompt, text and media
  (image or audio file) as a published task, nor the same media with the same
  type and labels: a copy carries the same answer.

The rules cover one site. An exam bank kept in a public repository is public, and
what candidates remember of an exam is not covered by any rule (see the trainer
guide, "Quizzes", on the trust model).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..errors import AuthoringError

if TYPE_CHECKING:  # quizfile.py calls this module
    from .quizzes import Quiz
    from .tasks import Task

#: The task options that name a media file; their published path stands for the file.
MEDIA_OPTIONS = ("image", "audio")


def content_keys(task: Task) -> list[tuple]:
    """What a candidate sees of ``task``, as keys two copies of it share.

    Its prompt, text and media files; and for a task on an image or a clip, also
    its type, media and options (labels, scheme) whatever its prompt says: boxes
    or a transcript of the same picture or clip with the same labels are the same
    answer, however the question is worded.
    """
    media = tuple(
        task.options[name]["src"]
        for name in MEDIA_OPTIONS
        if isinstance(task.options.get(name), dict) and "src" in task.options[name]
    )
    keys = [("shown", _words(task.prompt), _words(task.text or ""), media)]
    if media:
        options = {k: v for k, v in task.options.items() if k not in MEDIA_OPTIONS}
        keys.append(("media", task.type, media, json.dumps(options, sort_keys=True)))
    return keys


def _words(text: str) -> str:
    return " ".join(text.split())


def _published(exercises: Mapping[str, Task], quizzes: Mapping[str, Quiz]) -> dict:
    """Content key -> (task, where it is published), for every task whose gold is."""
    published: dict[tuple, tuple[Task, str]] = {}
    for task in exercises.values():
        for key in content_keys(task):
            published.setdefault(key, (task, "a lesson exercise"))
    for quiz in quizzes.values():
        if quiz.sealed:
            continue
        for entry in quiz.entries.values():
            if entry.task.gold is None:  # a simulation's work item: no answer to give away
                continue
            where = f"quiz {quiz.id!r} ({quiz.mode} mode)"
            for key in content_keys(entry.task):
                published.setdefault(key, (entry.task, where))
    return published


def sealing_errors(
    quizzes: Mapping[str, Quiz], exercises: Mapping[str, Task]
) -> list[AuthoringError]:
    """Every place where an exam-mode quiz or a sealed simulation shares a task with the site.

    A simulation's work items are left out: they have no answer to give away.
    """
    published = _published(exercises, quizzes)
    errors: list[AuthoringError] = []
    for quiz in (quiz for quiz in quizzes.values() if quiz.sealed):
        what = "exam quiz" if quiz.mode == "exam" else "sealed simulation"
        for entry in quiz.entries.values():
            task = entry.task
            if task.gold is None:  # a work item of a sealed simulation: nothing to reveal
                continue
            if entry.ref:
                errors.append(
                    AuthoringError(
                        f"{what} {quiz.id!r} reuses the lesson exercise {task.id!r} "
                        "(ref:), whose gold and explanation its lesson page publishes: "
                        "anyone could look the answer up; write a task of the exam's own "
                        "in its place",
                        quiz.path,
                        entry.line,
                    )
                )
                continue
            twins = [published[key] for key in content_keys(task) if key in published]
            if twins:
                other, where = twins[0]
                same = (
                    "the same prompt, text and media"
                    if content_keys(other)[0] == content_keys(task)[0]
                    else "the same media and labels"
                )
                errors.append(
                    AuthoringError(
                        f"task {task.id!r} of {what} {quiz.id!r} shows {same} as {where} "
                        f"{other.id!r}{_place(other)}, whose gold the site publishes; change "
                        "the exam's task (another passage, image or clip)",
                        quiz.path,
                        entry.line,
                    )
                )
    return errors


def _place(task: Task) -> str:
    if task.path and task.line:
        return f" ({task.path}:{task.line})"
    return f" ({task.path})" if task.path else ""
