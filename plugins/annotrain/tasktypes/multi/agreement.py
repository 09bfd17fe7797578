"""``multi`` agreement: sets of labels, compared with the Jaccard index.

Per task: the mean pairwise Jaccard index of the raters' label sets. Per label: each
task that offers it is a yes/no item (did this rater include it?), with the share of
agreeing pairs and Krippendorff's alpha (nominal); the overall alpha takes every
label of every task as one such item.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

from ...agreement.metrics import jaccard, krippendorff_alpha, pair_agreement, undefined
from ...agreement.ratings import TaskRatings
from ...agreement.rows import TaskRow, ordered_counts
from ...agreement.terminal import table
from ..base import AgreementHooks


def read(response: Any) -> frozenset | None:
    """The labels a rater chose (texts only); None without a ``choices`` list."""
    choices = response.get("choices") if isinstance(response, dict) else None
    if not isinstance(choices, list):
        return None
    return frozenset(c for c in choices if isinstance(c, str))


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise Jaccard per task; per label and overall, yes/no agreement (above)."""
    rows = []
    units: dict[str, list[list[bool]]] = {}
    included: Counter = Counter()
    for item in items:
        sets = list(item.answers.values())
        pairs = list(combinations(sets, 2))
        counts = Counter(label for chosen in sets for label in chosen)
        included.update(counts)
        labels = item.labels or tuple(sorted(counts))
        for label in labels:
            units.setdefault(label, []).append([label in chosen for chosen in sets])
        agreement = sum(jaccard(a, b) for a, b in pairs) / len(pairs)
        rows.append(
            TaskRow(
                item.task,
                "multi",
                len(sets),
                agreement,
                "mean pairwise Jaccard",
                ordered_counts(counts, item.labels),
                {"mean_pairwise_jaccard": agreement},
            )
        )
    per_label = []
    for label, label_units in units.items():
        alpha = krippendorff_alpha(label_units)
        if not alpha.defined:
            verb = "chose" if label_units[0][0] else "left out"
            alpha = undefined(f"everyone {verb} it on every task")
        agree = [pair_agreement(unit) for unit in label_units]
        per_label.append(
            {
                "label": label,
                "tasks": len(label_units),
                "included": included[label],
                "pair_agreement": sum(agree) / len(agree),
                "krippendorff_alpha": alpha,
            }
        )
    per_label.sort(key=lambda d: (d["pair_agreement"], d["label"]))
    alpha = krippendorff_alpha(u for us in units.values() for u in us)
    if not alpha.defined:
        alpha = undefined("every label was chosen by everyone or by no one on every task")
    summary = {
        "tasks": len(items),
        "mean_jaccard": sum(r.agreement for r in rows) / len(rows),
        "krippendorff_alpha": alpha,
        "labels": per_label,
        "labels_from_responses": any(item.labels is None for item in items),
    }
    return rows, summary


def summary_text(summary: dict, limit: int) -> list[str]:
    """The multi-label summary on the terminal."""
    lines = [
        "",
        f"Multi-label tasks ({summary['tasks']})",
        f"  Mean pairwise Jaccard: {summary['mean_jaccard']:.3f}",
        f"  Krippendorff's alpha (nominal, each label a yes/no item): {summary['krippendorff_alpha']}",
    ]
    if summary["labels_from_responses"]:
        lines.append(
            "  (some label sets are known only from the answers: pass --config for the full sets)"
        )
    lines += ["", "Labels (least agreement on including them first)"]
    rows = [
        [
            d["label"],
            str(d["tasks"]),
            str(d["included"]),
            f"{d['pair_agreement']:.2f}",
            str(d["krippendorff_alpha"]),
        ]
        for d in summary["labels"]
    ]
    lines += table(["label", "tasks", "included", "pair agreement", "alpha"], rows, limit)
    return lines


HOOKS = AgreementHooks(
    key="choices",
    read=read,
    analyse=analyse,
    summary_text=summary_text,
    always_in_report=True,
    measures_in_table=False,
)
