"""``bbox``: draw a box around every object of interest in an image and label it.

Fields: ``image`` (a file next to the lesson or quiz), optional ``alt`` (the
image's text alternative), ``labels`` (1 or more) and optional ``match_iou``
(default 0.3): a learner box and a gold box count as the same object only when
their IoU is more than this. Gold: ``{boxes: [{label, x, y, w, h}]}`` in the
image's natural pixels, x and y the top-left corner, w and h > 0, every box
inside the image, every label among ``labels``; an empty list means "nothing to
box here".

Coordinates are pixel edges, as in COCO (no "+1" convention): x = 0 is the
image's left border, pixel column i lies between x = i and x = i + 1, and the
right edge is x + w. So w = right edge - left edge = the number of pixel columns
covered; a box over columns 402 to 770 is x 402, w 369. The widget draws this way
and ``tools/make_images.py`` writes its synthetic gold this way.

Response: ``{"boxes": [{"x", "y", "w", "h", "label"}]}``, natural pixels. A box
with a negative w or h is read as the same rectangle drawn the other way
(x + w, -w); a box whose label is not among the labels, or whose x, y, w or h is
not a number within ±MAX_COORD, is malformed and dropped; at most MAX_BOXES boxes
count. A zero-area box is kept: it overlaps nothing, so it is spurious.

Matching: the IoU of two boxes is the area of their intersection over the area of
their union (0 when the union is empty; touching boxes give 0). Pairs whose IoU
is not above ``match_iou`` are set to 0, then ``matching.match`` finds the
one-to-one assignment of learner boxes to gold boxes with the largest total IoU;
the pairs it keeps (IoU > ``match_iou``) are the *matched* pairs. Labels play no
part in matching: a box on the right object with the wrong label is matched and
counted by ``label_accuracy``. With G gold boxes, L learner boxes and M matched
pairs, the measures are:

- ``recall`` = M / G: gold objects found (1 when G = 0);
- ``precision`` = M / L: boxes that match an object; spurious boxes lower it
  (1 when L = 0 and G = 0; 0 when L = 0 and G > 0);
- ``label_accuracy`` = matched pairs with the gold label / M (when M = 0: 1 if
  G = 0, else 0);
- ``mean_iou`` = the sum of the IoU of each gold box with its matched box (0 for a
  missed gold box) / G (1 when G = 0);
- ``max_edge_deviation`` = the largest |learner edge - gold edge| in pixels over
  the matched pairs and their 4 edges (left x, top y, right x + w, bottom y + h);
  lower is better. 0 when G = 0; the image diagonal when G > 0 and M = 0;
- ``mean_edge_deviation`` = the mean of the same 4M deviations, with the same
  values when M = 0;
- ``max_inward_deviation`` = how far a learner edge lies inside its gold box, in
  pixels, at worst. Each edge of each matched pair has a signed depth: learner
  minus gold for the left and top edges, gold minus learner for the right and
  bottom edges, positive when the edge cuts into the object. The measure is the
  largest of these 4M depths, or 0 when none is positive; it has the same values
  as the other edge measures when M = 0;
- ``max_outward_deviation`` = the same with the signs turned: how far an edge lies
  outside the gold box (a loose margin), at worst, 0 when no edge does. The
  larger of the two is ``max_edge_deviation``.

Missed objects are ``recall``'s business and spurious boxes ``precision``'s: the
edge measures look at matched pairs only, so a rubric grading precision of
drawing should also grade completeness.
"""

from __future__ import annotations

import math
from typing import Any

from ...course.fields import Fields, describe, suggest
from ...course.yamlpos import YamlList
from ...messages import fill
from ..base import TaskType
from ..shared.imagefields import IMAGE_FIELDS, STAGE_HELPERS, read_image_options
from ..shared.matching import match
from ..shared.values import explicit_list

#: Boxes beyond this many in a response are ignored (matching is cubic in the count).
MAX_BOXES = 100
#: Coordinates further than this from the origin make a response box malformed.
MAX_COORD = 1_000_000
DEFAULT_MATCH_IOU = 0.3
#: Catalog keys of the edge notes, by edge: left, top, right, bottom.
OUTSIDE = (
    "note_bbox_outside_left",
    "note_bbox_outside_top",
    "note_bbox_outside_right",
    "note_bbox_outside_bottom",
)
INSIDE = (
    "note_bbox_inside_left",
    "note_bbox_inside_top",
    "note_bbox_inside_right",
    "note_bbox_inside_bottom",
)


