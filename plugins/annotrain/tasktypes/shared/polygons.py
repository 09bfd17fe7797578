"""Exact polygon geometry for grading outlines: area, intersection, IoU, distances.

Pure functions on polygons given as lists of ``(x, y)`` points (the closing edge
from the last point back to the first is implied). ``tasktypes/shared/polygons.js``
mirrors this module line for line with the same float operations in the same
order, so Python and the browser compute bit-identical values. Sums are plain
loops, never ``sum()`` or ``math.fsum``, which round differently.

Intersection areas are exact up to float rounding, not raster estimates. Each
polygon is written as a fan of triangles from its first vertex, triangle i
carrying the sign s_i of its orientation. The fan's signed indicators add up to
the polygon's winding number w_P (+1 inside a counter-clockwise simple polygon,
0 outside), so::

    integral of w_P * w_Q  =  sum_i sum_j  s_i s_j area(T_i ∩ T_j)

and each T_i ∩ T_j is convex, found by Sutherland-Hodgman clipping. Multiplied
by the orientation signs of P and Q this is area(P ∩ Q) for simple polygons,
convex or concave, in O(n·m) clippings (pairs whose bounding boxes are apart
are skipped).

A polygon whose outline crosses itself has no single inside. The same formula
is applied to it as written: where its outline loops against its overall
orientation (the smaller lobe of a figure of eight) the winding number is -1 and
that area counts against its overlap. :func:`intersection_area` clamps the
result to [0, min(area(P), area(Q))], so IoU stays within [0, 1]. Gold polygons
are never self-intersecting: :func:`crossing` refuses them at authoring time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Point = Sequence[float]


def _cross(o: Point, a: Point, b: Point) -> float:
    """Twice the signed area of triangle (o, a, b): > 0 when counter-clockwise (y up)."""
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def signed_area(points: Sequence[Point]) -> float:
    """Shoelace area as a fan from the first vertex; its sign gives the orientation."""
    total = 0.0
    for i in range(1, len(points) - 1):
        total += _cross(points[0], points[i], points[i + 1])
    return total / 2


def area(points: Sequence[Point]) -> float:
    """The polygon's area (absolute shoelace area; see the module note on crossings)."""
    return abs(signed_area(points))


def _sign(value: float) -> float:
    if value > 0:
        return 1.0
    if value < 0:
        return -1.0
    return 0.0


def _fan(points: Sequence[Point]) -> list[tuple[list[Point], float, tuple[float, ...]]]:
    """Non-degenerate fan triangles: (counter-clockwise vertices, sign, bounding box)."""
    triangles = []
    for i in range(1, len(points) - 1):
        a, b, c = points[0], points[i], points[i + 1]
        turn = _cross(a, b, c)
        if turn == 0:
            continue
        corners = [a, b, c] if turn > 0 else [a, c, b]
        box = (
            min(a[0], b[0], c[0]),
            min(a[1], b[1], c[1]),
            max(a[0], b[0], c[0]),
            max(a[1], b[1], c[1]),
        )
        triangles.append((corners, _sign(turn), box))
    return triangles


def _clip(subject: list[Point], a: Point, b: Point) -> list[Point]:
    """The part of convex ``subject`` on the left of (or on) the directed line a -> b."""
    result: list[Point] = []
    count = len(subject)
    for k in range(count):
        p = subject[k]
        q = subject[(k + 1) % count]
        dp = _cross(a, b, p)
        dq = _cross(a, b, q)
        if dp >= 0:
            result.append(p)
        if (dp >= 0) != (dq >= 0):
            t = dp / (dp - dq)
            result.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return result


def _overlap(first: list[Point], second: list[Point]) -> float:
    """Area of the intersection of two counter-clockwise triangles."""
    shape = first
    for k in range(3):
        shape = _clip(shape, second[k], second[(k + 1) % 3])
        if len(shape) < 3:
            return 0.0
    return signed_area(shape)


