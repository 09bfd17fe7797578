"""``relations`` agreement: relation F1 and span F1 between every pair of raters.

A span is (start, end, label), as for ``spans``; a relation is (from span, to span,
label), the same as another only with both spans and the label the same (strict
matching, as the grader's ``match: strict``). Per task: the mean pairwise relation
F1; the summary adds the mean pairwise span F1 and, per relation label, F1 pooled
over all pairs of all tasks.
"""

from __future__ import annotations

from typing import Any

from ...agreement.ratings import TaskRatings, listed
from ...agreement.rows import TaskRow, answer_pairs, ordered_counts
from ...agreement.terminal import table
from ..base import AgreementHooks
from ..spans.agreement import pool, pooled, span_f1
from ..spans.agreement import read as read_spans


def _whole(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int)


def read(response: Any) -> tuple[frozenset, frozenset] | None:
    """(spans, relations); relations name their spans by (start, end, label)."""
    spans = read_spans(response)
    if spans is None:
        return None
    items = response["spans"]  # as sent: the relations' indices point into it
    links = set()
    for item in listed(response, "relations") or []:
        first, second = item.get("from"), item.get("to")
        if not (_whole(first) and _whole(second) and isinstance(item.get("label"), str)):
            continue
        if not (0 <= first < len(items) and 0 <= second < len(items)):
            continue
        ends = []
        for end in (items[first], items[second]):
            key = (
                (end.get("start"), end.get("end"), end.get("label"))
                if isinstance(end, dict)
                else None
            )
            ends.append(key if key in spans else None)
        if None not in ends and ends[0] != ends[1]:
            links.add((ends[0], ends[1], item["label"]))
    return frozenset(spans), frozenset(links)


def relation_f1(first: frozenset, second: frozenset) -> float:
    """2 |A ∩ B| / (|A| + |B|) over relations; 1 when both are empty (symmetric)."""
    return span_f1(first, second)


def analyse(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise relation F1 per task; span F1 and per-label relation F1 in the summary."""
    rows, span_values = [], []
    per_label: dict[str, list[int]] = {}  # label -> [2 x shared, links in pairs, made]
    for item in items:
        pairs = answer_pairs(item)
        values = [relation_f1(a[1], b[1]) for a, b in pairs]
        span_values += [span_f1(a[0], b[0]) for a, b in pairs]
        links = [(a[1], b[1]) for a, b in pairs]
        counts = pool(per_label, links, [answer[1] for answer in item.answers.values()])
        mean = sum(values) / len(values)
        rows.append(
            TaskRow(
                item.task,
                "relations",
                len(item.answers),
                mean,
                "mean pairwise relation F1",
                ordered_counts(counts, item.labels),
                {"mean_pairwise_relation_f1": mean},
            )
        )
    summary = {
        "tasks": len(items),
        "mean_relation_f1": sum(r.agreement for r in rows) / len(rows),
        "mean_span_f1": sum(span_values) / len(span_values) if span_values else 1.0,
        "labels": pooled(per_label, "links"),
    }
    return rows, summary


def summary_text(summary: dict, limit: int) -> list[str]:
    """The relations summary on the terminal."""
    lines = [
        "",
        f"Relation tasks ({summary['tasks']}): F1 between two people (both spans and the label)",
        f"  Mean pairwise relation F1: {summary['mean_relation_f1']:.3f}",
        f"  Mean pairwise span F1: {summary['mean_span_f1']:.3f}",
        "",
        "Relation labels (lowest F1 first)",
    ]
    rows = [[d["label"], str(d["links"]), f"{d['f1']:.2f}"] for d in summary["labels"]]
    return lines + table(["relation", "links", "F1"], rows, limit)


HOOKS = AgreementHooks(key="relations", read=read, analyse=analyse, summary_text=summary_text)
