"""``polygon``: outline regions on an image (roofs, ponds, fields, a saucer).

Fields: ``image`` (a file next to the lesson or quiz), optional ``alt`` (the
image's text alternative), ``labels`` (one or more), optional ``match_iou``
(default 0.5). Response and gold, in natural pixels from the image's top-left
corner::

    {"polygons": [{"label": "Building", "points": [[60, 40], [200, 40], [130, 160]]}]}

Gold polygons have at least 3 points inside the image, no point repeating the one
before it, a non-zero area and an outline that never crosses or touches itself;
anything else is refused at authoring time, naming the edges that cross.

A learner's response is read leniently (:meth:`PolygonType.normalize`): a polygon
whose label is not among the labels, or that keeps fewer than 3 points, is
dropped; points that are not two finite numbers are dropped; coordinates outside
the image are moved to its nearest edge; a point repeating the one before it (or
the first, at the end) is dropped. Only the first MAX_POLYGONS polygons and the
first MAX_POINTS points of each count. A self-crossing polygon is kept and graded
by the signed-triangle formula (see :mod:`annotrain.polygons`): loops wound
against its overall direction count against its overlap, and a note says which
edges cross.

**Matching.** Gold and learner polygons are paired one to one by
:func:`annotrain.matching.match` on their IoU (exact polygon intersection over
union; labels play no part), keeping pairs with IoU above ``match_iou``. A gold
polygon is named by its label, numbered in written order when the label occurs
more than once ("Building 2"); a learner polygon by its position ("your polygon
3"). With G gold polygons, L learner polygons and M matched pairs:

- ``recall`` = M / G (1 when G = 0): how many objects were outlined;
- ``precision`` = M / L (when L = 0: 1 if G = 0, else 0): how many outlines
  found an object;
- ``label_accuracy`` = matched pairs with the gold's label / M (when M = 0: 1 if
  G = 0, else 0);
- ``mean_iou`` = the sum of each gold polygon's IoU with its matched polygon (0
  for a missed one) / G (1 when G = 0), as for boxes;
- ``vertex_deviation`` (px, lower is better) = over the matched pairs, the
  largest distance from a gold vertex to the nearest point of the learner's
  outline (when M = 0: 0 if G = 0, else the image's diagonal, the worst possible).
"""

from __future__ import annotations

import functools
import math
from typing import Any

from ...course.fields import Fields, describe, suggest
from ...course.yamlpos import YamlList
from ...errors import AuthoringError
from ...messages import fill, format_list, format_number
from ..base import TaskType
from ..shared.imagefields import IMAGE_FIELDS, STAGE_HELPERS, read_image_options
from ..shared.matching import match
from ..shared.polygons import collinear, crossing, deviation, iou
from ..shared.values import explicit_list, finite_number

DEFAULT_MATCH_IOU = 0.5
#: Polygons beyond this many in a response are ignored (matching is cubic in the count).
MAX_POLYGONS = 100
#: Points beyond this many in one polygon are ignored (overlaps cost n x m clippings).
MAX_POINTS = 500


def _clamp(value: float, high: float) -> float:
    return min(max(value, 0.0), high)


def read_points(raw: Any, image: dict) -> list[list[float]]:
    """A learner's points: pairs of finite numbers, clamped to the image, no repeats."""
    points: list[list[float]] = []
    if not isinstance(raw, list):
        return points
    for item in raw[:MAX_POINTS]:
        if not isinstance(item, list) or len(item) != 2:
            continue
        x = finite_number(item[0])
        y = finite_number(item[1])
        if x is None or y is None:
            continue
        point = [_clamp(x, float(image["width"])), _clamp(y, float(image["height"]))]
        if points and points[-1][0] == point[0] and points[-1][1] == point[1]:
            continue
        points.append(point)
    while len(points) > 1 and points[-1][0] == points[0][0] and points[-1][1] == points[0][1]:
        points.pop()
    return points


def gold_names(task) -> list[str]:
    """Names of the gold polygons: the label, numbered when it occurs more than once."""
    polygons = task.gold["polygons"]
    names = []
    for index, polygon in enumerate(polygons):
        label = polygon["label"]
        total = 0
        before = 0
        for other in range(len(polygons)):
            if polygons[other]["label"] == label:
                total += 1
                if other <= index:
                    before += 1
        names.append(label if total == 1 else label + " " + str(before))
    return names


def _outlines(polygons: list[dict]) -> tuple:
    return tuple(tuple((x, y) for x, y in polygon["points"]) for polygon in polygons)


# Every measure of one grading asks for the same table, and each IoU costs many
# triangle clippings: the latest table is kept for as long as the outlines match.
@functools.lru_cache(maxsize=1)
def _iou_table(gold: tuple, drawn: tuple) -> tuple[tuple[float, ...], ...]:
    """IoU of every (gold, learner) pair of outlines (tuples of points)."""
    return tuple(tuple(iou(g, d) for d in drawn) for g in gold)


