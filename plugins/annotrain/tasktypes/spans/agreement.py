"""``spans`` agreement: exact-match span F1 between every pair of raters.

A span is (start, end, label) and matches another only with the same start, end and
label, as the spans grader's ``f1``. Per task: the mean pairwise F1; per label: F1
pooled over all pairs of all tasks.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...agreement.ratings import TaskRatings, listed
from ...agreement.rows import TaskRow, answer_pairs, ordered_counts
from ...agreement.terminal import table
from ..base import AgreementHooks


def read(response: Any) -> frozenset | None:
    """Spans as (start, end, label); an empty list is an answer ("no entity here")."""
    items = listed(response, "spans")
    if items is None:
        return None
    spans = set()
    for item in items:
        start, end, label = item.get("start"), item.get("end"), item.get("label")
        if isinstance(start, bool) or isinstance(end, bool) or not isinstance(label, str):
            continue
        if isinstance(start, (int, float)) and isinstance(end, (int, float)) and start < end:
            spans.add((start, end, label))
    return frozenset(spans)


def span_f1(first: frozenset, second: frozenset) -> float:
    """Exact-match F1 of two raters' spans: 2 |A ∩ B| / (|A| + |B|); 1 when both are empty.

    A span is (start, end, label): the same as another only with the same start, end
    and label, as the spans grader's ``f1``. F1 is symmetric, so which rater plays
    the gold does not matter.
    """
    total = len(first) + len(second)
    return 1.0 if total == 0 else 2 * len(first & second) / total


def pool(per_label: dict[str, list[int]], pairs, answers) -> Counter:
    """Add one task's pairs to ``per_label`` (label -> [2 x shared, items in pairs, made]).

    Items are tuples whose last part is their label (spans, relations); ``answers``
    are every rater's items. Returns the task's count of items per label.
    """
    for a, b in pairs:
        for label in {s[-1] for s in a | b}:
            mine = {s for s in a if s[-1] == label}
            theirs = {s for s in b if s[-1] == label}
            sums = per_label.setdefault(label, [0, 0, 0])
            sums[0] += 2 * len(mine & theirs)
            sums[1] += len(mine) + len(theirs)
    counts = Counter(s[-1] for answer in answers for s in answer)
    for label, count in counts.items():
        per_label.setdefault(label, [0, 0, 0])[2] += count
    return counts


def pooled(per_label: dict[str, list[int]], made: str) -> list[dict]:
    """Per label: how many items were made (under ``made``) and the pooled F1, lowest first."""
    labels = [
        {"label": label, made: count, "f1": shared / total if total else 1.0}
        for label, (shared, total, count) in per_label.items()
    ]
    labels.sort(key=lambda d: (d["f1"], d["label"]))
    return labels


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise exact-match span F1 per task; per label, pooled over all pairs."""
    rows = []
    per_label: dict[str, list[int]] = {}  # label -> [2 x shared, spans in pairs, marked]
    for item in items:
        pairs = answer_pairs(item)
        values = [span_f1(a, b) for a, b in pairs]
        counts = pool(per_label, pairs, item.answers.values())
        mean_f1 = sum(values) / len(values)
        rows.append(
            TaskRow(
                item.task,
                "spans",
                len(item.answers),
                mean_f1,
                "mean pairwise span F1",
                ordered_counts(counts, item.labels),
                {"mean_pairwise_f1": mean_f1},
            )
        )
    summary = {
        "tasks": len(items),
        "mean_f1": sum(r.agreement for r in rows) / len(rows),
        "labels": pooled(per_label, "spans"),
    }
    return rows, summary


def summary_text(summary: dict, limit: int) -> list[str]:
    """The span summary on the terminal."""
    lines = [
        "",
        f"Span tasks ({summary['tasks']}): exact-match F1 between two people (start, end, label)",
        f"  Mean pairwise span F1: {summary['mean_f1']:.3f}",
        "",
        "Labels (lowest F1 first)",
    ]
    rows = [[d["label"], str(d["spans"]), f"{d['f1']:.2f}"] for d in summary["labels"]]
    return lines + table(["label", "spans", "F1"], rows, limit)


HOOKS = AgreementHooks(key="spans", read=read, analyse=analyse, summary_text=summary_text)