def px(value: float) -> str:
    """A pixel amount for notes: one decimal at most, "7" rather than "7.0"."""
    rounded = math.floor(value * 10 + 0.5) / 10
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def ratio(value: float) -> str:
    """An IoU for notes: two decimals at most."""
    rounded = math.floor(value * 100 + 0.5) / 100
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def iou(a: dict, b: dict) -> float:
    """Intersection over union of two boxes {x, y, w, h} (w, h >= 0)."""
    width = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    height = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    if width <= 0 or height <= 0:
        return 0.0
    inter = width * height
    union = a["w"] * a["h"] + b["w"] * b["h"] - inter
    return inter / union if union > 0 else 0.0


def edges(box: dict) -> list[float]:
    """(left, top, right, bottom)."""
    return [box["x"], box["y"], box["x"] + box["w"], box["y"] + box["h"]]


def _pairs(task, response: dict) -> list[tuple[int, int, float]]:
    """Matched (gold index, learner index, IoU), in gold order."""
    gold, boxes = task.gold["boxes"], response["boxes"]
    minimum = task.options["match_iou"]
    similarity = []
    for g in gold:
        row = []
        for b in boxes:
            value = iou(g, b)
            row.append(value if value > minimum else 0.0)
        similarity.append(row)
    return [(g, r, similarity[g][r]) for g, r in match(similarity, minimum)]


def where(box: dict, messages) -> str:
    """Where a box lies, as its edges: "x 126–153, y 198–213 px"."""
    left, top, right, bottom = edges(box)
    return fill(
        messages["bbox_where"], left=px(left), right=px(right), top=px(top), bottom=px(bottom)
    )


def _gold_text(box: dict, messages) -> str:
    return fill(
        messages["note_bbox_object"], label=quoted(box["label"]), where=where(box, messages)
    )


def _box_name(index: int, messages) -> str:
    return fill(messages["bbox_box"], number=index + 1)


def recall(task, response, messages):
    gold = task.gold["boxes"]
    pairs = _pairs(task, response)
    if not gold:
        return 1.0, [messages["note_bbox_nothing_to_find"]]
    found = {g for g, _, _ in pairs}
    count = len(gold) - len(found)
    notes = [
        fill(messages["note_bbox_missed"], object=_gold_text(box, messages), count=count)
        for g, box in enumerate(gold)
        if g not in found
    ]
    if not notes:
        notes = [fill(messages["note_bbox_all_found"], count=len(gold))]
    return len(pairs) / len(gold), notes


def precision(task, response, messages):
    gold, boxes = task.gold["boxes"], response["boxes"]
    pairs = _pairs(task, response)
    if not boxes:
        return (1.0 if not gold else 0.0), [messages["note_bbox_no_boxes"]]
    matched = {r for _, r, _ in pairs}
    notes = [
        fill(
            messages["note_bbox_spurious"],
            box=_box_name(r, messages),
            label=quoted(box["label"]),
            where=where(box, messages),
        )
        for r, box in enumerate(boxes)
        if r not in matched
    ]
    if not notes:
        notes = [messages["note_bbox_no_spurious"]]
    return len(pairs) / len(boxes), notes


def _nothing_matched(task, messages) -> list[str]:
    if not task.gold["boxes"]:
        return [messages["note_bbox_nothing_to_find"]]
    return [messages["note_bbox_none_matched"]]


def label_accuracy(task, response, messages):
    gold, boxes = task.gold["boxes"], response["boxes"]
    pairs = _pairs(task, response)
    if not pairs:
        return (1.0 if not gold else 0.0), _nothing_matched(task, messages)
    notes = []
    right = 0
    for g, r, _ in pairs:
        if boxes[r]["label"] == gold[g]["label"]:
            right += 1
        else:
            notes.append(
                fill(
                    messages["note_bbox_wrong_label"],
                    box=_box_name(r, messages),
                    label=quoted(boxes[r]["label"]),
                    gold=quoted(gold[g]["label"]),
                )
            )
    if not notes:
        notes = [messages["note_bbox_labels_right"]]
    return right / len(pairs), notes


