"""Run-length masks, as COCO stores them, and the measures computed on the runs.

A mask of an image ``width`` x ``height`` is a list of run lengths (COCO's
uncompressed RLE ``counts``): the pixels are read column by column (x = 0 top
to bottom, then x = 1, ...: pixel (x, y) is number ``x * height + y``), and the
counts alternate background, foreground, background, ... starting with
background (a mask that starts with a painted pixel starts with 0). In canonical
form the counts add up to ``width * height`` and only the first may be 0.

Nothing here walks the pixels one by one: IoU intersects the foreground
intervals, and a boundary is found column by column from the runs, so a
full-size mask is graded in time proportional to its runs and its boundary.
Mirrored by ``grader.js`` of this folder (same steps, same order).
"""

from __future__ import annotations

import math
from typing import Any

#: A mask's outline points: at most this many per outline, outlines per mask.
MAX_POINTS = 2000
MAX_OUTLINES = 100


def whole(value: Any) -> int | None:
    """A non-negative whole JSON number as an int, else None (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        return None
    number = int(value)
    return number if number >= 0 else None


def canonical(raw: Any, total: int) -> list[int] | None:
    """Counts read leniently: runs past ``total`` cut, a short list padded with background.

    None when ``raw`` is not a list of non-negative whole numbers. Runs of length 0
    after the first are merged away; the result adds up to ``total``.
    """
    if not isinstance(raw, list):
        return None
    counts = [0]  # the last run is background when the list's length is odd
    position = 0
    for index, item in enumerate(raw[: total + 1]):
        length = whole(item)
        if length is None:
            return None
        length = min(length, total - position)
        if length == 0:
            continue
        if (len(counts) % 2 == 0) == (index % 2 == 1):
            counts[-1] += length  # the runs between were empty: one run of this kind
        else:
            counts.append(length)
        position += length
    if position < total:
        if len(counts) % 2 == 1:
            counts[-1] += total - position
        else:
            counts.append(total - position)
    return counts


def intervals(counts: list[int]) -> list[tuple[int, int]]:
    """The foreground as [start, end) intervals of pixel numbers (column-major)."""
    found = []
    position = 0
    for index, length in enumerate(counts):
        if index % 2 == 1 and length > 0:
            found.append((position, position + length))
        position += length
    return found


def area(runs: list[tuple[int, int]]) -> int:
    return sum(end - start for start, end in runs)


def overlap(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> int:
    """The number of pixels two interval lists share."""
    shared = 0
    i = j = 0
    while i < len(first) and j < len(second):
        low = max(first[i][0], second[j][0])
        high = min(first[i][1], second[j][1])
        if high > low:
            shared += high - low
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return shared


def iou(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> float:
    """Intersection over union of two masks' intervals (1 when both are empty)."""
    shared = overlap(first, second)
    union = area(first) + area(second) - shared
    return 1.0 if union == 0 else shared / union


def columns(runs: list[tuple[int, int]], width: int, height: int) -> list[list[tuple[int, int]]]:
    """Each column's foreground as [top, bottom) row intervals."""
    found: list[list[tuple[int, int]]] = [[] for _ in range(width)]
    for start, end in runs:
        while start < end:
            x = start // height
            stop = min(end, (x + 1) * height)
            found[x].append((start - x * height, stop - x * height))
            start = stop
    return found


