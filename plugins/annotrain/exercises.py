"""From a fenced block's YAML to a checked task, and site-wide id bookkeeping.

This is the one path every entry point uses (the Markdown extension, the MkDocs
plugin, ``annotrain validate``), so the build and the command line report exactly
the same errors.
"""

from __future__ import annotations

from . import yamlpos
from .blocks import Block
from .errors import AuthoringError
from .grading import gold_shortfalls
from .rubrics import RubricLibrary
from .tasks import Task, read_task


def load_exercise(
    block: Block,
    path: str | None,
    rubrics: RubricLibrary,
    messages: dict[str, str],
    line_offset: int = 0,
) -> Task:
    """Parse and validate one block; its gold must reach the top of its rubric."""
    first_line = block.body_line + line_offset
    data = yamlpos.load(block.body, path, line_offset=first_line - 1)
    if data is None:
        raise AuthoringError(
            "the annotrain block is empty; give at least type, id, prompt, rubric and gold",
            path,
            first_line - 1,
        )
    task = read_task(data, path, rubrics, first_line)
    shortfalls = gold_shortfalls(task, messages)
    if shortfalls:
        gold_line = data.line_of("gold") if hasattr(data, "line_of") else first_line
        raise AuthoringError(
            f"the gold of {task.id!r} does not reach the top level of rubric {task.rubric.id!r}: "
            + "; ".join(shortfalls)
            + ". Gold must be a perfect answer: fix the gold or the rubric's thresholds.",
            path,
            gold_line,
        )
    return task


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
