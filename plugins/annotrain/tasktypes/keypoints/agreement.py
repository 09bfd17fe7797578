"""``keypoints`` agreement: the distance between two raters' points, landmark by landmark.

For each landmark and pair of raters: both placed it -> their distance d (px); the
pair *agrees* when d <= the landmark's tolerance (the task's, default 10 px). Both
marked it not visible -> agree (no distance). One placed it and the other marked it
hidden or left it out -> disagree. Neither answered it -> not counted.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...agreement.metrics import Metric, undefined
from ...agreement.ratings import TaskRatings, listed
from ...agreement.rows import TaskRow, answer_pairs, ordered_counts
from ...agreement.terminal import number, table
from ..base import AgreementHooks
from ..shared.values import finite_number
from .kind import DEFAULT_TOLERANCE, point_distance


def read(response: Any) -> dict | None:
    """Landmark -> (x, y), or None when marked not visible; no landmark: no answer."""
    items = listed(response, "points")
    if items is None:
        return None
    points: dict[str, tuple[float, float] | None] = {}
    for item in items:
        label = item.get("label")
        if not isinstance(label, str) or label in points:
            continue
        if item.get("visible") is False:
            points[label] = None
            continue
        x, y = finite_number(item.get("x")), finite_number(item.get("y"))
        if x is not None and y is not None:
            points[label] = (x, y)
    return points or None


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Landmark pairs within tolerance per task, and per landmark over all tasks.

    ``within_tolerance`` = agreeing landmark pairs / counted landmark pairs (see
    above); disagreement = 1 - that. ``mean_pairwise_distance_px``: mean d over the
    pairs where both placed the landmark (undefined when there is none).
    """
    rows = []
    per_landmark: dict[str, list[float]] = {}  # -> [pairs, agreeing, distance sum, placed]
    for item in items:
        names = item.options.get("keypoints") or sorted(
            {name for answer in item.answers.values() for name in answer}
        )
        tolerance = item.options.get("tolerance") or {}
        counted = agreeing = placed = 0
        total = 0.0
        for a, b in answer_pairs(item):
            for name in names:
                if name not in a and name not in b:
                    continue
                sums = per_landmark.setdefault(name, [0, 0, 0.0, 0])
                counted += 1
                sums[0] += 1
                p, q = a.get(name, False), b.get(name, False)
                if p is None and q is None:
                    ok = True
                elif p and q:
                    d = point_distance({"x": p[0], "y": p[1]}, {"x": q[0], "y": q[1]})
                    total += d
                    placed += 1
                    sums[2] += d
                    sums[3] += 1
                    ok = d <= tolerance.get(name, DEFAULT_TOLERANCE)
                else:
                    ok = False
                agreeing += ok
                sums[1] += ok
        within = agreeing / counted if counted else 1.0
        counts = Counter(n for answer in item.answers.values() for n, p in answer.items() if p)
        rows.append(
            TaskRow(
                item.task,
                "keypoints",
                len(item.answers),
                within,
                "landmark pairs within tolerance",
                ordered_counts(counts, tuple(names)),
                {
                    "within_tolerance": within,
                    "mean_pairwise_distance_px": total / placed if placed else None,
                },
            )
        )
    landmarks = [
        {
            "landmark": name,
            "pairs": int(pairs),
            "within_tolerance": ok / pairs,
            "mean_distance_px": Metric(distance / placed)
            if placed
            else undefined("no two raters both placed it"),
        }
        for name, (pairs, ok, distance, placed) in per_landmark.items()
    ]
    landmarks.sort(key=lambda d: (d["within_tolerance"], d["landmark"]))
    summary = {
        "tasks": len(items),
        "within_tolerance": sum(r.agreement for r in rows) / len(rows),
        "landmarks": landmarks,
    }
    return rows, summary


def summary_text(summary: dict, limit: int) -> list[str]:
    """The keypoint summary on the terminal."""
    lines = [
        "",
        f"Keypoint tasks ({summary['tasks']}): distance between two people's points",
        f"  Landmark pairs within tolerance: {summary['within_tolerance']:.3f}",
        "",
        "Landmarks (fewest pairs within tolerance first)",
    ]
    rows = [
        [
            d["landmark"],
            str(d["pairs"]),
            f"{d['within_tolerance']:.2f}",
            number(d["mean_distance_px"], 1),
        ]
        for d in summary["landmarks"]
    ]
    return lines + table(["landmark", "pairs", "within tolerance", "mean distance px"], rows, limit)


HOOKS = AgreementHooks(key="points", read=read, analyse=analyse, summary_text=summary_text)
