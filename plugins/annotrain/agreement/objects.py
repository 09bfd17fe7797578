"""Objects drawn on an image or a timeline: the analysis boxes, polygons and segments share.

Per task: for every pair of raters A, B the objects are matched one to one as the
graders match them to gold (labels playing no part), and the pair's agreement is the
summed IoU of the matched pairs over the objects of both, each once (see
:func:`object_agreement`). The task's ``mean_pairwise_iou`` is the mean over its
pairs, disagreement = 1 - that. Each type brings its IoU and its ``match_iou`` rule
(:func:`match_iou`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from ..tasktypes.shared.matching import match
from .metrics import Metric, undefined
from .ratings import TaskRatings
from .rows import TaskRow, answer_pairs, ordered_counts
from .terminal import number, table

#: (the task's ratings) -> whether a similarity is high enough to pair two objects.
KeepFor = Callable[[TaskRatings], Callable[[float], bool]]


def match_iou(default: float, inclusive: bool) -> KeepFor:
    """Pairs objects above the task's ``match_iou`` (``default`` without the course).

    ``inclusive``: at least ``match_iou`` (and above 0), as the segments grader pairs.
    """

    def keep_for(item: TaskRatings) -> Callable[[float], bool]:
        minimum = item.options.get("match_iou", default)
        if inclusive:
            return lambda value: value >= minimum and value > 0
        return lambda value: value > minimum

    return keep_for


def matched(
    first: list,
    second: list,
    similarity: Callable[[Any, Any], float],
    keep: Callable[[float], bool],
) -> list[tuple[int, int, float]]:
    """The one-to-one matching of two raters' objects, as the graders match to gold.

    Similarities that ``keep`` refuses (not above the task's ``match_iou``) are set
    to 0, then :func:`annotrain.tasktypes.shared.matching.match` finds the assignment
    with the largest total; pairs with similarity 0 are not matched.
    """
    similarities = []
    for a in first:
        row = []
        for b in second:
            value = similarity(a, b)
            row.append(value if keep(value) else 0.0)
        similarities.append(row)
    return [(i, j, similarities[i][j]) for i, j in match(similarities, 0.0)]


def object_agreement(total: float, first: int, second: int, matched_pairs: int) -> float:
    """Summed IoU of the matched pairs over the objects of both raters, each once.

    Every object one rater drew that the other did not (unmatched) counts as 0:
    ``sum IoU / (|A| + |B| - M)``; 1 when neither drew anything.
    """
    objects = first + second - matched_pairs
    return 1.0 if objects == 0 else total / objects


def _object_counts(objects: Iterable[dict], labels: tuple[str, ...] | None) -> dict[str, int]:
    return ordered_counts(Counter(o["label"] for o in objects), labels)


def analyse_objects(
    items: list[TaskRatings],
    type_name: str,
    similarity: Callable[[Any, Any], float],
    keep_for: KeepFor,
) -> tuple[list[TaskRow], dict]:
    """Boxes, polygons, segments: mean pairwise IoU after one-to-one matching.

    Per task: for every pair of raters A, B the objects are matched as above, labels
    playing no part; the pair's agreement is sum of matched IoU / (|A| + |B| - M).
    The task's ``mean_pairwise_iou`` is the mean over its pairs, disagreement = 1 -
    that. ``matched_label_agreement``: the share of matched pairs of objects with the
    same label (undefined when nothing matched). Per label, over all tasks and pairs
    together: the objects with that label only are matched and the label's mean IoU
    is sum IoU / sum (|A_l| + |B_l| - M_l).
    """
    rows = []
    same_label = matched_pairs = 0
    per_label: dict[str, list[float]] = {}  # label -> [sum IoU, objects, drawn]
    for item in items:
        keep = keep_for(item)
        values = []
        task_same = task_matched = 0
        for a, b in answer_pairs(item):
            pairs = matched(a, b, similarity, keep)
            values.append(object_agreement(sum(v for _, _, v in pairs), len(a), len(b), len(pairs)))
            task_matched += len(pairs)
            task_same += sum(a[i]["label"] == b[j]["label"] for i, j, _ in pairs)
            for label in {o["label"] for o in a} | {o["label"] for o in b}:
                mine = [o for o in a if o["label"] == label]
                theirs = [o for o in b if o["label"] == label]
                kept = matched(mine, theirs, similarity, keep)
                sums = per_label.setdefault(label, [0.0, 0, 0])
                sums[0] += sum(v for _, _, v in kept)
                sums[1] += len(mine) + len(theirs) - len(kept)
        for answer in item.answers.values():
            for o in answer:
                per_label.setdefault(o["label"], [0.0, 0, 0])[2] += 1
        same_label += task_same
        matched_pairs += task_matched
        mean_iou = sum(values) / len(values)
        rows.append(
            TaskRow(
                item.task,
                type_name,
                len(item.answers),
                mean_iou,
                "mean pairwise IoU",
                _object_counts(
                    (o for answer in item.answers.values() for o in answer), item.labels
                ),
                {
                    "mean_pairwise_iou": mean_iou,
                    "matched_label_agreement": task_same / task_matched if task_matched else None,
                },
            )
        )
    labels = [
        {
            "label": label,
            "objects": int(drawn),
            "mean_iou": total / objects if objects else 1.0,
        }
        for label, (total, objects, drawn) in per_label.items()
    ]
    labels.sort(key=lambda d: (d["mean_iou"], d["label"]))
    summary = {
        "tasks": len(items),
        "mean_iou": sum(r.agreement for r in rows) / len(rows),
        "matched_label_agreement": Metric(same_label / matched_pairs)
        if matched_pairs
        else undefined("no two raters drew matching objects"),
        "labels": labels,
    }
    return rows, summary


def objects_text(title: str, what: str) -> Callable[[dict, int], list[str]]:
    """A type's ``summary_text`` hook: the summary under ``title``, objects called ``what``."""

    def render(summary: dict, limit: int) -> list[str]:
        lines = [
            "",
            f"{title} ({summary['tasks']}): IoU after one-to-one matching; an object only one "
            "of two people drew counts 0",
            f"  Mean pairwise IoU: {summary['mean_iou']:.3f}",
            f"  Matched {what} with the same label: {number(summary['matched_label_agreement'])}",
            "",
            "Labels (lowest IoU first)",
        ]
        rows = [[d["label"], str(d["objects"]), f"{d['mean_iou']:.2f}"] for d in summary["labels"]]
        return lines + table(["label", what, "mean IoU"], rows, limit)

    return render