def _compare(task, response: dict) -> dict:
    """IoU of every (gold, learner) pair and the one-to-one matching on it."""
    gold = task.gold["polygons"]
    drawn = response["polygons"]
    table = _iou_table(_outlines(gold), _outlines(drawn))
    pairs = match(table, task.options["match_iou"])
    return {"gold": gold, "drawn": drawn, "iou": table, "pairs": pairs, "names": gold_names(task)}


def _crossing_notes(found: dict, messages: dict) -> list[str]:
    notes = []
    for index, polygon in enumerate(found["drawn"]):
        edges = crossing(polygon["points"])
        if edges is not None:
            notes.append(
                fill(
                    messages["note_polygon_crossing"],
                    number=index + 1,
                    label=polygon["label"],
                    first=edges[0] + 1,
                    second=edges[1] + 1,
                )
            )
    return notes


def _no_pairs_notes(found: dict, messages: dict) -> list[str]:
    if not found["gold"]:
        return [messages["note_polygon_nothing_to_outline"]]
    return [messages["note_polygon_no_match"]]


def recall(task, response, messages):
    found = _compare(task, response)
    gold = found["gold"]
    if not gold:
        return 1.0, [messages["note_polygon_nothing_to_outline"]]
    matched = [g for g, _ in found["pairs"]]
    notes = []
    # Missed objects no outline touches: how many (hidden notes give only the count).
    untouched = len(
        [
            g
            for g, row in enumerate(found["iou"])
            if g not in matched and not any(v > 0 for v in row)
        ]
    )
    for index in range(len(gold)):
        if index in matched:
            continue
        best = 0.0
        for value in found["iou"][index]:
            best = max(best, value)
        if best > 0:
            notes.append(
                fill(
                    messages["note_polygon_missed_weak"],
                    name=found["names"][index],
                    iou=format_number(best, 2),
                    minimum=format_number(task.options["match_iou"], 2),
                )
            )
        else:
            notes.append(
                fill(messages["note_polygon_missed"], name=found["names"][index], count=untouched)
            )
    if not notes:
        notes.append(messages["note_polygon_all_found"])
    return len(found["pairs"]) / len(gold), notes


def precision(task, response, messages):
    found = _compare(task, response)
    drawn = found["drawn"]
    if not drawn:
        return (1.0 if not found["gold"] else 0.0), [messages["note_polygon_none_drawn"]]
    matched = [r for _, r in found["pairs"]]
    notes = []
    for index, polygon in enumerate(drawn):
        if index not in matched:
            notes.append(
                fill(messages["note_polygon_extra"], number=index + 1, label=polygon["label"])
            )
    if not notes:
        notes.append(messages["note_polygon_no_extra"])
    return len(found["pairs"]) / len(drawn), notes + _crossing_notes(found, messages)


def label_accuracy(task, response, messages):
    found = _compare(task, response)
    pairs = found["pairs"]
    if not pairs:
        return (1.0 if not found["gold"] else 0.0), _no_pairs_notes(found, messages)
    right = 0
    notes = []
    for g, r in pairs:
        label = found["drawn"][r]["label"]
        if label == found["gold"][g]["label"]:
            right += 1
        else:
            notes.append(
                fill(
                    messages["note_polygon_label_wrong"],
                    name=found["names"][g],
                    label=label,
                    number=r + 1,
                )
            )
    if not notes:
        notes.append(messages["note_polygon_labels_right"])
    return right / len(pairs), notes


def mean_iou(task, response, messages):
    found = _compare(task, response)
    gold = found["gold"]
    if not gold:
        return 1.0, [messages["note_polygon_nothing_to_outline"]] + _crossing_notes(found, messages)
    total = 0.0
    notes = []
    for g, r in found["pairs"]:
        total += found["iou"][g][r]
        notes.append(
            fill(
                messages["note_polygon_iou"],
                name=found["names"][g],
                number=r + 1,
                iou=format_number(found["iou"][g][r], 2),
            )
        )
    matched = [g for g, _ in found["pairs"]]
    missed = [found["names"][g] for g in range(len(gold)) if g not in matched]
    if missed:
        notes.append(
            fill(messages["note_polygon_iou_missed"], items=format_list(missed), count=len(missed))
        )
    return total / len(gold), notes + _crossing_notes(found, messages)


def vertex_deviation(task, response, messages):
    found = _compare(task, response)
    pairs = found["pairs"]
    if not pairs:
        image = task.options["image"]
        worst = (
            0.0
            if not found["gold"]
            else math.sqrt(image["width"] * image["width"] + image["height"] * image["height"])
        )
        return worst, _no_pairs_notes(found, messages)
    worst = 0.0
    notes = []
    for g, r in pairs:
        gold_points = found["gold"][g]["points"]
        distance, corner = deviation(gold_points, found["drawn"][r]["points"])
        worst = max(worst, distance)
        shown = format_number(distance, 1)
        if shown == "0":
            notes.append(
                fill(messages["note_polygon_on_corners"], name=found["names"][g], number=r + 1)
            )
        else:
            notes.append(
                fill(
                    messages["note_polygon_deviation"],
                    name=found["names"][g],
                    number=r + 1,
                    distance=shown,
                    x=format_number(gold_points[corner][0], 1),
                    y=format_number(gold_points[corner][1], 1),
                )
            )
    return worst, notes