def intersection_area(p: Sequence[Point], q: Sequence[Point]) -> float:
    """Area of P ∩ Q, exact for simple polygons (see the module note on crossings)."""
    orientation = _sign(signed_area(p)) * _sign(signed_area(q))
    if orientation == 0:
        return 0.0
    total = 0.0
    fan_q = _fan(q)
    for first, sign_p, box_p in _fan(p):
        for second, sign_q, box_q in fan_q:
            if (
                box_p[2] < box_q[0]
                or box_q[2] < box_p[0]
                or box_p[3] < box_q[1]
                or box_q[3] < box_p[1]
            ):
                continue
            part = _overlap(first, second)
            if part != 0:
                total += sign_p * sign_q * part
    value = orientation * total
    return min(max(value, 0.0), area(p), area(q))


def iou(p: Sequence[Point], q: Sequence[Point]) -> float:
    """Intersection over union of two polygons; 0 when either has no area."""
    area_p = area(p)
    area_q = area(q)
    if area_p == 0 or area_q == 0:
        return 0.0
    common = intersection_area(p, q)
    return common / (area_p + area_q - common)


def distance_to_segment(point: Point, a: Point, b: Point) -> float:
    """Distance from ``point`` to the segment a-b."""
    dx = b[0] - a[0]
    dy = b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0
    if length2 > 0:
        t = ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / length2
        t = min(max(t, 0.0), 1.0)
    ex = point[0] - (a[0] + t * dx)
    ey = point[1] - (a[1] + t * dy)
    return math.sqrt(ex * ex + ey * ey)


def distance_to_outline(point: Point, outline: Sequence[Point]) -> float:
    """Distance from ``point`` to the nearest point on the closed outline."""
    best = math.inf
    count = len(outline)
    for k in range(count):
        best = min(best, distance_to_segment(point, outline[k], outline[(k + 1) % count]))
    return best


def deviation(gold: Sequence[Point], outline: Sequence[Point]) -> tuple[float, int]:
    """(largest distance from a gold vertex to ``outline``, index of that vertex).

    The first vertex wins ties, so notes name the same corner everywhere.
    """
    worst = -1.0
    where = 0
    for k in range(len(gold)):
        distance = distance_to_outline(gold[k], outline)
        if distance > worst:
            worst = distance
            where = k
    return worst, where


def collinear(points: Sequence[Point]) -> bool:
    """Whether all points lie on one straight line (through the first two)."""
    return all(_cross(points[0], points[1], p) == 0 for p in points[2:])


def _on_segment(a: Point, b: Point, p: Point) -> bool:
    """Whether ``p``, collinear with a-b, lies on the segment a-b."""
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def segments_touch(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether segments a-b and c-d share at least one point."""
    d1 = _cross(c, d, a)
    d2 = _cross(c, d, b)
    d3 = _cross(a, b, c)
    d4 = _cross(a, b, d)
    if ((d1 > 0 and d2 < 0) or (d1 < 0 and d2 > 0)) and (
        (d3 > 0 and d4 < 0) or (d3 < 0 and d4 > 0)
    ):
        return True
    return (
        (d1 == 0 and _on_segment(c, d, a))
        or (d2 == 0 and _on_segment(c, d, b))
        or (d3 == 0 and _on_segment(a, b, c))
        or (d4 == 0 and _on_segment(a, b, d))
    )


def _folds_back(a: Point, b: Point, c: Point) -> bool:
    """Whether consecutive edges a-b and b-c run back along each other."""
    return (
        _cross(a, b, c) == 0 and (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0
    )


def crossing(points: Sequence[Point]) -> tuple[int, int] | None:
    """The first pair of edges (i, j), i < j, that cross, touch or fold back; else None.

    Edge i runs from point i to point i + 1 (the last edge closes the outline).
    Consecutive edges share their common vertex and count only when they fold back.
    """
    count = len(points)
    for i in range(count):
        a = points[i]
        b = points[(i + 1) % count]
        for j in range(i + 1, count):
            c = points[j]
            d = points[(j + 1) % count]
            if j == i + 1:
                if _folds_back(a, b, d):
                    return i, j
            elif i == 0 and j == count - 1:
                if _folds_back(c, a, b):
                    return i, j
            elif segments_touch(a, b, c, d):
                return i, j
    return None
