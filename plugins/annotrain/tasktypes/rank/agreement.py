"""``rank`` agreement: Kendall's tau between two raters' orders.

Per task: the mean pairwise tau; disagreement = (1 - mean tau) / 2, so the same
order is 0 and the reverse order 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from ...agreement.ratings import TaskRatings
from ...agreement.rows import TaskRow, answer_pairs, ordered_counts
from ...agreement.terminal import number
from ..base import AgreementHooks
from .kind import agreeing_and_reversed


def read(response: Any) -> tuple[str, ...] | None:
    """The order of response ids; None unless it is a non-empty list of distinct texts."""
    order = response.get("order") if isinstance(response, dict) else None
    if not isinstance(order, list) or not order or not all(isinstance(i, str) for i in order):
        return None
    return tuple(order) if len(set(order)) == len(order) else None


def kendall_tau(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Kendall's tau of two complete orders of the same ids (the rank grader's pairs).

    (C - D) / P over the P pairs of ids; None when the orders hold different ids
    or fewer than two.
    """
    if len(first) < 2 or sorted(first) != sorted(second):
        return None
    agreeing, reversed_pairs = agreeing_and_reversed(
        SimpleNamespace(gold={"order": list(first)}), {"order": list(second)}
    )
    return (agreeing - len(reversed_pairs)) / (agreeing + len(reversed_pairs))


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise Kendall tau per task; disagreement = (1 - mean tau) / 2.

    Pairs of orders over different ids (possible only without the course) are left
    out; a task with no comparable pair is left out.
    """
    rows = []
    for item in items:
        taus = [t for a, b in answer_pairs(item) if (t := kendall_tau(a, b)) is not None]
        if not taus:
            continue
        tau = sum(taus) / len(taus)
        firsts = Counter(order[0] for order in item.answers.values())
        rows.append(
            TaskRow(
                item.task,
                "rank",
                len(item.answers),
                (1.0 + tau) / 2,
                "(1 + mean pairwise Kendall tau) / 2",
                {f"{k} first": v for k, v in ordered_counts(firsts, None).items()},
                {"mean_pairwise_tau": tau},
                (1.0 - tau) / 2,
            )
        )
    summary = {
        "tasks": len(rows),
        "mean_tau": sum(r.measures["mean_pairwise_tau"] for r in rows) / len(rows)
        if rows
        else None,
    }
    return rows, summary


def notes_without_task(task_id: str, answers: dict[str, Any]) -> list[str]:
    """Without the course, orders of different lengths cannot all be compared."""
    if len({len(order) for order in answers.values()}) > 1:
        return [f"{task_id}: orders of different lengths; unequal pairs left out"]
    return []


def summary_text(summary: dict, limit: int) -> list[str]:
    """The rank summary on the terminal."""
    return [
        "",
        f"Rank tasks ({summary['tasks']}): Kendall's tau between two people's orders "
        "(1 = same order, -1 = reversed)",
        f"  Mean pairwise Kendall tau: {number(summary['mean_tau'])}",
    ]


HOOKS = AgreementHooks(
    key="order",
    read=read,
    analyse=analyse,
    summary_text=summary_text,
    notes_without_task=notes_without_task,
)
