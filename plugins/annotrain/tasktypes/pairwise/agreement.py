"""``pairwise`` agreement: categorical, like ``choice``; the categories are A, B and ``tie``.

A pairwise answer has the shape of a choice answer, so without the course it is
read as one; with the course, the task's type decides.
"""

from __future__ import annotations

from ...agreement.categorical import analyse_categorical, categorical_text, read_choice
from ...agreement.ratings import TaskRatings
from ...agreement.rows import TaskRow
from ..base import AgreementHooks


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Categorical, like choice: the categories are the response ids and ``tie``."""
    return analyse_categorical(items, "pairwise")


def summary_text(summary: dict, limit: int) -> list[str]:
    """The pairwise summary on the terminal."""
    return categorical_text(summary, limit, "Pairwise tasks", "A, B, tie")


HOOKS = AgreementHooks(key="choice", read=read_choice, analyse=analyse, summary_text=summary_text)