def subtract(runs: list[tuple[int, int]], other: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``runs`` outside ``other`` (both sorted and disjoint)."""
    left = []
    j = 0
    for start, end in runs:
        while j < len(other) and other[j][1] <= start:
            j += 1
        k = j
        while k < len(other) and other[k][0] < end:
            if other[k][0] > start:
                left.append((start, other[k][0]))
            start = max(start, other[k][1])
            k += 1
        if start < end:
            left.append((start, end))
    return left


def boundary(runs: list[tuple[int, int]], width: int, height: int) -> set[int]:
    """The mask's boundary pixels (numbers x * height + y).

    A boundary pixel is a painted pixel with an unpainted pixel above, below, left
    or right of it inside the image; the image's own edge is no boundary (the
    object may go on beyond the frame), as in the DAVIS boundary measure.
    """
    by_column = columns(runs, width, height)
    found: set[int] = set()
    for x, column in enumerate(by_column):
        base = x * height
        for top, bottom in column:
            if top > 0:
                found.add(base + top)
            if bottom < height:
                found.add(base + bottom - 1)
        for side in (x - 1, x + 1):
            if 0 <= side < width:
                for top, bottom in subtract(column, by_column[side]):
                    found.update(range(base + top, base + bottom))
    return found


def offsets(tolerance: float) -> list[tuple[int, int]]:
    """Every (dx, dy) within ``tolerance`` pixels (Euclidean), nearest first."""
    reach = int(math.floor(tolerance))
    found = [
        (dx, dy)
        for dx in range(-reach, reach + 1)
        for dy in range(-reach, reach + 1)
        if dx * dx + dy * dy <= tolerance * tolerance
    ]
    return sorted(found, key=lambda d: (d[0] * d[0] + d[1] * d[1], d[0], d[1]))


def near(pixels: set[int], other: set[int], width: int, height: int, tolerance: float) -> int:
    """How many of ``pixels`` lie within ``tolerance`` of a pixel of ``other``."""
    steps = offsets(tolerance)
    hits = 0
    for pixel in pixels:
        x, y = divmod(pixel, height)
        for dx, dy in steps:
            nx, ny = x + dx, y + dy
            if 0 <= nx < width and 0 <= ny < height and nx * height + ny in other:
                hits += 1
                break
    return hits


def boundary_f(
    first: set[int], second: set[int], width: int, height: int, tolerance: float
) -> tuple[float, float, float]:
    """(F, precision, recall) of boundary ``first`` (the learner's) against ``second`` (gold).

    Precision: the share of ``first`` within ``tolerance`` px of ``second``; recall
    the other way round; F their harmonic mean. Two empty boundaries agree (1);
    against an empty one, the measures are 0.
    """
    if not first and not second:
        return 1.0, 1.0, 1.0
    if not first or not second:
        return 0.0, 0.0, 0.0
    precision = near(first, second, width, height, tolerance) / len(first)
    recall = near(second, first, width, height, tolerance) / len(second)
    if precision + recall == 0:
        return 0.0, precision, recall
    return 2 * precision * recall / (precision + recall), precision, recall


def encode(painted, width: int, height: int) -> list[int]:
    """Counts of a mask given as ``painted(x, y) -> bool``, read column by column."""
    counts = []
    current = False
    length = 0
    for x in range(width):
        for y in range(height):
            value = bool(painted(x, y))
            if value != current:
                counts.append(length)
                length = 0
                current = value
            length += 1
    counts.append(length)
    return counts


def column_spans(outline: list[list[float]], x: int) -> list[tuple[int, int]]:
    """The pixels [y0, y1) of column ``x`` whose centres lie inside ``outline`` (even-odd).

    A centre exactly on the outline is inside on a top edge and outside on a bottom
    edge (and a vertical edge counts for the columns on its right), so two polygons
    sharing an edge never share a pixel and leave none out between them.
    """
    centre = x + 0.5
    crossings = []
    count = len(outline)
    for index in range(count):
        x1, y1 = outline[index]
        x2, y2 = outline[(index + 1) % count]
        if (x1 <= centre < x2) or (x2 <= centre < x1):
            crossings.append(y1 + (centre - x1) * (y2 - y1) / (x2 - x1))
    crossings.sort()
    spans = []
    for index in range(0, len(crossings) - 1, 2):
        first = math.ceil(crossings[index] - 0.5)
        last = math.ceil(crossings[index + 1] - 0.5)
        if last > first:
            spans.append((first, last))
    return spans


def rasterize(outlines: list[list[list[float]]], width: int, height: int) -> list[int]:
    """Counts of the union of polygons: a pixel is in when its centre is inside one.

    Computed column by column from the outlines' edges (:func:`column_spans`), in
    time proportional to the columns times the edges, whatever the image's size.
    """
    counts = [0]
    position = 0  # pixels already counted, column-major
    for x in range(width):
        spans = sorted(
            (max(top, 0), min(bottom, height))
            for outline in outlines
            for top, bottom in column_spans(outline, x)
            if min(bottom, height) > max(top, 0)
        )
        merged: list[list[int]] = []
        for top, bottom in spans:
            if merged and top <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], bottom)
            else:
                merged.append([top, bottom])
        for top, bottom in merged:
            start = x * height + top
            if start == position and len(counts) > 1:
                counts[-2] += bottom - top  # continues the run that ended just before
            else:
                counts[-1] += start - position
                counts.append(bottom - top)
                counts.append(0)
            position = x * height + bottom
    counts[-1] += width * height - position
    return canonical(counts, width * height) or [width * height]
