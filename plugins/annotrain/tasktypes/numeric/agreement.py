"""``numeric`` agreement: how far apart raters' values are, against the task's tolerance.

Two values agree when each is within the task's tolerance of the other (a relative
tolerance is relative to the gold). Krippendorff's alpha at the interval level takes
each task as a unit.
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace
from typing import Any

from ...agreement.metrics import krippendorff_alpha_scaled
from ...agreement.ratings import TaskRatings
from ...agreement.rows import TaskRow, answer_pairs, ordered_counts
from ..base import AgreementHooks
from ..shared.numbers import format_number
from .kind import SLACK, is_within, read_value


def read(response: Any) -> float | None:
    """The value, read as the grader reads it (``"0,62"`` too); None when unreadable."""
    return read_value(response.get("value"), None) if isinstance(response, dict) else None


def values_agree(item: TaskRatings, a: float, b: float) -> bool:
    """Each value within the task's tolerance of the other (the numeric grader's test).

    The tolerance is the task's (a relative one is relative to the gold); without
    the course, values agree only when equal (up to float rounding).
    """
    if item.gold is None or not item.options.get("tolerance"):
        options = {"tolerance": {"absolute": 0.0, "relative": None}}
        return is_within(SimpleNamespace(gold={"value": a}, options=options), b) and is_within(
            SimpleNamespace(gold={"value": b}, options=options), a
        )
    gold = item.gold["value"]
    tolerance = item.options["tolerance"]
    difference = abs(a - b)
    slack = SLACK * max(1.0, abs(gold))
    if tolerance["absolute"] is not None and difference <= tolerance["absolute"] + slack:
        return True
    return (
        tolerance["relative"] is not None
        and difference <= tolerance["relative"] * abs(gold) + slack
    )


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise absolute difference; interval Krippendorff's alpha over tasks.

    Disagreement = the share of pairs of raters whose values differ by more than
    the task's tolerance. Alpha takes each task as a unit: it compares the spread
    within tasks with the spread between them, so it means most over tasks of one
    kind (the same figure on different data).
    """
    rows = []
    for item in items:
        pairs = answer_pairs(item)
        differences = [abs(a - b) for a, b in pairs]
        agreeing = sum(values_agree(item, a, b) for a, b in pairs) / len(pairs)
        values = Counter(format_number(v) for v in item.answers.values())
        rows.append(
            TaskRow(
                item.task,
                "numeric",
                len(item.answers),
                agreeing,
                "pairs within tolerance",
                ordered_counts(values, None),
                {
                    "mean_pairwise_abs_difference": sum(differences) / len(differences),
                    "within_tolerance": agreeing,
                },
            )
        )
    summary = {
        "tasks": len(items),
        "within_tolerance": sum(r.agreement for r in rows) / len(rows),
        "krippendorff_alpha": krippendorff_alpha_scaled(
            (list(item.answers.values()) for item in items), "interval"
        ),
    }
    return rows, summary


def summary_text(summary: dict, limit: int) -> list[str]:
    """The numeric summary on the terminal."""
    return [
        "",
        f"Numeric tasks ({summary['tasks']})",
        f"  Pairs within the task's tolerance: {summary['within_tolerance']:.3f}",
        f"  Krippendorff's alpha (interval, each task a unit): {summary['krippendorff_alpha']}",
    ]


HOOKS = AgreementHooks(key="value", read=read, analyse=analyse, summary_text=summary_text)
