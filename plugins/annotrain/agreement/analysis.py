"""Inter-annotator agreement report over many people's answers to the same tasks.

:func:`analyse` turns ratings (task -> rater -> answer) into a :class:`Report`. How a
task type's answers are read is one entry of :data:`KINDS`; how they are compared is
one ``_analyse_<type>`` function. Categorical answers (``choice``, ``pairwise``) get
Cohen's and Fleiss' kappa and Krippendorff's alpha, ``multi`` the Jaccard index, and
the other types the measure their grader uses, taken between every pair of raters
instead of between a learner and the gold (see :mod:`annotrain.agreement_types`).
The metrics themselves are in :mod:`annotrain.agreement_metrics`.

Every task row carries a **disagreement** in [0, 1] (0: everyone gave the same
answer; 1: no two raters agree at all), so tasks of every type sort together, most
disputed first. ``agreement`` is 1 - disagreement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from types import SimpleNamespace
from typing import Any

from ..tasktypes.bbox.kind import DEFAULT_MATCH_IOU as BBOX_MATCH_IOU
from ..tasktypes.bbox.kind import iou as bbox_iou
from ..tasktypes.keypoints.kind import DEFAULT_TOLERANCE as KEYPOINT_TOLERANCE
from ..tasktypes.keypoints.kind import point_distance
from ..tasktypes.numeric.kind import SLACK as NUMERIC_SLACK
from ..tasktypes.numeric.kind import is_within as numeric_within
from ..tasktypes.numeric.kind import read_value
from ..tasktypes.polygon.kind import DEFAULT_MATCH_IOU as POLYGON_MATCH_IOU
from ..tasktypes.polygon.kind import finite_number
from ..tasktypes.rank.kind import agreeing_and_reversed as rank_pairs
from ..tasktypes.segments.kind import iou as segment_iou
from ..tasktypes.shared.matching import match
from ..tasktypes.shared.numbers import format_number
from ..tasktypes.shared.polygons import iou as polygon_iou
from ..tasktypes.transcript.kind import RULES, normalized, words
from ..tasktypes.transcript.kind import distance as edit_distance
from .metrics import (
    Metric,
    cohen_kappa,
    fleiss_kappa,
    jaccard,
    krippendorff_alpha,
    krippendorff_alpha_scaled,
    pair_agreement,
    undefined,
)

#: The segments type's default match_iou (read from its field when a course is known).
SEGMENTS_MATCH_IOU = 0.5
#: A transcript task's default normalisation rules (the first value of each rule).
TRANSCRIPT_RULES = {key: values[0] for key, values in RULES.items()}

__all__ = [
    "Metric", "Report", "TaskRatings", "analyse", "cohen_kappa", "collect",
    "fleiss_kappa", "jaccard", "kendall_tau", "krippendorff_alpha",
    "krippendorff_alpha_scaled", "pair_agreement", "span_f1", "symmetric_wer", "undefined",
]  # fmt: skip


# --- Ratings and how each task type compares them ---------------------------------


@dataclass
class TaskRatings:
    """Every rater's answer to one task; ``labels`` is the task's label set when known."""

    task: str
    type: str
    labels: tuple[str, ...] | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    #: the course task's options (tolerances, scale, normalisation...); {} when unknown
    options: dict[str, Any] = field(default_factory=dict)
    #: the course task's gold (numeric tolerances are relative to it); None when unknown
    gold: Any = None


def _choice_answer(response: Any) -> str | None:
    choice = response.get("choice") if isinstance(response, dict) else None
    return choice if isinstance(choice, str) else None


def _multi_answer(response: Any) -> frozenset | None:
    choices = response.get("choices") if isinstance(response, dict) else None
    if not isinstance(choices, list):
        return None
    return frozenset(c for c in choices if isinstance(c, str))


def _items(response: Any, key: str) -> list[dict] | None:
    items = response.get(key) if isinstance(response, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else None


def _finite(value: Any) -> float | None:
    return finite_number(value)


def _spans_answer(response: Any) -> frozenset | None:
    """Spans as (start, end, label); an empty list is an answer ("no entity here")."""
    items = _items(response, "spans")
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


def _boxes_answer(response: Any) -> list[dict] | None:
    items = _items(response, "boxes")
    if items is None:
        return None
    boxes = []
    for item in items:
        x, y, w, h = (_finite(item.get(k)) for k in ("x", "y", "w", "h"))
        label = item.get("label")
        if None in (x, y, w, h) or not isinstance(label, str):
            continue
        if w < 0:
            x, w = x + w, -w
        if h < 0:
            y, h = y + h, -h
        boxes.append({"x": x, "y": y, "w": w, "h": h, "label": label})
    return boxes


def _polygons_answer(response: Any) -> list[dict] | None:
    items = _items(response, "polygons")
    if items is None:
        return None
    polygons = []
    for item in items:
        label, raw = item.get("label"), item.get("points")
        if not isinstance(label, str) or not isinstance(raw, list):
            continue
        points = []
        for point in raw:
            if isinstance(point, list) and len(point) == 2:
                x, y = _finite(point[0]), _finite(point[1])
                if x is not None and y is not None:
                    points.append([x, y])
        if len(points) >= 3:
            polygons.append({"label": label, "points": points})
    return polygons


def _points_answer(response: Any) -> dict | None:
    """Landmark -> (x, y), or None when marked not visible; no landmark: no answer."""
    items = _items(response, "points")
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
        x, y = _finite(item.get("x")), _finite(item.get("y"))
        if x is not None and y is not None:
            points[label] = (x, y)
    return points or None


def _segments_answer(response: Any) -> list[dict] | None:
    items = _items(response, "segments")
    if items is None:
        return None
    segments = []
    for item in items:
        start, end, label = _finite(item.get("start")), _finite(item.get("end")), item.get("label")
        if start is not None and end is not None and start < end and isinstance(label, str):
            segments.append({"start": start, "end": end, "label": label})
    return segments


def _text_answer(response: Any) -> str | None:
    """The typed text; nothing typed (or only spaces) is no answer."""
    text = response.get("text") if isinstance(response, dict) else None
    return text if isinstance(text, str) and text.strip() else None


def _order_answer(response: Any) -> tuple[str, ...] | None:
    order = response.get("order") if isinstance(response, dict) else None
    if not isinstance(order, list) or not order or not all(isinstance(i, str) for i in order):
        return None
    return tuple(order) if len(set(order)) == len(order) else None


def _ratings_answer(response: Any) -> dict | None:
    ratings = response.get("ratings") if isinstance(response, dict) else None
    if not isinstance(ratings, dict):
        return None
    kept = {
        str(key): value
        for key, value in ratings.items()
        if not isinstance(value, bool)
        and isinstance(value, (int, float))
        and _finite(value) is not None
    }
    return kept or None


def _value_answer(response: Any) -> float | None:
    return read_value(response.get("value"), None) if isinstance(response, dict) else None


#: task type -> (key of its response, answer reader: response -> answer or None).
#: A response the reader cannot use counts as no answer. For a task of the course,
#: the reader gets the response as the type's grader normalises it.
KINDS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "choice": ("choice", _choice_answer),
    "multi": ("choices", _multi_answer),
    "spans": ("spans", _spans_answer),
    "bbox": ("boxes", _boxes_answer),
    "polygon": ("polygons", _polygons_answer),
    "keypoints": ("points", _points_answer),
    "segments": ("segments", _segments_answer),
    "transcript": ("text", _text_answer),
    "rank": ("order", _order_answer),
    "pairwise": ("choice", _choice_answer),  # the same shape as choice: typed by the course
    "rating": ("ratings", _ratings_answer),
    "numeric": ("value", _value_answer),
}


def type_of_response(response: Any) -> str | None:
    """The task type a response's shape belongs to, when the task is not known.

    A ``pairwise`` answer looks like a ``choice`` answer and is read as one.
    """
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
    agreement: float  # 1 - disagreement (choice: share of agreeing pairs...)
    measure: str  # what ``agreement`` is, in words
    labels: dict[str, int]  # label -> how many raters chose it (objects: how many drawn)
    #: every measure of the task by name (None: undefined for this task)
    measures: dict[str, float | None] = field(default_factory=dict)
    disagreement: float | None = None  # in [0, 1]; 1 - agreement unless given

    def __post_init__(self) -> None:
        if self.disagreement is None:
            self.disagreement = 1.0 - self.agreement

    def to_json(self) -> dict:
        return {
            "task": self.task,
            "type": self.type,
            "raters": self.raters,
            "agreement": self.agreement,
            "measure": self.measure,
            "labels": self.labels,
            "disagreement": self.disagreement,
            "measures": self.measures,
        }


@dataclass
class Report:
    """Agreement over every task answered by two or more raters."""

    raters: list[str]
    tasks: list[TaskRow]  # most disputed first
    choice: dict[str, Any] = field(default_factory=dict)
    multi: dict[str, Any] = field(default_factory=dict)
    single: int = 0  # tasks answered by one rater only, left out
    #: the other types' summaries, by type (only types with shared tasks)
    types: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "raters": self.raters,
            "tasks": [row.to_json() for row in self.tasks],
            "choice": _jsonable(self.choice),
            "multi": _jsonable(self.multi),
            "tasks_with_one_rater": self.single,
        } | {name: _jsonable(summary) for name, summary in self.types.items()}


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
    rows = choice_rows + multi_rows
    types = {}
    for name, analyse_type in ANALYSES.items():
        if shared[name]:
            type_rows, types[name] = analyse_type(shared[name])
            rows += type_rows
    rows.sort(key=lambda r: (-r.disagreement, -r.raters, r.task))
    return Report(sorted(raters), rows, choice, multi, single, types)


def _analyse_choice(
    items: list[TaskRatings], type_name: str = "choice"
) -> tuple[list[TaskRow], dict]:
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
        agreement = pair_agreement(values)
        rows.append(
            TaskRow(
                item.task,
                type_name,
                len(values),
                agreement,
                "pair agreement",
                _ordered_counts(counts, item.labels),
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
        agreement = sum(jaccard(a, b) for a, b in pairs) / len(pairs)
        rows.append(
            TaskRow(
                item.task,
                "multi",
                len(sets),
                agreement,
                "mean pairwise Jaccard",
                _ordered_counts(counts, item.labels),
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


# --- The other task types: the grader's measure between every pair of raters -----
#
# Each function below compares the answers of every pair of raters on a task with
# the measure the type's grader uses against the gold, and turns the mean over the
# pairs into the task's disagreement in [0, 1]. Answers missing from a task are not
# paired (a rater who did not answer is not a rater of that task).


def _pair_rows(item: TaskRatings) -> list[tuple[Any, Any]]:
    return list(combinations(item.answers.values(), 2))


def _object_counts(objects: Iterable[dict], labels: tuple[str, ...] | None) -> dict[str, int]:
    return _ordered_counts(Counter(o["label"] for o in objects), labels)


def _matched(
    first: list,
    second: list,
    similarity: Callable[[Any, Any], float],
    keep: Callable[[float], bool],
) -> list[tuple[int, int, float]]:
    """The one-to-one matching of two raters' objects, as the graders match to gold.

    Similarities that ``keep`` refuses (not above the task's ``match_iou``) are set
    to 0, then :func:`annotrain.matching.match` finds the assignment with the largest
    total; pairs with similarity 0 are not matched.
    """
    table = []
    for a in first:
        row = []
        for b in second:
            value = similarity(a, b)
            row.append(value if keep(value) else 0.0)
        table.append(row)
    return [(i, j, table[i][j]) for i, j in match(table, 0.0)]


def _object_agreement(total: float, first: int, second: int, matched: int) -> float:
    """Summed IoU of the matched pairs over the objects of both raters, each once.

    Every object one rater drew that the other did not (unmatched) counts as 0:
    ``sum IoU / (|A| + |B| - M)``; 1 when neither drew anything.
    """
    objects = first + second - matched
    return 1.0 if objects == 0 else total / objects


def _analyse_objects(
    items: list[TaskRatings],
    type_name: str,
    similarity: Callable[[Any, Any], float],
    keep_for: Callable[[TaskRatings], Callable[[float], bool]],
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
        for a, b in _pair_rows(item):
            pairs = _matched(a, b, similarity, keep)
            values.append(
                _object_agreement(sum(v for _, _, v in pairs), len(a), len(b), len(pairs))
            )
            task_matched += len(pairs)
            task_same += sum(a[i]["label"] == b[j]["label"] for i, j, _ in pairs)
            for label in {o["label"] for o in a} | {o["label"] for o in b}:
                mine = [o for o in a if o["label"] == label]
                theirs = [o for o in b if o["label"] == label]
                kept = _matched(mine, theirs, similarity, keep)
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


def _match_iou(default: float, inclusive: bool) -> Callable[[TaskRatings], Callable[[float], bool]]:
    def keep_for(item: TaskRatings) -> Callable[[float], bool]:
        minimum = item.options.get("match_iou", default)
        if inclusive:  # segments pair at IoU >= match_iou, as their grader does
            return lambda value: value >= minimum and value > 0
        return lambda value: value > minimum

    return keep_for


def _analyse_bbox(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    return _analyse_objects(items, "bbox", bbox_iou, _match_iou(BBOX_MATCH_IOU, False))


def _analyse_polygon(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    return _analyse_objects(
        items,
        "polygon",
        lambda a, b: polygon_iou(a["points"], b["points"]),
        _match_iou(POLYGON_MATCH_IOU, False),
    )


def _analyse_segments(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    return _analyse_objects(items, "segments", segment_iou, _match_iou(SEGMENTS_MATCH_IOU, True))


def span_f1(first: frozenset, second: frozenset) -> float:
    """Exact-match F1 of two raters' spans: 2 |A ∩ B| / (|A| + |B|); 1 when both are empty.

    A span is (start, end, label): the same as another only with the same start, end
    and label, as the spans grader's ``f1``. F1 is symmetric, so which rater plays
    the gold does not matter.
    """
    total = len(first) + len(second)
    return 1.0 if total == 0 else 2 * len(first & second) / total


def _analyse_spans(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise exact-match span F1 per task; per label, pooled over all pairs."""
    rows = []
    per_label: dict[str, list[int]] = {}  # label -> [2 x shared, spans in pairs, marked]
    for item in items:
        pairs = _pair_rows(item)
        values = [span_f1(a, b) for a, b in pairs]
        for a, b in pairs:
            for label in {s[2] for s in a | b}:
                mine = {s for s in a if s[2] == label}
                theirs = {s for s in b if s[2] == label}
                sums = per_label.setdefault(label, [0, 0, 0])
                sums[0] += 2 * len(mine & theirs)
                sums[1] += len(mine) + len(theirs)
        counts = Counter(s[2] for answer in item.answers.values() for s in answer)
        for label, count in counts.items():
            per_label.setdefault(label, [0, 0, 0])[2] += count
        mean_f1 = sum(values) / len(values)
        rows.append(
            TaskRow(
                item.task,
                "spans",
                len(item.answers),
                mean_f1,
                "mean pairwise span F1",
                _ordered_counts(counts, item.labels),
                {"mean_pairwise_f1": mean_f1},
            )
        )
    labels = [
        {"label": label, "spans": marked, "f1": shared / total if total else 1.0}
        for label, (shared, total, marked) in per_label.items()
    ]
    labels.sort(key=lambda d: (d["f1"], d["label"]))
    summary = {
        "tasks": len(items),
        "mean_f1": sum(r.agreement for r in rows) / len(rows),
        "labels": labels,
    }
    return rows, summary


def _analyse_keypoints(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Landmarks: distance between two raters' points and the share within tolerance.

    For each landmark and pair of raters: both placed it -> their distance d (px);
    the pair *agrees* when d <= the landmark's tolerance (the task's, default 10 px).
    Both marked it not visible -> agree (no distance). One placed it and the other
    marked it hidden or left it out -> disagree. Neither answered it -> not counted.
    ``within_tolerance`` = agreeing landmark pairs / counted landmark pairs;
    disagreement = 1 - that. ``mean_pairwise_distance_px``: mean d over the pairs
    where both placed the landmark (undefined when there is none).
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
        for a, b in _pair_rows(item):
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
                    ok = d <= tolerance.get(name, KEYPOINT_TOLERANCE)
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
                _ordered_counts(counts, tuple(names)),
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


def symmetric_wer(first: str, second: str, rules: dict) -> tuple[float, float]:
    """(WER, CER) of two transcripts, each the mean of both directions.

    Both texts are normalised with the task's rules (the transcript grader's
    ``normalized``); WER(a -> b) = word edit distance / max(words of a, 1), the
    grader's ``wer`` with a as the reference; CER the same over characters.
    """
    a, b = normalized(first, rules), normalized(second, rules)
    wa, wb = words(a), words(b)
    ca, cb = list(a), list(b)
    word_distance = edit_distance(wa, wb)
    char_distance = edit_distance(ca, cb)
    wer = (word_distance / max(len(wa), 1) + word_distance / max(len(wb), 1)) / 2
    cer = (char_distance / max(len(ca), 1) + char_distance / max(len(cb), 1)) / 2
    return wer, cer


def _analyse_transcript(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise symmetric WER (and CER); disagreement = mean of min(1, WER) over pairs."""
    rows = []
    for item in items:
        rules = item.options.get("normalize") or TRANSCRIPT_RULES
        results = [symmetric_wer(a, b, rules) for a, b in _pair_rows(item)]
        capped = sum(min(1.0, w) for w, _ in results) / len(results)
        texts = Counter(normalized(text, rules) for text in item.answers.values())
        rows.append(
            TaskRow(
                item.task,
                "transcript",
                len(item.answers),
                1.0 - capped,
                "1 - mean pairwise WER (capped at 1)",
                {"different texts": len(texts)},
                {
                    "mean_pairwise_wer": sum(w for w, _ in results) / len(results),
                    "mean_pairwise_cer": sum(c for _, c in results) / len(results),
                },
                capped,
            )
        )
    summary = {
        "tasks": len(items),
        "mean_wer": sum(r.measures["mean_pairwise_wer"] for r in rows) / len(rows),
        "mean_cer": sum(r.measures["mean_pairwise_cer"] for r in rows) / len(rows),
    }
    return rows, summary


def kendall_tau(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Kendall's tau of two complete orders of the same ids (the rank grader's pairs).

    (C - D) / P over the P pairs of ids; None when the orders hold different ids
    or fewer than two.
    """
    if len(first) < 2 or sorted(first) != sorted(second):
        return None
    agreeing, reversed_pairs = rank_pairs(
        SimpleNamespace(gold={"order": list(first)}), {"order": list(second)}
    )
    return (agreeing - len(reversed_pairs)) / (agreeing + len(reversed_pairs))


def _analyse_rank(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise Kendall tau per task; disagreement = (1 - mean tau) / 2.

    Pairs of orders over different ids (possible only without the course) are left
    out; a task with no comparable pair is left out.
    """
    rows = []
    for item in items:
        taus = [t for a, b in _pair_rows(item) if (t := kendall_tau(a, b)) is not None]
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
                {f"{k} first": v for k, v in _ordered_counts(firsts, None).items()},
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


def _analyse_pairwise(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Categorical, like choice: the categories are the response ids and ``tie``."""
    return _analyse_choice(items, "pairwise")


def _levels(items: list[TaskRatings]) -> dict[str, dict[str, list]]:
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


def _analyse_rating(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Per criterion: steps between two raters' levels, and ordinal Krippendorff's alpha.

    A step is one place along the scale's level list (as the rating grader counts).
    Per task, over every criterion and pair of raters who both rated it:
    ``mean_abs_steps`` is the mean number of steps apart, and disagreement the mean
    of steps / (levels - 1). Per criterion (by id, over all tasks): the mean steps
    and Krippendorff's alpha at the ordinal level, each task a unit and the level
    values the data.
    """
    levels = _levels(items)
    rows = []
    per_criterion: dict[str, dict[str, Any]] = {}
    for item in items:
        steps: list[int] = []
        shares: list[float] = []
        for cid, values in levels[item.task].items():
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


def _numeric_agree(item: TaskRatings, a: float, b: float) -> bool:
    """Each value within the task's tolerance of the other (the numeric grader's test).

    The tolerance is the task's (a relative one is relative to the gold); without
    the course, values agree only when equal (up to float rounding).
    """
    if item.gold is None or not item.options.get("tolerance"):
        options = {"tolerance": {"absolute": 0.0, "relative": None}}
        return numeric_within(
            SimpleNamespace(gold={"value": a}, options=options), b
        ) and numeric_within(SimpleNamespace(gold={"value": b}, options=options), a)
    gold = item.gold["value"]
    tolerance = item.options["tolerance"]
    difference = abs(a - b)
    slack = NUMERIC_SLACK * max(1.0, abs(gold))
    if tolerance["absolute"] is not None and difference <= tolerance["absolute"] + slack:
        return True
    return (
        tolerance["relative"] is not None
        and difference <= tolerance["relative"] * abs(gold) + slack
    )


def _analyse_numeric(items: list[TaskRatings]) -> tuple[list[TaskRow], dict]:
    """Mean pairwise absolute difference; interval Krippendorff's alpha over tasks.

    Disagreement = the share of pairs of raters whose values differ by more than
    the task's tolerance. Alpha takes each task as a unit: it compares the spread
    within tasks with the spread between them, so it means most over tasks of one
    kind (the same figure on different data).
    """
    rows = []
    for item in items:
        pairs = _pair_rows(item)
        differences = [abs(a - b) for a, b in pairs]
        agreeing = sum(_numeric_agree(item, a, b) for a, b in pairs) / len(pairs)
        values = Counter(format_number(v) for v in item.answers.values())
        rows.append(
            TaskRow(
                item.task,
                "numeric",
                len(item.answers),
                agreeing,
                "pairs within tolerance",
                _ordered_counts(values, None),
                {
                    "mean_pairwise_abs_difference": sum(differences) / len(differences),
                    "within_tolerance": agreeing,
                },
            )
        )
    summary = {
        "tasks": len(items),
        "within_tolerance": sum(r.agreement for r in rows) / len(rows),
        "krippendorff_alpha": krippendorff_alpha_scaled(
            (list(item.answers.values()) for item in items), "interval"
        ),
    }
    return rows, summary


#: task type -> its analysis (choice and multi have their own sections of the report).
ANALYSES: dict[str, Callable[[list[TaskRatings]], tuple[list[TaskRow], dict]]] = {
    "pairwise": _analyse_pairwise,
    "spans": _analyse_spans,
    "bbox": _analyse_bbox,
    "polygon": _analyse_polygon,
    "segments": _analyse_segments,
    "keypoints": _analyse_keypoints,
    "transcript": _analyse_transcript,
    "rank": _analyse_rank,
    "rating": _analyse_rating,
    "numeric": _analyse_numeric,
}


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
    for task_id in sorted(answers):
        if types[task_id] == {"rank"} and known.get(task_id) is None:
            lengths = {len(order) for order in answers[task_id].values()}
            if len(lengths) > 1:
                notes.append(f"{task_id}: orders of different lengths; unequal pairs left out")
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
        options = dict(task.options) if task is not None else {}
        gold = task.gold if task is not None else None
        ratings.append(
            TaskRatings(task_id, types[task_id].pop(), labels, answers[task_id], options, gold)
        )
    return ratings, notes
