"""``masks``: paint each class's pixels over an image with a brush.

Fields: ``image`` (a file next to the lesson or quiz), optional ``alt``,
``labels`` (the classes, one or more), optional ``boundary_tolerance`` (pixels,
default 2, 0 to 20). Response and gold: one mask per class, run-length encoded
as COCO stores masks (uncompressed RLE, see :mod:`.rle`)::

    {"masks": [{"label": "Sky", "size": [300, 400], "counts": [0, 80, 220, 80, ...]}]}

``size`` is [height, width] of the image; ``counts`` read the pixels column by
column, starting with a background run. Classes may overlap; each is graded on
its own. In the gold an author may give ``polygons`` (a list of outlines of [x, y]
points) instead of ``counts``: the mask is then every pixel whose centre lies
inside one of them (:func:`.rle.rasterize`).

A learner's response is read leniently: a mask whose label is not among the
labels, or repeats one already read, is dropped, and so is one whose counts are
not a list of whole numbers of 0 or more; counts running past the image are cut
and a short list is padded with background; a mask with no pixel is dropped.

**Measures.** Over the classes C that the gold or the learner has (in the order
of ``labels``); when C is empty every measure is 1:

- ``mean_iou``: the mean over C of each class's IoU (pixels in both masks /
  pixels in either; 0 for a class only one side has);
- ``worst_iou``: the lowest IoU of a class in C;
- ``boundary_f``: the mean over C of each class's boundary F-score: its
  boundary pixels (painted pixels with an unpainted neighbour above, below, left
  or right, inside the image) are compared with the gold's; precision is the
  share of the learner's boundary pixels within ``boundary_tolerance`` px of a
  gold one, recall the share of gold ones within that distance of the learner's,
  F = 2PR / (P + R) (0 for a class only one side has).
"""

from __future__ import annotations

import functools
from typing import Any

from ...course.fields import Fields, describe, suggest
from ...course.yamlpos import YamlList
from ...errors import AuthoringError
from ...messages import fill, format_number
from ..base import TaskType
from ..shared.imagefields import IMAGE_FIELDS, STAGE_HELPERS, read_image_options
from ..shared.values import explicit_list, finite_number
from . import rle

DEFAULT_TOLERANCE = 2
#: Masks beyond this many in a response are not read.
MAX_MASKS = 100


def size(task) -> tuple[int, int]:
    """(width, height) of the task's image."""
    image = task.options["image"]
    return int(image["width"]), int(image["height"])


def read_masks(raw: Any, labels: list[str], width: int, height: int) -> list[dict]:
    """The masks of a response, read leniently (see the module's docstring)."""
    masks: list[dict] = []
    if not isinstance(raw, list):
        return masks
    seen = set()
    for item in raw[:MAX_MASKS]:
        if not isinstance(item, dict):
            continue
        label = item.get("label")
        if not isinstance(label, str) or label not in labels or label in seen:
            continue
        seen.add(label)
        counts = rle.canonical(item.get("counts"), width * height)
        if counts is not None and len(counts) > 1:
            masks.append({"label": label, "size": [height, width], "counts": counts})
    return masks


def compare(task, response: dict) -> list[dict]:
    """Every class the gold or the learner has, in the order of the labels, measured."""
    width, height = size(task)
    tolerance = task.options["boundary_tolerance"]
    gold = {mask["label"]: mask["counts"] for mask in task.gold["masks"]}
    drawn = {mask["label"]: mask["counts"] for mask in response["masks"]}
    key = tuple(
        (label, tuple(gold.get(label, ())), tuple(drawn.get(label, ())))
        for label in task.options["labels"]
        if label in gold or label in drawn
    )
    return _measure(key, width, height, tolerance)


@functools.lru_cache(maxsize=1)
def _measure(key: tuple, width: int, height: int, tolerance: float) -> list[dict]:
    found = []
    for label, gold_counts, drawn_counts in key:
        gold_runs = rle.intervals(list(gold_counts))
        drawn_runs = rle.intervals(list(drawn_counts))
        row = {
            "label": label,
            "gold": rle.area(gold_runs),
            "drawn": rle.area(drawn_runs),
            "iou": 0.0,
            "f": 0.0,
            "precision": 0.0,
            "recall": 0.0,
        }
        if gold_runs and drawn_runs:
            row["iou"] = rle.iou(drawn_runs, gold_runs)
            f, p, r = rle.boundary_f(
                rle.boundary(drawn_runs, width, height),
                rle.boundary(gold_runs, width, height),
                width,
                height,
                tolerance,
            )
            row.update(f=f, precision=p, recall=r)
        found.append(row)
    return found