class PolygonType(TaskType):
    """Outline regions with polygons; matched to gold by exact polygon IoU."""

    name = "polygon"
    grader_helpers = ("matching.js", "polygons.js")
    widget_helpers = (*STAGE_HELPERS, "cursor.js", "nothing.js")
    style_helpers = ("stage.css", "cursor.css")
    fields = (*IMAGE_FIELDS, "match_iou")
    response_fields = ("polygons",)
    gold_example = "{polygons: [{label: Building, points: [[60, 40], [200, 40], [130, 160]]}]}"
    measures = {
        "recall": recall,
        "precision": precision,
        "label_accuracy": label_accuracy,
        "mean_iou": mean_iou,
        "vertex_deviation": vertex_deviation,
    }

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        return {
            **read_image_options(self, fields, media, 1),
            "match_iou": fields.number(
                "match_iou", default=DEFAULT_MATCH_IOU, minimum=0.05, maximum=0.95
            ),
        }

    def read_gold(self, task, gold: Fields) -> dict:
        if not gold.has("polygons"):
            raise gold.error(
                None, "gold is missing 'polygons' (a list, possibly empty: polygons: [])"
            )
        items = gold.raw("polygons")
        if not isinstance(items, list):
            raise gold.error("polygons", f"'polygons' must be a list, got {describe(items)}")
        polygons = []
        for index, item in enumerate(items):
            line = items.line_of(index) if isinstance(items, YamlList) else gold.line_of("polygons")
            polygon = Fields(
                item, gold.path, f"gold polygon {index + 1}", ("label", "points"), line
            )
            polygons.append(self._read_polygon(task, polygon, index + 1))
        return {"polygons": polygons}

    def _read_polygon(self, task, polygon: Fields, number: int) -> dict:
        labels = task.options["labels"]
        label = polygon.text("label", required=True)
        if label not in labels:
            raise polygon.error(
                "label",
                f"gold polygon {number}: label {label!r} is not among the labels"
                f"{suggest(label, labels)}; labels: {', '.join(labels)}",
            )
        raw = polygon.require("points")
        what = f"gold polygon {number} ({label})"
        if not isinstance(raw, list) or len(raw) < 3:
            raise polygon.error(
                "points",
                f"{what}: 'points' must be a list of at least 3 [x, y] pairs, got "
                + (f"{len(raw)} point(s)" if isinstance(raw, list) else describe(raw)),
            )
        points = []
        for index, item in enumerate(raw):
            line = raw.line_of(index) if isinstance(raw, YamlList) else polygon.line_of("points")
            pair = [finite_number(v) for v in item] if isinstance(item, list) else []
            if len(pair) != 2 or None in pair:
                raise AuthoringError(
                    f"{what}: point {index + 1} must be [x, y], two numbers, got {describe(item)}",
                    polygon.path,
                    line,
                )
            image = task.options["image"]
            if not (0 <= pair[0] <= image["width"] and 0 <= pair[1] <= image["height"]):
                raise AuthoringError(
                    f"{what}: point {index + 1} at ({pair[0]:g}, {pair[1]:g}) lies outside the "
                    f"{image['width']} x {image['height']} image; coordinates are natural pixels "
                    "from the top-left corner",
                    polygon.path,
                    line,
                )
            if points and points[-1] == pair:
                raise AuthoringError(
                    f"{what}: point {index + 1} repeats point {index}; remove one of them",
                    polygon.path,
                    line,
                )
            points.append(pair)
        if points[-1] == points[0]:
            raise polygon.error(
                "points",
                f"{what}: the last point repeats the first; leave it out, the outline closes "
                "by itself",
            )
        if collinear(points):
            raise polygon.error(
                "points", f"{what} has no area: its points lie on one straight line"
            )
        edges = crossing(points)
        if edges is not None:
            raise polygon.error("points", _crossing_message(what, points, edges))
        return {"label": label, "points": points}

    def normalize(self, task, response: Any) -> dict:
        raw = response.get("polygons") if isinstance(response, dict) else None
        if not isinstance(raw, list):
            return {"polygons": []}
        labels = task.options["labels"]
        polygons = []
        for item in raw[:MAX_POLYGONS]:
            if not isinstance(item, dict):
                continue
            label = item.get("label")
            if not isinstance(label, str) or label not in labels:
                continue
            points = read_points(item.get("points"), task.options["image"])
            if len(points) >= 3:
                polygons.append({"label": label, "points": points})
        return {"polygons": polygons}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # The empty list is the deliberate "nothing to outline"; no list is a blank.
        return explicit_list(response, "polygons", canonical["polygons"])


def _edge(points: list, index: int) -> str:
    a = points[index]
    b = points[(index + 1) % len(points)]
    return f"edge {index + 1} from ({a[0]:g}, {a[1]:g}) to ({b[0]:g}, {b[1]:g})"


def _crossing_message(what: str, points: list, edges: tuple[int, int]) -> str:
    first, second = edges
    return (
        f"{what}: its outline crosses itself: {_edge(points, first)} meets "
        f"{_edge(points, second)}; edge k runs from point k to the next point. "
        "List the points in order around the outline, without crossing"
    )
