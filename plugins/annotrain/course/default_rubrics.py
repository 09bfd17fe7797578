"""Each task type's built-in rubric, ``default-<type>``, for tasks that name none.

A trainer's first exercise should work before any rubric file is written: a task
without ``rubric:`` is graded with its type's default, kept in the type's folder
(``tasktypes/<type>/rubric.yml``, one rubric, as a rubric file would hold it).
A course's rubric file may define a rubric with the same id; it then replaces the
default everywhere, as :meth:`RubricLibrary.get` looks in the file first.
"""

from __future__ import annotations

import functools

from . import yamlpos
from .rubrics import Rubric, read_rubric

PREFIX = "default-"


def default_id(type_name: str) -> str:
    """The id of ``type_name``'s default rubric."""
    return PREFIX + type_name


@functools.cache
def default_rubrics() -> dict[str, Rubric]:
    """Every task type's default rubric, by id (read once per process).

    They ship with the package: a problem in one is a bug of annotrain, and raises.
    """
    from ..tasktypes import TASK_TYPES, TYPES_DIR

    rubrics = {}
    for name in TASK_TYPES:
        path = TYPES_DIR / name / "rubric.yml"
        shown = f"annotrain/tasktypes/{name}/rubric.yml"
        data = yamlpos.load(path.read_text(encoding="utf-8"), shown)
        rubrics[default_id(name)] = read_rubric(data, shown, default_id(name), 1)
    return rubrics
