"""``masks`` agreement: per-class mask IoU between every two raters.

For each pair of raters on a task, each class either of them painted is compared by
IoU (0 when only one painted it); the pair's agreement is the mean over those
classes (1 when neither painted anything), and the task's the mean over its pairs.
Per class, over all tasks: the mean IoU of the pairs where either rater painted it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...agreement.ratings import TaskRatings, listed
from ...agreement.rows import TaskRow, answer_pairs, ordered_counts
from ...agreement.terminal import table
from ..base import AgreementHooks
from . import rle


def read(response: Any) -> dict | None:
    """Label -> foreground intervals, read with the mask's own ``size`` ([height, width])."""
    items = listed(response, "masks")
    if items is None:
        return None
    masks: dict[str, list[tuple[int, int]]] = {}
    for item in items:
        label, size = item.get("label"), item.get("size")
        if not isinstance(label, str) or label in masks or not isinstance(size, list):
            continue
        dims = [rle.whole(v) for v in size] if len(size) == 2 else [None]
        if None in dims:
            continue
        counts = rle.canonical(item.get("counts"), dims[0] * dims[1])
        if counts is not None and len(counts) > 1:
            masks[label] = rle.intervals(counts)
    return masks


def pair_iou(first: dict, second: dict, per_class: dict[str, list[float]]) -> float:
    """The mean IoU over the classes either answer has (1 when neither has one)."""
    labels = sorted(set(first) | set(second))
    if not labels:
        return 1.0
    total = 0.0
    for label in labels:
        value = (
            rle.iou(first.get(label, []), second.get(label, []))
            if label in first and label in second
            else 0.0
        )
        per_class.setdefault(label, []).append(value)
        total += value
    return total / len(labels)


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise class IoU per task; per class over all tasks."""
    rows = []
    per_class: dict[str, list[float]] = {}
    for item in items:
        pairs = [pair_iou(a, b, per_class) for a, b in answer_pairs(item)]
        agreement = sum(pairs) / len(pairs)
        counts = Counter(label for answer in item.answers.values() for label in answer)
        rows.append(
            TaskRow(
                item.task,
                "masks",
                len(item.answers),
                agreement,
                "mean class IoU between raters",
                ordered_counts(counts, tuple(item.options.get("labels") or ()) or None),
                {"mean_iou": agreement},
            )
        )
    classes = [
        {"label": label, "pairs": len(values), "mean_iou": sum(values) / len(values)}
        for label, values in per_class.items()
    ]
    classes.sort(key=lambda d: (d["mean_iou"], d["label"]))
    summary = {
        "tasks": len(items),
        "mean_iou": sum(r.agreement for r in rows) / len(rows),
        "classes": classes,
    }
    return rows, summary


def summary_text(summary: dict, limit: int) -> list[str]:
    """The masks summary on the terminal."""
    lines = [
        "",
        f"Mask tasks ({summary['tasks']}): class by class IoU between two people's masks",
        f"  Mean class IoU: {summary['mean_iou']:.3f}",
        "",
        "Classes (lowest IoU first)",
    ]
    rows = [[d["label"], str(d["pairs"]), f"{d['mean_iou']:.2f}"] for d in summary["classes"]]
    return lines + table(["class", "pairs", "mean IoU"], rows, limit)


HOOKS = AgreementHooks(key="masks", read=read, analyse=analyse, summary_text=summary_text)
