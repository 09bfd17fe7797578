"""``segments``: mark stretches of an audio clip and label them (speaker turns, events).

Fields: ``audio`` (a clip next to the lesson), ``labels`` (2 or more; the learner
picks one per segment), ``overlap`` (``true`` when segments may overlap, as speech
from two speakers at once does; default ``false``) and ``match_iou`` (default 0.5,
in (0, 1]). Response and gold, times in seconds of the clip::

    {"segments": [{"start": 0.4, "end": 2.59, "label": "Speaker A"}, ...]}

A response keeps the segments with numeric times, start < end, a known label; times
are clipped to [0, duration]; at most :data:`MAX_SEGMENTS` are read. Segments are
sorted by start, end and label order. Gold segments must lie in [0, duration], have
start < end and a known label, and may not overlap unless ``overlap: true``.

Matching: the temporal IoU of two segments is the length of their intersection
over the length of their union. A learner segment and a gold segment may be paired
when their IoU is at least ``match_iou``; among such pairs, an optimal one-to-one
assignment (``matching.match``) pairs as many segments as possible, then as many
with the same label as possible, then the largest total IoU. Measures:

- ``recall`` = matched gold segments / gold segments (1 when gold is empty);
- ``precision`` = matched learner segments / learner segments (1 when both are
  empty, 0 when only the gold has segments);
- ``false_positives`` = learner segments left unmatched (lower is better);
- ``label_accuracy`` = matched pairs with the gold label / matched pairs (with no
  pair: 1 when gold is empty, else 0);
- ``mean_iou`` = mean IoU of the matched pairs (no pair: 1 when both are empty,
  else 0);
- ``boundary_error`` = the largest |learner edge - gold edge| in seconds over the
  starts and ends of the matched pairs (lower is better; no pair: 0 when gold is
  empty, else the clip's duration).

Notes name segments by label and times to a tenth of a second; edge shifts are
given to a hundredth, and edges within :data:`ON_TIME` seconds count as on time.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

from ...course.fields import Fields, describe, suggest
from ...course.yamlpos import YamlList
from ...errors import AuthoringError
from ...messages import fill
from ..base import TaskType
from ..shared.matching import match
from ..shared.values import explicit_list

MAX_SEGMENTS = 200
#: Two segments pair when their IoU is at least this, unless the task says otherwise.
DEFAULT_MATCH_IOU = 0.5
#: Edge shifts up to this many seconds are not mentioned in the notes.
ON_TIME = 0.05


def seconds(value: float, digits: int) -> str:
    """``value`` (>= 0) with ``digits`` decimals, rounded half up, as grader.js does it."""
    scale = 10**digits
    whole = math.floor(value * scale + 0.5)
    return f"{whole // scale}.{str(whole % scale).zfill(digits)}"


def iou(a: dict, b: dict) -> float:
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    if inter <= 0:
        return 0.0
    union = max(a["end"], b["end"]) - min(a["start"], b["start"])
    return inter / union


def pairs(task, response: dict) -> list[tuple[int, int]]:
    """(gold index, learner index) pairs of the matching described above."""
    gold, mine = task.gold["segments"], response["segments"]
    n = min(len(gold), len(mine))
    same = n + 1  # worth more than any total IoU
    pair = n * (same + 1) + 1  # worth more than any total of the two below
    minimum = task.options["match_iou"]
    similarity = []
    for g in gold:
        row = []
        for r in mine:
            value = iou(g, r)
            if value >= minimum:
                row.append(pair + (same if g["label"] == r["label"] else 0) + value)
            else:
                row.append(0.0)
        similarity.append(row)
    return match(similarity, 0.0)


def _where(segment: dict) -> dict:
    return {
        "label": segment["label"],
        "start": seconds(segment["start"], 1),
        "end": seconds(segment["end"], 1),
    }


def _missed_notes(task, response, found, messages) -> list[str]:
    gold = task.gold["segments"]
    matched = {g for g, _ in found}
    count = len(gold) - len(matched)
    missed = [
        fill(messages["note_segments_missed"], **_where(s), count=count)
        for i, s in enumerate(gold)
        if i not in matched
    ]
    if missed:
        return missed
    return [messages["note_segments_all_found"]]


def _extra_notes(task, response, found, messages) -> list[str]:
    mine = response["segments"]
    if not mine:
        return [messages["note_segments_none"]]
    matched = {r for _, r in found}
    extra = [
        fill(messages["note_segments_extra"], **_where(s))
        for i, s in enumerate(mine)
        if i not in matched
    ]
    if extra:
        return extra
    return [messages["note_segments_no_extra"]]


def _shift(value: float, messages) -> str:
    if abs(value) <= ON_TIME:
        return messages["note_segments_on_time"]
    key = "note_segments_late" if value > 0 else "note_segments_early"
    return fill(messages[key], seconds=seconds(abs(value), 2))


def _edge_notes(task, response, found, messages) -> list[str]:
    gold, mine = task.gold["segments"], response["segments"]
    notes = []
    for g, r in found:
        start = mine[r]["start"] - gold[g]["start"]
        end = mine[r]["end"] - gold[g]["end"]
        if abs(start) > ON_TIME or abs(end) > ON_TIME:
            notes.append(
                fill(
                    messages["note_segments_edges"],
                    **_where(mine[r]),
                    start_shift=_shift(start, messages),
                    end_shift=_shift(end, messages),
                )
            )
    if notes:
        return notes
    if found:
        return [messages["note_segments_edges_right"]]
    return _missed_notes(task, response, found, messages)


def recall(task, response, messages):
    gold = task.gold["segments"]
    found = pairs(task, response)
    value = 1.0 if not gold else len(found) / len(gold)
    return value, _missed_notes(task, response, found, messages)


def precision(task, response, messages):
    gold, mine = task.gold["segments"], response["segments"]
    found = pairs(task, response)
    if not mine:
        value = 1.0 if not gold else 0.0
    else:
        value = len(found) / len(mine)
    return value, _extra_notes(task, response, found, messages)


def false_positives(task, response, messages):
    found = pairs(task, response)
    value = float(len(response["segments"]) - len(found))
    return value, _extra_notes(task, response, found, messages)


def label_accuracy(task, response, messages):
    gold, mine = task.gold["segments"], response["segments"]
    found = pairs(task, response)
    wrong = [(g, r) for g, r in found if gold[g]["label"] != mine[r]["label"]]
    if not found:
        value = 1.0 if not gold else 0.0
    else:
        value = (len(found) - len(wrong)) / len(found)
    notes = [
        fill(messages["note_segments_label"], **_where(mine[r]), gold=gold[g]["label"])
        for g, r in wrong
    ]
    if not notes:
        notes = (
            [messages["note_segments_labels_right"]]
            if found
            else _missed_notes(task, response, found, messages)
        )
    return value, notes


def mean_iou(task, response, messages):
    gold, mine = task.gold["segments"], response["segments"]
    found = pairs(task, response)
    if not found:
        value = 1.0 if not gold and not mine else 0.0
    else:
        total = 0.0
        for g, r in found:
            total += iou(gold[g], mine[r])
        value = total / len(found)
    return value, _edge_notes(task, response, found, messages)


def boundary_error(task, response, messages):
    gold, mine = task.gold["segments"], response["segments"]
    found = pairs(task, response)
    if not found:
        value = 0.0 if not gold else task.options["audio"]["duration"]
    else:
        value = 0.0
        for g, r in found:
            value = max(
                value,
                abs(mine[r]["start"] - gold[g]["start"]),
                abs(mine[r]["end"] - gold[g]["end"]),
            )
    return value, _edge_notes(task, response, found, messages)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer beyond float range; JSON in the browser says Infinity
        return None
    return number if math.isfinite(number) else None


def _sorted(task, segments: list[dict]) -> list[dict]:
    labels = task.options["labels"]
    return sorted(segments, key=lambda s: (s["start"], s["end"], labels.index(s["label"])))


class SegmentsType(TaskType):
    """Mark and label time ranges of an audio clip."""

    name = "segments"
    grader_helpers = ("matching.js",)
    widget_helpers = ("nothing.js", "audio.js", "history.js")
    fields = ("audio", "labels", "overlap", "match_iou")
    response_fields = ("segments",)
    gold_example = "{segments: [{start: 0.4, end: 2.6, label: Speaker A}]}"
    measures = {
        "recall": recall,
        "precision": precision,
        "false_positives": false_positives,
        "label_accuracy": label_accuracy,
        "mean_iou": mean_iou,
        "boundary_error": boundary_error,
    }

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        labels = self.read_labels(fields)
        if len(labels) > 9:
            raise fields.error("labels", "a segments exercise has at most 9 labels (keys 1 to 9)")
        match_iou = fields.number("match_iou", default=DEFAULT_MATCH_IOU, maximum=1)
        if match_iou <= 0:
            raise fields.error("match_iou", f"'match_iou' must be above 0, got {match_iou:g}")
        return {
            "audio": media.audio(fields, "audio"),
            "labels": labels,
            "overlap": fields.boolean("overlap"),
            "match_iou": match_iou,
        }

    def read_gold(self, task, gold: Fields) -> dict:
        if not gold.has("segments"):
            raise gold.error(
                None, "gold is missing 'segments' (a list, possibly empty: segments: [])"
            )
        items = gold.raw("segments")
        if not isinstance(items, list):
            raise gold.error("segments", f"'segments' must be a list, got {describe(items)}")
        duration = task.options["audio"]["duration"]
        labels = task.options["labels"]
        result = []
        for index, item in enumerate(items):
            line = items.line_of(index) if isinstance(items, YamlList) else gold.line_of("segments")
            fields = Fields(
                item, gold.path, f"gold segment {index + 1}", ("start", "end", "label"), line
            )
            start = fields.number("start", required=True, minimum=0)
            end = fields.number("end", required=True)
            label = fields.text("label", required=True)
            if end <= start:
                raise fields.error(
                    "end",
                    f"gold segment {index + 1} ends at {end:g} s, not after its start {start:g} s",
                )
            if end > duration:
                raise fields.error(
                    "end",
                    f"gold segment {index + 1} ends at {end:g} s, after the end of the clip "
                    f"({duration:.3f} s)",
                )
            if label not in labels:
                raise fields.error(
                    "label",
                    f"gold label {label!r} is not among the labels{suggest(label, labels)}; "
                    f"labels: {', '.join(labels)}",
                )
            result.append({"start": start, "end": end, "label": label, "line": fields.line})
        if not task.options["overlap"]:
            ordered = sorted(result, key=lambda s: (s["start"], s["end"]))
            for before, after in pairwise(ordered):
                if after["start"] < before["end"]:
                    raise AuthoringError(
                        f"gold segments {before['start']:g}-{before['end']:g} s and "
                        f"{after['start']:g}-{after['end']:g} s overlap; segments of this "
                        "exercise may not overlap unless it says 'overlap: true'",
                        gold.path,
                        after["line"],
                    )
        clean = [{k: s[k] for k in ("start", "end", "label")} for s in result]
        return {"segments": _sorted(task, clean)}

    def normalize(self, task, response: Any) -> dict:
        raw = response.get("segments") if isinstance(response, dict) else None
        if not isinstance(raw, list):
            return {"segments": []}
        duration = task.options["audio"]["duration"]
        labels = task.options["labels"]
        result = []
        for item in raw[:MAX_SEGMENTS]:
            if not isinstance(item, dict):
                continue
            start, end, label = (
                _number(item.get("start")),
                _number(item.get("end")),
                item.get("label"),
            )
            if start is None or end is None or label not in labels:
                continue
            start, end = max(start, 0.0), min(end, duration)
            if start < end:
                result.append({"start": start, "end": end, "label": label})
        return {"segments": _sorted(task, result)}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # The empty list is the deliberate "nothing to mark in this clip"; no list is a blank.
        return explicit_list(response, "segments", canonical["segments"])
