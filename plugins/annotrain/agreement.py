"""Inter-annotator agreement report over many people's answers to the same tasks.

:func:`analyse` turns ratings (task -> rater -> answer) into a :class:`Report`. How a
task type's answers are compared is one entry of :data:`KINDS`: ``choice`` answers
are categories, ``multi`` answers are label sets. A new task type (spans, boxes...)
adds its own entry with its own measures. The metrics themselves are in
:mod:`annotrain.agreement_metrics`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from .agreement_metrics import (
    Metric,
    cohen_kappa,
    fleiss_kappa,
    jaccard,
    krippendorff_alpha,
    pair_agreement,
    undefined,
)

__all__ = [
    "Metric", "Report", "TaskRatings", "analyse", "cohen_kappa", "collect",
    "fleiss_kappa", "jaccard", "krippendorff_alpha", "pair_agreement", "undefined",
]  # fmt: skip


# --- Ratings and how each task type compares them ---------------------------------


@dataclass
class TaskRatings:
    """Every rater's answer to one task; ``labels`` is the task's label set when known."""

    task: str
    type: str
    labels: tuple[str, ...] | None = None
    answers: dict[str, Any] = field(default_factory=dict)


def _choice_answer(response: Any) -> str | None:
    choice = response.get("choice") if isinstance(response, dict) else None
    return choice if isinstance(choice, str) else None


def _multi_answer(response: Any) -> frozenset | None:
    choices = response.get("choices") if isinstance(response, dict) else None
    if not isinstance(choices, list):
        return None
    return frozenset(c for c in choices if isinstance(c, str))


#: task type -> (key of its response, answer reader: response -> answer or None).
#: A response the reader cannot use counts as no answer.
KINDS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "choice": ("choice", _choice_answer),
    "multi": ("choices", _multi_answer),
}


def type_of_response(response: Any) -> str | None:
    """The task type a response's shape belongs to, when the task is not known."""
    if isinstance(response, dict):
        for name, (key, _) in KINDS.items():
            if key in response:
                return name
    return None


# --- The report -----------------------------------------------------------------


@dataclass
class TaskRow:
    """One task answered by two or more people: how much they agreed, and on what."""

    task: str
    type: str
    raters: int
    agreement: float  # choice: share of agreeing pairs; multi: mean pairwise Jaccard
    measure: str
    labels: dict[str, int]  # label -> how many raters chose (or included) it

    def to_json(self) -> dict:
        return {
            "task": self.task,
            "type": self.type,
            "raters": self.raters,
            "agreement": self.agreement,
            "measure": self.measure,
            "labels": self.labels,
        }


@dataclass
class Report:
    """Agreement over every task answered by two or more raters."""

    raters: list[str]
    tasks: list[TaskRow]  # most disputed first
    choice: dict[str, Any] = field(default_factory=dict)
    multi: dict[str, Any] = field(default_factory=dict)
    single: int = 0  # tasks answered by one rater only, left out

    def to_json(self) -> dict:
        return {
            "raters": self.raters,
            "tasks": [row.to_json() for row in self.tasks],
            "choice": _jsonable(self.choice),
            "multi": _jsonable(self.multi),
            "tasks_with_one_rater": self.single,
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, Metric):
        return value.to_json()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def analyse(ratings: Iterable[TaskRatings]) -> Report:
    """Agreement per task, per label, per pair of raters and overall."""
    shared: dict[str, list[TaskRatings]] = {name: [] for name in KINDS}
    single = 0
    raters: set[str] = set()
    for item in ratings:
        if len(item.answers) < 2:
            single += 1
            continue
        shared[item.type].append(item)
        raters.update(item.answers)
    choice_rows, choice = _analyse_choice(shared["choice"])
    multi_rows, multi = _analyse_multi(shared["multi"])
    rows = sorted(choice_rows + multi_rows, key=lambda r: (r.agreement, -r.raters, r.task))
    return Report(sorted(raters), rows, choice, multi, single)


