"""``keypoints``: place named landmarks on an image (eyes, nose tip, mouth corners).

Fields: ``image``, optional ``alt`` (the image's text alternative), ``keypoints``
(the ordered landmark names: the learner places each once, in this order),
optional ``tolerance`` in px: one number for every landmark (default 10), or a
mapping from landmark names to px where unnamed landmarks keep the default. The
landmark names are also the stage's ``labels`` (its picker chooses the landmark
to place). Response and gold, natural pixels::

    {"points": [{"label": "Left eye", "x": 150, "y": 160},
                {"label": "Left ear", "visible": false}]}

A landmark marked ``visible: false`` is hidden in the image and has no position.
The gold gives every landmark exactly once, inside the image. A learner's
response is read leniently: unknown landmarks, repeats (the first counts) and
points without two finite numbers are ignored, and so is a point outside the
image (a landmark must be on the picture); ``visible: false`` marks a landmark
not visible, and any position given with it is ignored. A landmark is *placed*
when the response gives it a position, *marked hidden* when ``visible: false``,
otherwise *unanswered*. With d the distance from a placed point to its gold
point and t the landmark's tolerance:

- ``pck``: the share of gold-visible landmarks placed with d <= t (1 when no
  landmark is visible in the gold); unplaced or hidden-marked ones are misses;
- ``completeness``: the share of landmarks placed, or marked hidden where the
  gold is hidden too;
- ``missing``: the number of landmarks that do not count as complete (lower is
  better);
- ``visibility_accuracy``: over the landmarks answered (placed or marked hidden),
  the share whose visibility agrees with the gold (0 when none is answered);
- ``mean_distance`` (px, lower is better): the mean d over landmarks both visible
  in the gold and placed (0 when no landmark is visible in the gold; the image's
  diagonal, the worst possible, when none of them is placed).
"""

from __future__ import annotations

import math
from typing import Any

from ...course.fields import Fields, describe, suggest
from ...course.yamlpos import YamlList
from ...errors import AuthoringError
from ...messages import fill, format_list, format_number
from ..base import TaskType
from ..shared.imagefields import STAGE_HELPERS
from ..shared.values import finite_number

DEFAULT_TOLERANCE = 10.0


