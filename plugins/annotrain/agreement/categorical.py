"""Categorical answers (one label each): the analysis ``choice`` and ``pairwise`` share.

Per task: the share of pairs of raters who gave the same label (pair agreement).
Over the tasks: Cohen's kappa for every pair of raters, Fleiss' kappa over the largest
group of tasks with the same number of raters, Krippendorff's alpha (nominal), the
labels most involved in disagreements and the most frequent confusions.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

from .metrics import (
    Metric,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    pair_agreement,
    undefined,
)
from .ratings import TaskRatings
from .rows import TaskRow, ordered_counts
from .terminal import plural, table


def read_choice(response: Any) -> str | None:
    """The label of a response's ``choice``; None when it is not a text."""
    choice = response.get("choice") if isinstance(response, dict) else None
    return choice if isinstance(choice, str) else None


def analyse_categorical(items: list[TaskRatings], type_name: str) -> tuple[list[TaskRow], dict]:
    """One row per task (pair agreement) and the summary of all of them (see above)."""
    rows = []
    chosen: Counter = Counter()
    involved: Counter = Counter()
    confusions: Counter = Counter()
    disagreeing = 0
    for item in items:
        values = list(item.answers.values())
        counts = Counter(values)
        chosen.update(counts)
        for a, b in combinations(values, 2):
            if a != b:
                disagreeing += 1
                involved.update((a, b))
                confusions[tuple(sorted((a, b)))] += 1
        agreement = pair_agreement(values)
        rows.append(
            TaskRow(
                item.task,
                type_name,
                len(values),
                agreement,
                "pair agreement",
                ordered_counts(counts, item.labels),
                {"pair_agreement": agreement},
            )
        )
    labels = [
        {
            "label": label,
            "chosen": count,
            "in_disagreements": involved[label],
            "share_of_disagreements": involved[label] / disagreeing if disagreeing else 0.0,
        }
        for label, count in sorted(chosen.items(), key=lambda kv: (-involved[kv[0]], -kv[1], kv[0]))
    ]
    summary = {
        "tasks": len(items),
        "cohen_pairs": cohen_pairs(items),
        "fleiss": fleiss(items),
        "krippendorff_alpha": krippendorff_alpha(item.answers.values() for item in items),
        "labels": labels,
        "disagreeing_pairs": disagreeing,
        "confusions": [
            {"labels": list(pair), "pairs": count}
            for pair, count in sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
    }
    defined = [p["kappa"].value for p in summary["cohen_pairs"] if p["kappa"].defined]
    summary["cohen_mean"] = (
        Metric(sum(defined) / len(defined))
        if defined
        else undefined("no pair of raters has a defined kappa")
    )
    return rows, summary


def cohen_pairs(items: list[TaskRatings]) -> list[dict]:
    """Cohen's kappa for every pair of raters, over the tasks both answered."""
    raters = sorted({r for item in items for r in item.answers})
    pairs = []
    for a, b in combinations(raters, 2):
        both = [item for item in items if a in item.answers and b in item.answers]
        if not both:
            continue
        kappa = cohen_kappa([i.answers[a] for i in both], [i.answers[b] for i in both])
        pairs.append({"raters": [a, b], "tasks": len(both), "kappa": kappa})
    pairs.sort(key=lambda p: (p["kappa"].value is None, p["kappa"].value or 0.0, p["raters"]))
    return pairs


def fleiss(items: list[TaskRatings]) -> dict:
    """Fleiss' kappa over the largest group of tasks that have the same number of raters.

    Fleiss' formula needs an equal number of raters per task (not the same people).
    Ties between groups go to the group with more raters per task.
    """
    groups: dict[int, list[TaskRatings]] = {}
    for item in items:
        groups.setdefault(len(item.answers), []).append(item)
    size, group = max(groups.items(), key=lambda kv: (len(kv[1]), kv[0]))
    categories = sorted({v for item in group for v in item.answers.values()})
    counts = [[Counter(item.answers.values())[c] for c in categories] for item in group]
    return {
        "kappa": fleiss_kappa(counts),
        "tasks": len(group),
        "raters_per_task": size,
        "left_out": len(items) - len(group),
    }


def categorical_text(summary: dict, limit: int, title: str, categories: str = "") -> list[str]:
    """The summary on the terminal under ``title`` ("Choice tasks"), naming ``categories``."""
    fleiss_result = summary["fleiss"]
    pairs = summary["cohen_pairs"]
    lines = [
        "",
        f"{title} ({summary['tasks']}): agreement measures (1 = full, 0 = chance level)"
        + (f"; categories: {categories}" if categories else ""),
        f"  Cohen's kappa, mean over {plural(sum(p['kappa'].defined for p in pairs), 'pair')} of raters:"
        f" {summary['cohen_mean']}",
        f"  Fleiss' kappa: {fleiss_result['kappa']} (over {plural(fleiss_result['tasks'], 'task')} with "
        f"{fleiss_result['raters_per_task']} raters each"
        + (
            f"; {fleiss_result['left_out']} with other rater counts left out)"
            if fleiss_result["left_out"]
            else ")"
        ),
        f"  Krippendorff's alpha (nominal): {summary['krippendorff_alpha']}",
        "",
        "Labels (most disagreements first)",
    ]
    rows = [
        [
            d["label"],
            str(d["chosen"]),
            str(d["in_disagreements"]),
            f"{d['share_of_disagreements']:.0%}",
        ]
        for d in summary["labels"]
    ]
    lines += table(["label", "chosen", "disagreeing pairs", "of all disagreements"], rows, limit)
    if summary["confusions"]:
        lines += ["", "Most frequent confusions"]
        rows = [[" / ".join(c["labels"]), str(c["pairs"])] for c in summary["confusions"]]
        lines += table(["labels", "pairs"], rows, limit)
    lines += ["", "Pairs of raters (lowest kappa first)"]
    rows = [[p["raters"][0], p["raters"][1], str(p["tasks"]), str(p["kappa"])] for p in pairs]
    lines += table(["rater", "rater", "tasks", "Cohen's kappa"], rows, limit)
    return lines
