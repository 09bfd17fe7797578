"""Image geometry of imported regions, in the natural pixels of the image a task shows.

Label Studio gives regions in percent (0-100) of the image, COCO in pixels of the
image it was made on; annotrain gold is in natural pixels of the file the task
shows, from its top-left corner. Converted values are rounded to 2 decimals (and
written as whole numbers when they are), which keeps the files stable and readable
and is far below what anyone can see or draw.

A rectangle with a rotation (degrees, clockwise on screen, about its top-left
corner, as Label Studio stores it) is turned in pixels, never in percent. A bbox
gold box is axis-aligned, so a rotated rectangle is accepted only when it still is
one (rotation 0, 90, 180 or 270 degrees, up to :data:`TOLERANCE`); any other angle
raises :class:`GeometryError`.
"""

from __future__ import annotations

import math

#: Pixels: how far a point may lie outside the image, or a rotated rectangle's corner
#: from an axis-aligned one, and still count as on it (rounding in the exporting tool).
TOLERANCE = 0.5


class GeometryError(ValueError):
    """A region that cannot become gold; the message says why."""


def number(value, what: str) -> float:
    """``value`` as a finite float; GeometryError for text, true/false, NaN or infinity."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise GeometryError(f"{what} is not a number ({_short(value)})")
    return float(value)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 30 else text[:29] + "…"


def tidy(value: float) -> int | float:
    """``value`` rounded to 2 decimals; a whole number as an int (``12`` not ``12.0``)."""
    value = round(value, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
    return int(value) if value.is_integer() else value


def same_picture(stated: tuple[float, float], actual: tuple[int, int]) -> bool:
    """Whether an image of size ``stated`` scaled to ``actual`` keeps its shape (within 1 px)."""
    (sw, sh), (aw, ah) = stated, actual
    return sw > 0 and sh > 0 and abs(sh * aw / sw - ah) <= 1 and abs(sw * ah / sh - aw) <= 1


def fit(
    stated: tuple[float, float] | None, natural: tuple[int, int], stored: tuple[int, int]
) -> str | None:
    """Check the image size a tool states against the file found; a note when they differ.

    ``natural`` is the file's size as shown (after EXIF orientation), ``stored`` its
    stored pixels. The same size, or no stated size, is fine (None). A scaled copy of
    the same picture (same shape within 1 px) is fine too and gives a note: the
    coordinates are then scaled to the file, which is what learners will see. Any
    other size raises GeometryError: the file is probably not the image the
    annotations were made on.
    """
    if stated is None or tuple(stated) == tuple(natural):
        return None
    sw, sh = (tidy(v) for v in stated)
    if same_picture(stated, natural):
        return (
            f"the image file is {natural[0]} x {natural[1]} px, the annotations were made on "
            f"{sw} x {sh} px: coordinates scaled to the file"
        )
    if tuple(stated) == tuple(stored):
        raise GeometryError(
            "the image file carries an EXIF orientation, so browsers show it turned, but "
            "the annotations were made on its stored pixels: save it upright first"
        )
    raise GeometryError(
        f"the image file is {natural[0]} x {natural[1]} px but the annotations were made on "
        f"{sw} x {sh} px (another shape): probably not the same picture"
    )


def rotated_box(
    x: float, y: float, w: float, h: float, degrees: float
) -> tuple[float, float, float, float]:
    """The axis-aligned box a rectangle rotated about its top-left corner covers.

    All in pixels. Raises GeometryError unless the rotated rectangle is itself
    axis-aligned: each of its corners within :data:`TOLERANCE` of the result's.
    """
    if w <= 0 or h <= 0:
        raise GeometryError(f"a box of {tidy(w)} x {tidy(h)} px has no area")
    turn = math.radians(degrees)
    cos, sin = math.cos(turn), math.sin(turn)
    corners = [
        (x, y),
        (x + w * cos, y + w * sin),
        (x + w * cos - h * sin, y + w * sin + h * cos),
        (x - h * sin, y + h * cos),
    ]
    left, right = min(c[0] for c in corners), max(c[0] for c in corners)
    top, bottom = min(c[1] for c in corners), max(c[1] for c in corners)
    aligned = [(left, top), (right, top), (right, bottom), (left, bottom)]
    for cx, cy in corners:
        if min(math.hypot(cx - ax, cy - ay) for ax, ay in aligned) > TOLERANCE:
            raise GeometryError(
                f"a box is rotated by {tidy(degrees)} degrees; bbox gold is axis-aligned, so "
                "only rotations of 0, 90, 180 or 270 degrees can be imported (straighten it "
                "in Label Studio, or label the object with a polygon)"
            )
    return left, top, right - left, bottom - top


def clip_box(
    x: float, y: float, w: float, h: float, size: tuple[int, int]
) -> tuple[tuple[float, float, float, float], float]:
    """The part of a box inside the image, and how far (px) it reached outside.

    Raises GeometryError when no part of the box is inside the image.
    """
    width, height = size
    left, top = max(x, 0.0), max(y, 0.0)
    right, bottom = min(x + w, float(width)), min(y + h, float(height))
    if right - left <= 0 or bottom - top <= 0:
        raise GeometryError(
            f"a box at ({tidy(x)}, {tidy(y)}) of {tidy(w)} x {tidy(h)} px lies outside "
            f"the {width} x {height} image"
        )
    outside = max(-x, -y, x + w - width, y + h - height, 0.0)
    return (left, top, right - left, bottom - top), outside


def on_image(x: float, y: float, size: tuple[int, int], what: str) -> tuple[float, float]:
    """A point moved onto the image edge when within TOLERANCE of it; GeometryError if further."""
    width, height = size
    if not (-TOLERANCE <= x <= width + TOLERANCE and -TOLERANCE <= y <= height + TOLERANCE):
        raise GeometryError(
            f"{what} at ({tidy(x)}, {tidy(y)}) lies outside the {width} x {height} image"
        )
    return min(max(x, 0.0), float(width)), min(max(y, 0.0), float(height))


def box(x: float, y: float, w: float, h: float) -> dict:
    """A gold box mapping (without its label) in tidy pixels.

    The edges are rounded, not the size, so a box that ends on the image's edge
    still does after rounding.
    """
    left, top = tidy(x), tidy(y)
    return {"x": left, "y": top, "w": tidy(tidy(x + w) - left), "h": tidy(tidy(y + h) - top)}


def outline_points(points: list[tuple[float, float]]) -> list[list[int | float]]:
    """A polygon's points in tidy pixels, without repeats.

    A point equal to the one before it after rounding is left out, and so is a
    last point repeating the first (an outline closes by itself).
    """
    outline: list[list[int | float]] = []
    for x, y in points:
        point = [tidy(x), tidy(y)]
        if not outline or point != outline[-1]:
            outline.append(point)
    if len(outline) > 1 and outline[-1] == outline[0]:
        outline.pop()
    return outline