def _get(item: dict, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else None


def _answers(task, response: dict) -> list[tuple[str, dict | None, dict | None, float]]:
    """(label, gold point, learner point or None, tolerance) in landmark order."""
    gold = {point["label"]: point for point in task.gold["points"]}
    given = {point["label"]: point for point in response["points"]}
    return [
        (label, gold[label], given.get(label), task.options["tolerance"][label])
        for label in task.options["keypoints"]
    ]


def _visible(point: dict | None) -> bool:
    return point is not None and point.get("visible") is not False


def point_distance(a: dict, b: dict) -> float:
    dx = a["x"] - b["x"]
    dy = a["y"] - b["y"]
    return math.sqrt(dx * dx + dy * dy)


def _px(value: float) -> str:
    return format_number(value, 1)


def pck(task, response, messages):
    visible = 0
    within = 0
    notes = []
    for label, gold, given, tolerance in _answers(task, response):
        if not _visible(gold):
            continue
        visible += 1
        if given is None:
            notes.append(fill(messages["note_keypoints_not_placed"], label=label))
        elif not _visible(given):
            notes.append(fill(messages["note_keypoints_hidden_wrong"], label=label))
        else:
            distance = point_distance(given, gold)
            if distance <= tolerance:
                within += 1
            else:
                notes.append(
                    fill(
                        messages["note_keypoints_far"],
                        label=label,
                        distance=_px(distance),
                        tolerance=_px(tolerance),
                    )
                )
    if not visible:
        return 1.0, [messages["note_keypoints_none_visible"]]
    if not notes:
        notes.append(messages["note_keypoints_all_within"])
    return within / visible, notes


def _incomplete(task, response) -> list[str]:
    result = []
    for label, gold, given, _ in _answers(task, response):
        placed = _visible(given)
        hidden_right = given is not None and not placed and not _visible(gold)
        if not placed and not hidden_right:
            result.append(label)
    return result


def _completeness_notes(missing: list[str], messages: dict) -> list[str]:
    if not missing:
        return [messages["note_keypoints_all_answered"]]
    return [fill(messages["note_keypoints_incomplete"], items=format_list(missing))]


def completeness(task, response, messages):
    missing = _incomplete(task, response)
    total = len(task.options["keypoints"])
    return (total - len(missing)) / total, _completeness_notes(missing, messages)


def missing(task, response, messages):
    absent = _incomplete(task, response)
    return float(len(absent)), _completeness_notes(absent, messages)


def visibility_accuracy(task, response, messages):
    answered = 0
    agreed = 0
    notes = []
    for label, gold, given, _ in _answers(task, response):
        if given is None:
            continue
        answered += 1
        if _visible(given) == _visible(gold):
            agreed += 1
        elif _visible(gold):
            notes.append(fill(messages["note_keypoints_hidden_wrong"], label=label))
        else:
            notes.append(fill(messages["note_keypoints_shown_wrong"], label=label))
    if not answered:
        return 0.0, [messages["note_keypoints_none_answered"]]
    if not notes:
        notes.append(messages["note_keypoints_visibility_right"])
    return agreed / answered, notes


def mean_distance(task, response, messages):
    visible = 0
    count = 0
    total = 0.0
    for _, gold, given, _ in _answers(task, response):
        if not _visible(gold):
            continue
        visible += 1
        if _visible(given):
            count += 1
            total += point_distance(given, gold)
    if not visible:
        return 0.0, [messages["note_keypoints_none_visible"]]
    if not count:
        image = task.options["image"]
        diagonal = math.sqrt(image["width"] * image["width"] + image["height"] * image["height"])
        return diagonal, [messages["note_keypoints_none_placed"]]
    mean = total / count
    return mean, [
        fill(messages["note_keypoints_mean"], count=count, total=visible, distance=_px(mean))
    ]


class KeypointsType(TaskType):
    """Place named landmarks, or mark them not visible; graded by distance (PCK)."""

    name = "keypoints"
    widget_helpers = (*STAGE_HELPERS, "cursor.js")
    style_helpers = ("stage.css", "cursor.css")
    fields = ("image", "alt", "keypoints", "tolerance")
    response_fields = ("points",)
    gold_example = (
        "{points: [{label: Left eye, x: 150, y: 160}, {label: Nose tip, visible: false}]}"
    )
    measures = {
        "pck": pck,
        "completeness": completeness,
        "missing": missing,
        "visibility_accuracy": visibility_accuracy,
        "mean_distance": mean_distance,
    }

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        options: dict[str, Any] = {"image": media.image(fields, "image")}
        alt = fields.text("alt")
        if alt and alt.strip():
            options["alt"] = alt.strip()
        names = fields.text_list("keypoints", required=True)
        if not names:
            raise fields.error("keypoints", "'keypoints' must name at least one landmark")
        options["keypoints"] = names
        options["labels"] = list(names)  # the stage's picker: which landmark to place
        options["tolerance"] = self._tolerance(fields, names)
        return options

    def _tolerance(self, fields: Fields, names: list[str]) -> dict[str, float]:
        raw = fields.raw("tolerance")
        if not isinstance(raw, dict):
            value = fields.number("tolerance", default=DEFAULT_TOLERANCE, minimum=0.5)
            return dict.fromkeys(names, value)
        table = Fields(raw, fields.path, "tolerance", names, fields.line_of("tolerance"))
        return {name: table.number(name, default=DEFAULT_TOLERANCE, minimum=0.5) for name in names}

    def read_gold(self, task, gold: Fields) -> dict:
        names = task.options["keypoints"]
        items = gold.require("points")
        if not isinstance(items, list):
            raise gold.error("points", f"'points' must be a list, got {describe(items)}")
        found: dict[str, dict] = {}
        for index, item in enumerate(items):
            line = items.line_of(index) if isinstance(items, YamlList) else gold.line_of("points")
            point = Fields(
                item, gold.path, f"gold point {index + 1}", ("label", "x", "y", "visible"), line
            )
            label = point.text("label", required=True)
            if label not in names:
                raise point.error(
                    "label",
                    f"gold point {index + 1}: {label!r} is not one of the keypoints"
                    f"{suggest(label, names)}; keypoints: {', '.join(names)}",
                )
            if label in found:
                raise point.error("label", f"gold point {index + 1}: {label!r} is given twice")
            found[label] = self._read_point(task, point, label)
        absent = [name for name in names if name not in found]
        if absent:
            raise gold.error(
                "points",
                f"gold has no point for {', '.join(repr(n) for n in absent)}; give every keypoint "
                "once, with x and y, or with visible: false when it cannot be seen",
            )
        return {"points": [found[name] for name in names]}

    def _read_point(self, task, point: Fields, label: str) -> dict:
        if not point.boolean("visible", default=True):
            if point.has("x") or point.has("y"):
                raise point.error(
                    "x" if point.has("x") else "y",
                    f"gold point {label!r} is marked visible: false, so it has no position; "
                    "remove x and y",
                )
            return {"label": label, "visible": False}
        image = task.options["image"]
        x = point.number("x", required=True)
        y = point.number("y", required=True)
        if not (0 <= x <= image["width"] and 0 <= y <= image["height"]):
            raise AuthoringError(
                f"gold point {label!r} at ({x:g}, {y:g}) lies outside the {image['width']} x "
                f"{image['height']} image; coordinates are natural pixels from the top-left "
                "corner",
                point.path,
                point.line_of("x"),
            )
        return {"label": label, "x": x, "y": y}

    def normalize(self, task, response: Any) -> dict:
        raw = response.get("points") if isinstance(response, dict) else None
        if not isinstance(raw, list):
            return {"points": []}
        image = task.options["image"]
        given: dict[str, dict] = {}
        for item in raw:
            label = _get(item, "label")
            if not isinstance(label, str) or label not in task.options["keypoints"]:
                continue
            if label in given:
                continue
            if _get(item, "visible") is False:
                given[label] = {"label": label, "visible": False}
                continue
            x = finite_number(_get(item, "x"))
            y = finite_number(_get(item, "y"))
            if x is None or y is None:
                continue
            if 0 <= x <= image["width"] and 0 <= y <= image["height"]:
                given[label] = {"label": label, "x": x, "y": y}
        return {"points": [given[name] for name in task.options["keypoints"] if name in given]}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # Each landmark is placed or marked not visible: an empty list says nothing.
        return bool(canonical["points"])