def _analyse_choice(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    if not items:
        return [], {}
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
        rows.append(
            TaskRow(
                item.task,
                "choice",
                len(values),
                pair_agreement(values),
                "pair agreement",
                _ordered_counts(counts, item.labels),
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
        "cohen_pairs": _cohen_pairs(items),
        "fleiss": _fleiss(items),
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


def _ordered_counts(counts: Counter, labels: tuple[str, ...] | None) -> dict[str, int]:
    """Label counts, most chosen first (in the task's label order on ties)."""
    order = {label: i for i, label in enumerate(labels or ())}
    keys = sorted(counts, key=lambda k: (-counts[k], order.get(k, len(order)), k))
    return {key: counts[key] for key in keys}


def _cohen_pairs(items: list[TaskRatings]) -> list[dict]:
    """Cohen's kappa for every pair of raters, over the choice tasks both answered."""
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


def _fleiss(items: list[TaskRatings]) -> dict:
    """Fleiss' kappa over the largest group of tasks that have the same number of raters.

    Fleiss' formula needs an equal number of raters per task (not the same people).
    Ties between groups go to the group with more raters per task.
    """
    groups: dict[int, list[TaskRatings]] = {}
    for item in items:
        groups.setdefault(len(item.answers), []).append(item)
    size, group = max(groups.items(), key=lambda kv: (len(kv[1]), kv[0]))
    categories = sorted({v for item in group for v in item.answers.values()})
    table = [[Counter(item.answers.values())[c] for c in categories] for item in group]
    return {
        "kappa": fleiss_kappa(table),
        "tasks": len(group),
        "raters_per_task": size,
        "left_out": len(items) - len(group),
    }


def _analyse_multi(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    if not items:
        return [], {}
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
        rows.append(
            TaskRow(
                item.task,
                "multi",
                len(sets),
                sum(jaccard(a, b) for a, b in pairs) / len(pairs),
                "mean pairwise Jaccard",
                _ordered_counts(counts, item.labels),
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


# --- From attempt files to ratings ----------------------------------------------


def collect(attempts: Iterable, known: dict[str, Any]) -> tuple[list[TaskRatings], list[str]]:
    """Ratings per task from :class:`~annotrain.attempts.Attempt` objects.

    A rater is the attempt's candidate (:attr:`Attempt.who`); when one person
    answered a task in several attempts, the last submitted answer counts. ``known``
    maps task ids to course tasks: their type and labels are used and responses are
    normalised as the grader does; other tasks are typed by their response's shape.
    Returns the ratings (in task id order) and notes on what was left out.
    """
    notes: list[str] = []
    answers: dict[str, dict[str, tuple[Any, Any]]] = {}  # task -> rater -> (submitted, answer)
    types: dict[str, set[str]] = {}
    replaced = 0
    unsupported: dict[str, str] = {}
    for attempt in sorted(attempts, key=lambda a: (a.submitted, a.path)):
        for task_id in attempt.tasks:
            response = attempt.responses.get(task_id)
            task = known.get(task_id)
            type_name = task.type if task is not None else type_of_response(response)
            if type_name is None:
                continue  # not answered, or a shape no task type has
            if type_name not in KINDS:
                unsupported[task_id] = type_name
                continue
            if task is not None:
                response = task.kind.normalize(task, response)
            answer = KINDS[type_name][1](response)
            if answer is None:
                continue
            types.setdefault(task_id, set()).add(type_name)
            by_rater = answers.setdefault(task_id, {})
            replaced += attempt.who in by_rater
            by_rater[attempt.who] = answer
    if replaced:
        notes.append(
            f"{replaced} answer{'s' * (replaced != 1)} replaced by a later attempt of the same person"
        )
    for task_id, type_name in sorted(unsupported.items()):
        notes.append(f"{task_id}: agreement for {type_name} tasks is not measured yet")
    ratings = []
    for task_id in sorted(answers):
        if len(types[task_id]) > 1:
            notes.append(
                f"{task_id}: answers of different shapes ({', '.join(sorted(types[task_id]))}); left out"
            )
            continue
        task = known.get(task_id)
        labels = task.options.get("labels") if task is not None else None
        labels = tuple(labels) if labels else None
        ratings.append(TaskRatings(task_id, types[task_id].pop(), labels, answers[task_id]))
    return ratings, notes
