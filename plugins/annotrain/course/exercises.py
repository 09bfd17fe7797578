"""From a fenced block's YAML to a checked task or panel, and site-wide id bookkeeping.

This is the one path every entry point uses (the Markdown extension, the MkDocs
plugin, ``annotrain validate``), so the build and the command line report exactly
the same errors.

A block is an exercise (a mapping with ``type``), or a panel: ``show: progress``
places the learner's progress overview (the course plan with lessons done,
exercises passed and scores) on a page, ``show: verify`` the form that checks a
credential under the site's keys, and ``quiz: <id>`` places the quiz
``quizzes/<id>.yml``.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import AuthoringError
from ..grading.task import gold_shortfalls
from .blocks import Block
from .fields import Fields
from .media import MediaLibrary
from .rubrics import RubricLibrary
from .tasks import Task, read_task
from .yamlcache import NO_CACHE, DocumentCache

PANELS = ("progress", "verify")
#: The package folder, whose sources the gold checks kept between builds depend on.
PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Panel:
    """A non-exercise block: ``show: progress`` or ``verify``, or ``quiz: <id>`` (``quiz`` set)."""

    show: str
    path: str | None = None
    line: int | None = None
    quiz: str | None = None

    @property
    def placeholder(self) -> str:
        """Where the plugin puts what only the whole site can tell (the plan, the quiz)."""
        return f"<!-- annotrain:{self.show}:{self.quiz or ''} -->"


def yaml_offset(block: Block, line_offset: int = 0) -> int:
    """How many lines of its file come before the block's YAML."""
    return block.body_line + line_offset - 1


def load_block(
    block: Block,
    path: str | None,
    rubrics: RubricLibrary,
    messages: dict[str, str],
    line_offset: int = 0,
    media: MediaLibrary | None = None,
    documents: DocumentCache = NO_CACHE,
) -> Task | Panel:
    """Parse and validate one block: an exercise, or a panel such as ``show: progress``.

    ``documents`` parses the block's YAML, from values kept by an earlier build if any.
    """
    first_line = block.body_line + line_offset
    data = documents.load(block.body, path, line_offset=yaml_offset(block, line_offset))
    if isinstance(data, dict) and "show" in data and "type" not in data:
        fields = Fields(data, path, "a panel", ("show",), first_line)
        show = fields.text("show", required=True)
        if show not in PANELS:
            raise fields.error("show", f"unknown panel {show!r}; panels: {', '.join(PANELS)}")
        return Panel(show, path, fields.line)
    if isinstance(data, dict) and "quiz" in data and "type" not in data:
        fields = Fields(data, path, "a quiz placement", ("quiz",), first_line)
        return Panel("quiz", path, fields.line, fields.identifier("quiz"))
    return _exercise(data, path, rubrics, messages, first_line, media, documents)


def _exercise(
    data,
    path: str | None,
    rubrics: RubricLibrary,
    messages: dict[str, str],
    first_line: int,
    media: MediaLibrary | None,
    documents: DocumentCache = NO_CACHE,
) -> Task:
    """Validate an exercise; its gold must reach the top of its rubric."""
    if data is None:
        raise AuthoringError(
            "the annotrain block is empty; give at least type, id, prompt and gold",
            path,
            first_line - 1,
        )
    task = read_task(data, path, rubrics, first_line, media)
    check_gold(task, data, messages, first_line, documents)
    return task


#: The name under which ``documents`` keeps the golds that reached the top.
GOLD_CHECK = "gold reaches the top"


def check_gold(
    task: Task, data, messages: dict[str, str], line: int | None, documents=NO_CACHE
) -> None:
    """Raise AuthoringError unless the task's gold reaches the top level of its rubric.

    Grading every gold was the largest part of a build's own work; a task whose
    whole JSON (gold and rubric included) passed with the same graders in the last
    build (``documents`` keeps it) is not graded again. Failures are never kept.
    """
    subject = _gold_subject(task) if documents.file else ""
    if subject and documents.recall(GOLD_CHECK, subject) is True:
        return
    shortfalls = gold_shortfalls(task, messages)
    if not shortfalls:
        if subject:
            documents.remember(GOLD_CHECK, subject, True)
        return
    gold_line = data.line_of("gold") if hasattr(data, "line_of") else line
    raise AuthoringError(
        f"the gold of {task.id!r} does not reach the top level of rubric {task.rubric.id!r}: "
        + "; ".join(shortfalls)
        + ". Gold must be a perfect answer: fix the gold or the rubric's thresholds.",
        task.path,
        gold_line,
    )


class IdRegistry:
    """Remembers where each task id was defined; a second definition is an error."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str | None, int | None]] = {}

    def add(self, task: Task) -> None:
        if task.id in self.seen:
            path, line = self.seen[task.id]
            raise AuthoringError(
                f"duplicate exercise id {task.id!r}: already used at {path}:{line}; ids must be unique across the site",
                task.path,
                task.line,
            )
        self.seen[task.id] = (task.path, task.line)


def keep_gold_check(task: Task, documents: DocumentCache) -> None:
    """Carry ``task``'s passed gold check over to the next build.

    For a task reused without loading it again (see ``AnnotrainExtension.load``).
    """
    if documents.file:
        documents.recall(GOLD_CHECK, _gold_subject(task))


@functools.cache
def graders_fingerprint() -> str:
    """A hash of the package's Python sources: new code checks every gold afresh."""
    digest = hashlib.blake2b(digest_size=8)
    for source in sorted(PACKAGE.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _gold_subject(task: Task) -> str:
    """All a gold check depends on: the graders and the task as graded, gold and rubric.

    Made once per task: ``mkdocs serve`` reuses unchanged tasks from build to build.
    """
    subject = task.__dict__.get("_gold_subject")
    if subject is None:
        task_json = json.dumps(task.to_json(), sort_keys=True, ensure_ascii=False)
        subject = task.__dict__["_gold_subject"] = graders_fingerprint() + "\n" + task_json
    return subject