def mean_iou(task, response, messages):
    gold = task.gold["boxes"]
    pairs = _pairs(task, response)
    if not gold:
        return 1.0, [messages["note_bbox_nothing_to_find"]]
    total = 0.0
    notes = []
    for g, r, value in pairs:
        total += value
        notes.append(
            fill(
                messages["note_bbox_iou"],
                box=_box_name(r, messages),
                label=quoted(gold[g]["label"]),
                iou=ratio(value),
            )
        )
    missed = len(gold) - len(pairs)
    if missed:
        notes.append(fill(messages["note_bbox_iou_missed"], count=missed))
    return total / len(gold), notes


def depth(learner: list[float], target: list[float], side: int) -> float:
    """How far the learner's edge ``side`` lies inside the gold box (negative: outside).

    Left and top edges cut into the object when larger, right and bottom when smaller.
    """
    if side < 2:
        return learner[side] - target[side]
    return target[side] - learner[side]


def _deviations(task, response, messages) -> tuple[list[float], list[str]]:
    """Every matched pair's 4 edge deviations in pair order, and a note per pair."""
    gold, boxes = task.gold["boxes"], response["boxes"]
    values = []
    notes = []
    for g, r, _ in _pairs(task, response):
        learner, target = edges(boxes[r]), edges(gold[g])
        parts = []
        for side in range(4):
            value = abs(learner[side] - target[side])
            values.append(value)
            if value >= 0.5:
                key = (INSIDE if depth(learner, target, side) > 0 else OUTSIDE)[side]
                parts.append(fill(messages[key], px=px(value)))
        name = _box_name(r, messages)
        label = quoted(gold[g]["label"])
        if parts:
            notes.append(
                fill(messages["note_bbox_edges"], box=name, label=label, edges="; ".join(parts))
            )
        else:
            notes.append(fill(messages["note_bbox_edges_exact"], box=name, label=label))
    return values, notes


def _no_deviation(task) -> float:
    """The value of the edge measures when no pair was matched."""
    if not task.gold["boxes"]:
        return 0.0
    width, height = task.options["image"]["width"], task.options["image"]["height"]
    return math.sqrt(width * width + height * height)


def max_edge_deviation(task, response, messages):
    values, notes = _deviations(task, response, messages)
    if not values:
        return _no_deviation(task), _nothing_matched(task, messages)
    return max(values), notes


def mean_edge_deviation(task, response, messages):
    values, notes = _deviations(task, response, messages)
    if not values:
        return _no_deviation(task), _nothing_matched(task, messages)
    total = 0.0
    for value in values:
        total += value
    return total / len(values), notes


def _one_way(task, response, messages, inward: bool):
    """The worst depth of an edge inside (``inward``) or outside the gold box.

    Over the matched pairs, 0 when no edge lies that way; a note per pair that has
    such an edge, or one note saying there is none.
    """
    pairs = _pairs(task, response)
    if not pairs:
        return _no_deviation(task), _nothing_matched(task, messages)
    gold, boxes = task.gold["boxes"], response["boxes"]
    keys = INSIDE if inward else OUTSIDE
    worst = 0.0
    notes = []
    for g, r, _ in pairs:
        learner, target = edges(boxes[r]), edges(gold[g])
        parts = []
        for side in range(4):
            value = depth(learner, target, side)
            if not inward:
                value = -value
            if value > worst:
                worst = value
            if value >= 0.5:
                parts.append(fill(messages[keys[side]], px=px(value)))
        if parts:
            notes.append(
                fill(
                    messages["note_bbox_edges"],
                    box=_box_name(r, messages),
                    label=quoted(gold[g]["label"]),
                    edges="; ".join(parts),
                )
            )
    if not notes:
        notes = [messages["note_bbox_no_edge_inside" if inward else "note_bbox_no_edge_outside"]]
    return worst, notes


def max_inward_deviation(task, response, messages):
    return _one_way(task, response, messages, inward=True)


def max_outward_deviation(task, response, messages):
    return _one_way(task, response, messages, inward=False)


def _number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and -MAX_COORD <= value <= MAX_COORD
    )