def _one_sided(row: dict, missed: int, messages: dict) -> str | None:
    """The note on a class only one side has, or None."""
    if not row["drawn"]:
        return fill(messages["note_masks_missed"], label=row["label"], count=missed)
    if not row["gold"]:
        return fill(messages["note_masks_extra"], label=row["label"], pixels=row["drawn"])
    return None


def _missed(rows: list[dict]) -> int:
    return len([row for row in rows if not row["drawn"]])


def mean_iou(task, response, messages):
    rows = compare(task, response)
    if not rows:
        return 1.0, [messages["note_masks_nothing"]]
    total = 0.0
    notes = []
    for row in rows:
        total += row["iou"]
        note = _one_sided(row, _missed(rows), messages)
        notes.append(
            note
            or fill(
                messages["note_masks_iou"], label=row["label"], iou=format_number(row["iou"], 2)
            )
        )
    return total / len(rows), notes


def worst_iou(task, response, messages):
    rows = compare(task, response)
    if not rows:
        return 1.0, [messages["note_masks_nothing"]]
    worst = rows[0]
    for row in rows:
        if row["iou"] < worst["iou"]:
            worst = row
    note = fill(
        messages["note_masks_worst"], label=worst["label"], iou=format_number(worst["iou"], 2)
    )
    return worst["iou"], [note]


def boundary_f(task, response, messages):
    rows = compare(task, response)
    if not rows:
        return 1.0, [messages["note_masks_nothing"]]
    total = 0.0
    notes = []
    tolerance = format_number(task.options["boundary_tolerance"], 1)
    for row in rows:
        total += row["f"]
        note = _one_sided(row, _missed(rows), messages)
        notes.append(
            note
            or fill(
                messages["note_masks_boundary"],
                label=row["label"],
                f=format_number(row["f"], 2),
                precision=format_number(row["precision"], 2),
                recall=format_number(row["recall"], 2),
                tolerance=tolerance,
            )
        )
    return total / len(rows), notes


