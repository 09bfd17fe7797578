"""Gold tasks on images from Label Studio: boxes, polygons and keypoints.

Label Studio gives image regions in percent (0-100) of the image; each result
also says the ``original_width`` and ``original_height`` the annotator's browser
saw. The image file is found in the ``--media`` folder and its natural size
(after EXIF orientation, as browsers show it) is measured; percent are converted
with that size, so gold lands on the picture learners see. A stated size of
another shape, or an ``image_rotation`` (the image turned in the editor), skips the
task (see :func:`annotrain.importers.geometry.fit`). Results:

- ``rectanglelabels``: ``x, y, width, height`` and ``rotation`` (degrees about the
  top-left corner, applied in pixels); a box turned by a quarter turn becomes the
  upright box it covers, other angles are refused; the part of a box outside the
  image is cut off (noted).
- ``polygonlabels``: ``points`` ``[[x, y], ...]``, 3 or more, ``closed``; a point
  repeating the one before it after rounding (or the first, at the end) is left out.
- ``keypointlabels``: ``x, y`` (its ``width`` is only the drawn dot's size); each
  landmark at most once. A keypoints task gives every landmark: those the gold
  annotation did not place are written ``visible: false`` (noted).
"""

from __future__ import annotations

from typing import Any

from .geometry import (
    TOLERANCE,
    GeometryError,
    box,
    clip_box,
    fit,
    number,
    on_image,
    outline_points,
    rotated_box,
    tidy,
)
from .labelstudio_results import NO_MEDIA, Context, SkipError, common, region_label, with_rubric
from .mediafiles import MediaError, Placed
from .output import Flow


def _image(ctx: Context, results: list[dict]) -> Placed | str | None:
    """The task's image, checked against the size Label Studio saw; reasons as builders give."""
    reference = ctx.data()
    if not isinstance(reference, str) or not reference.strip():
        return f"the task data has no image for {ctx.target.value!r}"
    if ctx.media is None:
        return NO_MEDIA
    try:
        placed = ctx.media.place_image(reference)
    except MediaError as error:
        ctx.skip_media(error)
        return None
    sizes = set()
    for result in results:
        turned = result.get("image_rotation")
        if turned not in (None, 0):
            return (
                "the image was turned in Label Studio's editor (image_rotation): "
                "its coordinates are not supported"
            )
        width, height = result.get("original_width"), result.get("original_height")
        if width is not None or height is not None:
            try:
                sizes.add((number(width, "original_width"), number(height, "original_height")))
            except GeometryError as error:
                return str(error)
    if len(sizes) > 1:
        return "the regions give different original image sizes"
    try:
        note = fit(next(iter(sizes), None), placed.size, placed.stored)
    except GeometryError as error:
        return str(error)
    if note:
        ctx.outcome.note(note, f"{ctx.ref} ({placed.path.name})")
    return placed


def _percent_point(value: Any, size: tuple[int, int], what: str) -> tuple[float, float]:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise GeometryError(f"{what} is not an [x, y] pair")
    x = number(value[0], f"{what}'s x") / 100 * size[0]
    y = number(value[1], f"{what}'s y") / 100 * size[1]
    return on_image(x, y, size, what)


def _image_task(ctx: Context, results: list[dict], kind: str, read) -> dict | str | None:
    placed = _image(ctx, results)
    if not isinstance(placed, Placed):
        return placed
    try:
        gold = read(ctx, results, placed.size)
    except SkipError as skip:
        return str(skip)
    except GeometryError as error:
        return str(error)
    names = "keypoints" if kind == "keypoints" else "labels"
    task = common(ctx, kind) | {"image": placed.ref, names: list(ctx.control.labels)}
    return with_rubric(ctx, task, kind) | {"gold": gold}


def _read_boxes(ctx: Context, results: list[dict], size: tuple[int, int]) -> dict:
    boxes = []
    for result in results:
        value = result["value"]
        label = region_label(ctx, value)
        x, y, w, h = (
            number(value.get(key), f"a box's {key}") / 100 * size[axis]
            for key, axis in (("x", 0), ("y", 1), ("width", 0), ("height", 1))
        )
        rotation = number(value.get("rotation") or 0, "a box's rotation")
        x, y, w, h = rotated_box(x, y, w, h, rotation)
        if rotation % 360:
            ctx.outcome.note(
                f"a box rotated by {tidy(rotation)} degrees written as the upright box it covers",
                ctx.ref,
            )
        (x, y, w, h), outside = clip_box(x, y, w, h, size)
        if outside > TOLERANCE:
            ctx.outcome.note(
                "a box reached outside the image: only its part on the image is kept", ctx.ref
            )
        found = box(x, y, w, h)
        if found["w"] <= 0 or found["h"] <= 0:
            raise GeometryError(f"a box of {found['w']} x {found['h']} px has no area")
        boxes.append(Flow(label=label, **found))
    return {"boxes": boxes}


def _read_polygons(ctx: Context, results: list[dict], size: tuple[int, int]) -> dict:
    polygons = []
    for result in results:
        value = result["value"]
        label = region_label(ctx, value)
        if value.get("closed") is False:
            raise SkipError("a polygon is not closed (it was still being drawn)")
        points = value.get("points")
        if not isinstance(points, list) or len(points) < 3:
            raise SkipError("a polygon has fewer than 3 points")
        pixels = [_percent_point(point, size, "a polygon point") for point in points]
        outline = outline_points(pixels)
        if len(outline) < 3:
            raise SkipError("a polygon has fewer than 3 distinct points")
        polygons.append(Flow(label=label, points=outline))
    return {"polygons": polygons}


def _read_keypoints(ctx: Context, results: list[dict], size: tuple[int, int]) -> dict:
    placed: dict[str, tuple[float, float]] = {}
    for result in results:
        value = result["value"]
        label = region_label(ctx, value)
        if label in placed:
            raise SkipError(f"the landmark {label!r} is placed twice")
        placed[label] = _percent_point(
            [value.get("x"), value.get("y")], size, f"the landmark {label!r}"
        )
    points = [
        Flow(label=label, x=tidy(placed[label][0]), y=tidy(placed[label][1]))
        if label in placed
        else Flow(label=label, visible=False)
        for label in ctx.control.labels
    ]
    if len(placed) < len(ctx.control.labels):
        ctx.outcome.note("landmarks not placed in the gold are written as visible: false", ctx.ref)
    return {"points": points}


def boxes(ctx: Context, results: list[dict]) -> dict | str | None:
    return _image_task(ctx, results, "bbox", _read_boxes)


def polygons(ctx: Context, results: list[dict]) -> dict | str | None:
    return _image_task(ctx, results, "polygon", _read_polygons)


def keypoints(ctx: Context, results: list[dict]) -> dict | str | None:
    return _image_task(ctx, results, "keypoints", _read_keypoints)