def _read_box(item: Any, labels: list[str]) -> dict | None:
    """A response box in canonical shape, or None when it is malformed."""
    if not isinstance(item, dict):
        return None
    label = item.get("label")
    values = [item.get(key) for key in ("x", "y", "w", "h")]
    if not isinstance(label, str) or label not in labels or not all(map(_number, values)):
        return None
    x, y, w, h = values
    if w < 0:
        x, w = x + w, -w
    if h < 0:
        y, h = y + h, -h
    return {"x": x, "y": y, "w": w, "h": h, "label": label}


class BboxType(TaskType):
    """Draw labelled boxes on an image."""

    name = "bbox"
    fields = (*IMAGE_FIELDS, "match_iou")
    response_fields = ("boxes",)
    gold_example = "{boxes: [{label: Scratch, x: 120, y: 40, w: 38, h: 22}]}"
    grader_helpers = ("matching.js",)
    widget_helpers = (*STAGE_HELPERS, "boxes.js", "nothing.js")
    style_helpers = ("stage.css",)
    measures = {
        "recall": recall,
        "precision": precision,
        "label_accuracy": label_accuracy,
        "mean_iou": mean_iou,
        "max_edge_deviation": max_edge_deviation,
        "mean_edge_deviation": mean_edge_deviation,
        "max_inward_deviation": max_inward_deviation,
        "max_outward_deviation": max_outward_deviation,
    }

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        options = read_image_options(self, fields, media, minimum_labels=1)
        options["match_iou"] = fields.number(
            "match_iou", default=DEFAULT_MATCH_IOU, minimum=0, maximum=0.99
        )
        return options

    def read_gold(self, task, gold: Fields) -> dict:
        if not gold.has("boxes"):
            raise gold.error(None, "gold is missing 'boxes' (a list, possibly empty: boxes: [])")
        items = gold.raw("boxes")
        if not isinstance(items, list):
            raise gold.error("boxes", f"'boxes' must be a list, got {describe(items)}")
        image = task.options["image"]
        labels = task.options["labels"]
        boxes = []
        for index, item in enumerate(items):
            line = items.line_of(index) if isinstance(items, YamlList) else gold.line_of("boxes")
            what = f"gold box {index + 1}"
            box = Fields(item, gold.path, what, ("label", "x", "y", "w", "h"), line)
            label = box.text("label", required=True)
            if label not in labels:
                raise box.error(
                    "label",
                    f"{what} has the label {label!r}, which is not among the labels"
                    f"{suggest(label, labels)}; labels: {', '.join(labels)}",
                )
            x, y, w, h = (box.number(key, required=True) for key in ("x", "y", "w", "h"))
            what = f"{what} ({label})"
            for key, size in (("w", w), ("h", h)):
                if size <= 0:
                    raise box.error(
                        key, f"{what} has {key} = {size:g}; a box needs a width and height above 0"
                    )
            self._check_inside(box, what, image, x, y, w, h)
            boxes.append({"label": label, "x": tidy(x), "y": tidy(y), "w": tidy(w), "h": tidy(h)})
        return {"boxes": boxes}

    @staticmethod
    def _check_inside(box: Fields, what: str, image: dict, x, y, w, h) -> None:
        width, height = image["width"], image["height"]
        for key, start, end, limit in (("x", x, x + w, width), ("y", y, y + h, height)):
            if start < 0 or end > limit:
                raise box.error(
                    key,
                    f"{what} spans {key} {start:g} to {end:g}, outside the {width} x {height} "
                    f"image; boxes are in natural pixels from the top-left corner, so {key} "
                    f"must be at least 0 and {key} + {'w' if key == 'x' else 'h'} at most {limit}",
                )

    def normalize(self, task, response: Any) -> dict:
        raw = response.get("boxes") if isinstance(response, dict) else None
        if not isinstance(raw, list):
            return {"boxes": []}
        labels = task.options["labels"]
        boxes = [box for box in (_read_box(item, labels) for item in raw) if box is not None]
        return {"boxes": boxes[:MAX_BOXES]}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # The empty list is the deliberate "nothing to box"; no list is a blank.
        return explicit_list(response, "boxes", canonical["boxes"])


def tidy(value: float) -> int | float:
    """Whole numbers as ints, so the task JSON reads 126 rather than 126.0."""
    return int(value) if value == int(value) else value
