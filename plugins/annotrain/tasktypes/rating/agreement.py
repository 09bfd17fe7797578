"""``rating`` agreement: steps apart on the scale, and ordinal Krippendorff's alpha.

A step is one place along the scale's list of levels (as the rating grader counts).
Per task, over every criterion and pair of raters who both rated it: the mean number
of steps apart, and the disagreement the mean of steps / (levels - 1). Per criterion
(by id, over all tasks): the mean steps and Krippendorff's alpha at the ordinal level.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from ...agreement.metrics import krippendorff_alpha_scaled
from ...agreement.ratings import TaskRatings
from ...agreement.rows import TaskRow
from ...agreement.terminal import number, table
from ..base import AgreementHooks
from ..shared.values import finite_number


def read(response: Any) -> dict | None:
    """Criterion id -> the level value given (finite numbers only); None when none."""
    ratings = response.get("ratings") if isinstance(response, dict) else None
    if not isinstance(ratings, dict):
        return None
    kept = {
        str(key): value
        for key, value in ratings.items()
        if not isinstance(value, bool)
        and isinstance(value, (int, float))
        and finite_number(value) is not None
    }
    return kept or None


def levels(items: list[TaskRatings]) -> dict[str, dict[str, list]]:
    """Per task, per criterion: the level values in scale order.

    From the course's scale; without it, every value anyone gave on that criterion
    (in any task), sorted.
    """
    seen: dict[str, set] = {}
    for item in items:
        for answer in item.answers.values():
            for cid, value in answer.items():
                seen.setdefault(cid, set()).add(value)
    result = {}
    for item in items:
        scale = item.options.get("scale")
        if scale:
            values = [level["value"] for level in scale["levels"]]
            result[item.task] = {c["id"]: values for c in scale["criteria"]}
        else:
            result[item.task] = {cid: sorted(values) for cid, values in seen.items()}
    return result


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Per criterion: steps between two raters' levels, and ordinal Krippendorff's alpha.

    Per task, over every criterion and pair of raters who both rated it:
    ``mean_abs_steps`` is the mean number of steps apart, and disagreement the mean
    of steps / (levels - 1). Per criterion (by id, over all tasks): the mean steps
    and Krippendorff's alpha at the ordinal level, each task a unit and the level
    values the data.
    """
    scale_levels = levels(items)
    rows = []
    per_criterion: dict[str, dict[str, Any]] = {}
    for item in items:
        steps: list[int] = []
        shares: list[float] = []
        for cid, values in scale_levels[item.task].items():
            given = [answer[cid] for answer in item.answers.values() if answer.get(cid) in values]
            if not given:
                continue
            entry = per_criterion.setdefault(cid, {"units": [], "steps": []})
            entry["units"].append(given)
            for a, b in combinations(given, 2):
                step = abs(values.index(a) - values.index(b))
                steps.append(step)
                entry["steps"].append(step)
                shares.append(step / (len(values) - 1) if len(values) > 1 else 0.0)
        if not shares:
            continue  # no criterion rated by two people
        disagreement = sum(shares) / len(shares)
        rows.append(
            TaskRow(
                item.task,
                "rating",
                len(item.answers),
                1.0 - disagreement,
                "1 - mean steps apart / (levels - 1)",
                {},
                {"mean_abs_steps": sum(steps) / len(steps)},
                disagreement,
            )
        )
    criteria = []
    for cid, entry in per_criterion.items():
        paired = [unit for unit in entry["units"] if len(unit) >= 2]
        criteria.append(
            {
                "criterion": cid,
                "tasks": len(paired),
                "mean_abs_steps": sum(entry["steps"]) / len(entry["steps"])
                if entry["steps"]
                else None,
                "krippendorff_alpha": krippendorff_alpha_scaled(entry["units"], "ordinal"),
            }
        )
    criteria.sort(key=lambda d: (-(d["mean_abs_steps"] or 0.0), d["criterion"]))
    return rows, {"tasks": len(rows), "criteria": criteria}


def summary_text(summary: dict, limit: int) -> list[str]:
    """The rating summary on the terminal."""
    lines = [
        "",
        f"Rating tasks ({summary['tasks']}): per criterion, steps apart on the scale and "
        "Krippendorff's alpha (ordinal)",
    ]
    rows = [
        [
            d["criterion"],
            str(d["tasks"]),
            number(d["mean_abs_steps"], 2),
            str(d["krippendorff_alpha"]),
        ]
        for d in summary["criteria"]
    ]
    return lines + table(["criterion", "tasks", "mean steps apart", "alpha"], rows, limit)


HOOKS = AgreementHooks(key="ratings", read=read, analyse=analyse, summary_text=summary_text)