class MasksType(TaskType):
    """Paint class masks with a brush; graded per class by IoU and boundary F."""

    name = "masks"
    widget_helpers = (*STAGE_HELPERS, "cursor.js", "nothing.js")
    style_helpers = ("stage.css", "cursor.css")
    fields = (*IMAGE_FIELDS, "boundary_tolerance")
    response_fields = ("masks",)
    gold_example = "{masks: [{label: Sky, polygons: [[[0, 0], [400, 0], [400, 120], [0, 120]]]}]}"
    measures = {"mean_iou": mean_iou, "worst_iou": worst_iou, "boundary_f": boundary_f}

    def read_options(self, fields: Fields, media) -> dict[str, Any]:
        return {
            **read_image_options(self, fields, media, 1),
            "boundary_tolerance": fields.number(
                "boundary_tolerance", default=DEFAULT_TOLERANCE, minimum=0, maximum=20
            ),
        }

    def read_gold(self, task, gold: Fields) -> dict:
        if not gold.has("masks"):
            raise gold.error(None, "gold is missing 'masks' (a list, possibly empty: masks: [])")
        items = gold.raw("masks")
        if not isinstance(items, list):
            raise gold.error("masks", f"'masks' must be a list, got {describe(items)}")
        masks = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            line = items.line_of(index) if isinstance(items, YamlList) else gold.line_of("masks")
            mask = Fields(
                item, gold.path, f"gold mask {index + 1}", ("label", "counts", "polygons"), line
            )
            masks.append(self._read_mask(task, mask, index + 1, seen))
        return {"masks": masks}

    def _read_mask(self, task, mask: Fields, number: int, seen: set[str]) -> dict:
        labels = task.options["labels"]
        label = mask.text("label", required=True)
        if label not in labels:
            raise mask.error(
                "label",
                f"gold mask {number}: label {label!r} is not among the labels"
                f"{suggest(label, labels)}; labels: {', '.join(labels)}",
            )
        if label in seen:
            raise mask.error(
                "label", f"gold mask {number}: {label!r} has a mask already; one mask per class"
            )
        seen.add(label)
        width, height = size(task)
        what = f"gold mask {number} ({label})"
        if mask.has("counts") == mask.has("polygons"):
            raise mask.error(
                None,
                f"{what} needs either 'counts' (COCO run lengths, column by column, starting "
                "with background) or 'polygons' (outlines of [x, y] points), not "
                + ("both" if mask.has("counts") else "neither"),
            )
        if mask.has("counts"):
            counts = self._read_counts(mask, what, width * height)
        else:
            outlines = self._read_outlines(mask, what, width, height)
            counts = list(_outline_counts(_frozen(outlines), width, height))
        if len(counts) < 2:
            raise mask.error(None, f"{what} covers no pixel; leave the class out instead")
        return {"label": label, "size": [height, width], "counts": counts}

    def _read_counts(self, mask: Fields, what: str, total: int) -> list[int]:
        raw = mask.raw("counts")
        if not isinstance(raw, list) or not raw:
            raise mask.error("counts", f"{what}: 'counts' must be a list of run lengths")
        for index, item in enumerate(raw):
            if rle.whole(item) is None:
                raise mask.error(
                    "counts",
                    f"{what}: count {index + 1} must be a whole number of 0 or more, "
                    f"got {describe(item)}",
                )
        if sum(raw) != total:
            raise mask.error(
                "counts",
                f"{what}: the counts add up to {sum(raw)}, but the image has {total} pixels "
                "(width x height)",
            )
        return rle.canonical(raw, total) or [total]

    def _read_outlines(self, mask: Fields, what: str, width: int, height: int) -> list:
        raw = mask.raw("polygons")
        if not isinstance(raw, list) or not raw or len(raw) > rle.MAX_OUTLINES:
            raise mask.error(
                "polygons",
                f"{what}: 'polygons' must be a list of 1 to {rle.MAX_OUTLINES} outlines, "
                "each a list of [x, y] points",
            )
        outlines = []
        for number, outline in enumerate(raw, 1):
            line = (
                raw.line_of(number - 1) if isinstance(raw, YamlList) else mask.line_of("polygons")
            )
            if not isinstance(outline, list) or not 3 <= len(outline) <= rle.MAX_POINTS:
                raise AuthoringError(
                    f"{what}: outline {number} must be a list of 3 to {rle.MAX_POINTS} "
                    "[x, y] points, got "
                    + (f"{len(outline)}" if isinstance(outline, list) else describe(outline)),
                    mask.path,
                    line,
                )
            points = []
            for point in outline:
                pair = [finite_number(v) for v in point] if isinstance(point, list) else []
                if len(pair) != 2 or None in pair:
                    raise AuthoringError(
                        f"{what}: outline {number}: every point must be [x, y], two numbers, "
                        f"got {describe(point)}",
                        mask.path,
                        line,
                    )
                if not (0 <= pair[0] <= width and 0 <= pair[1] <= height):
                    raise AuthoringError(
                        f"{what}: outline {number}: point ({pair[0]:g}, {pair[1]:g}) lies "
                        f"outside the {width} x {height} image",
                        mask.path,
                        line,
                    )
                points.append(pair)
            outlines.append(points)
        return outlines

    def normalize(self, task, response: Any) -> dict:
        raw = response.get("masks") if isinstance(response, dict) else None
        width, height = size(task)
        return {"masks": read_masks(raw, task.options["labels"], width, height)}

    def answered(self, task, canonical: dict, response: Any) -> bool:
        # The empty list is the deliberate "nothing to paint"; no list is a blank.
        return explicit_list(response, "masks", canonical["masks"])


def _frozen(outlines: list) -> tuple:
    return tuple(tuple(tuple(point) for point in outline) for outline in outlines)


@functools.lru_cache(maxsize=256)
def _outline_counts(outlines: tuple, width: int, height: int) -> tuple[int, ...]:
    """The canonical counts of gold outlines, rasterized once per process.

    Rasterizing is most of reading a masks task; ``mkdocs serve`` rebuilds reuse it.
    """
    counts = rle.rasterize(list(outlines), width, height)
    return tuple(rle.canonical(counts, width * height) or [width * height])
