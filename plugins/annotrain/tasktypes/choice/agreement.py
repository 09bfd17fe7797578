"""``choice`` agreement: a categorical answer, one label per rater.

Pair agreement per task; Cohen's kappa per pair of raters, Fleiss' kappa and
Krippendorff's alpha (nominal) over the tasks (:mod:`annotrain.agreement.categorical`).
"""

from __future__ import annotations

from ...agreement.categorical import analyse_categorical, categorical_text, read_choice
from ...agreement.ratings import TaskRatings
from ...agreement.rows import TaskRow
from ..base import AgreementHooks


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Rows and summary of the choice tasks answered by two or more raters."""
    return analyse_categorical(items, "choice")


def summary_text(summary: dict, limit: int) -> list[str]:
    """The choice summary on the terminal."""
    return categorical_text(summary, limit, "Choice tasks")


HOOKS = AgreementHooks(
    key="choice",
    read=read_choice,
    analyse=analyse,
    summary_text=summary_text,
    always_in_report=True,
    measures_in_table=False,
)
