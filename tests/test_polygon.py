"""Polygon exercises: exact geometry against shapely, the browser's geometry
bit for bit against Python's, and authoring errors with file:line."""

from __future__ import annotations

import copy
import json
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LinearRing, Point, Polygon

from annotrain.course.tasks import task_from_json
from annotrain.grading.task import grade
from annotrain.messages import catalog
from annotrain.tasktypes.shared.polygons import area, crossing, deviation, intersection_area, iou

from .conftest import ROOT
from .lessons import convert, error_of
from .node import evaluate


def star(rng: random.Random, cx: float, cy: float, radius: float, count: int) -> list:
    """A random star-shaped polygon around (cx, cy): simple by construction, often concave."""
    # One angle in each of ``count`` equal sectors: no gap reaches half a turn, so
    # every vertex sees the centre and the outline cannot cross itself.
    sector = 2 * math.pi / count
    angles = [k * sector + rng.uniform(0, 0.9 * sector) for k in range(count)]
    points = []
    for angle in angles:
        r = rng.uniform(0.2, 1.0) * radius
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def random_pairs(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        p = star(
            rng, rng.uniform(80, 120), rng.uniform(80, 120), rng.uniform(10, 60), rng.randint(3, 14)
        )
        q = star(
            rng, rng.uniform(80, 120), rng.uniform(80, 120), rng.uniform(10, 60), rng.randint(3, 14)
        )
        if rng.random() < 0.5:
            q = q[::-1]  # clockwise and counter-clockwise both
        yield p, q


def shapely_iou(p, q) -> float:
    a, b = Polygon(p), Polygon(q)
    common = a.intersection(b).area
    return common / (a.area + b.area - common)


@pytest.mark.parametrize("p, q", list(random_pairs(11, 300)))
def test_star_polygons_match_shapely(p, q):
    assert Polygon(p).is_valid and Polygon(q).is_valid
    assert crossing(p) is None and crossing(q) is None
    assert area(p) == pytest.approx(Polygon(p).area, rel=1e-12)
    expected = Polygon(p).intersection(Polygon(q)).area
    assert intersection_area(p, q) == pytest.approx(expected, rel=1e-9, abs=1e-7)
    assert iou(p, q) == pytest.approx(shapely_iou(p, q), rel=1e-9, abs=1e-9)
    assert iou(p, q) == pytest.approx(iou(q, p), rel=1e-12, abs=1e-12)


PAGE = "course/week-4/lesson.md"  # exercise blocks are converted as if written here

L_SHAPE = [(60, 40), (200, 40), (200, 90), (130, 90), (130, 160), (60, 160)]
U_SHAPE = [(0, 0), (30, 0), (30, 30), (20, 30), (20, 10), (10, 10), (10, 30), (0, 30)]
COMB = [(0, 0), (100, 0), (100, 50), (80, 10), (60, 50), (40, 10), (20, 50), (0, 50)]


@pytest.mark.parametrize(
    "p, q",
    [
        (L_SHAPE, [(100, 0), (300, 0), (300, 120), (100, 120)]),  # crosses the inner corner
        (L_SHAPE, [(140, 100), (190, 100), (190, 150), (140, 150)]),  # in the L's notch: 0
        (U_SHAPE, [(5, 5), (25, 5), (25, 25), (5, 25)]),  # straddles the U's gap
        (U_SHAPE, U_SHAPE[::-1]),  # identical, opposite orientation
        (COMB, [(10, 5), (90, 5), (90, 45), (10, 45)]),  # teeth cut a rectangle
        (COMB, [(p[0], 50 - p[1]) for p in COMB][::-1]),  # mirrored comb interlocks
        ([(0, 0), (10, 0), (10, 10), (0, 10)], [(10, 0), (20, 0), (20, 10), (10, 10)]),  # edge
        ([(0, 0), (10, 0), (10, 10), (0, 10)], [(10, 10), (20, 10), (20, 20)]),  # corner
        ([(0, 0), (10, 0), (10, 10), (0, 10)], [(30, 30), (40, 30), (40, 40)]),  # disjoint
        ([(0, 0), (10, 0), (10, 10), (0, 10)], [(2, 2), (4, 2), (4, 4), (2, 4)]),  # inside
        ([(0, 0), (10, 0), (5, 10)], [(0, 0), (10, 0), (5, 10)]),  # identical
        ([(0.5, 0.25), (10.75, 0.125), (5.3, 9.9)], [(1.1, 1.3), (9.7, 1.2), (5.5, 12.4)]),
    ],
    ids=[
        "L and rectangle",
        "notch of the L",
        "U gap",
        "U reversed",
        "comb",
        "interlocking combs",
        "shared edge",
        "shared corner",
        "disjoint",
        "contained",
        "identical",
        "fractions",
    ],
)
def test_concave_touching_disjoint_and_identical_shapes(p, q):
    assert crossing(p) is None and crossing(q) is None
    expected = Polygon(p).intersection(Polygon(q)).area
    assert intersection_area(p, q) == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert iou(p, q) == pytest.approx(shapely_iou(p, q), rel=1e-9, abs=1e-9)


def test_exact_values_on_simple_cases():
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    assert iou(square, [(5, 0), (15, 0), (15, 10), (5, 10)]) == pytest.approx(1 / 3)
    assert iou(square, square) == 1.0
    assert iou(square, [(10, 0), (20, 0), (20, 10), (10, 10)]) == 0.0
    assert iou(square, [(0, 0), (5, 5), (10, 10)]) == 0.0  # no area


def random_rings(seed: int, count: int):
    """Polygons on a small integer grid: many crossings, touchings and fold-backs."""
    rng = random.Random(seed)
    for _ in range(count):
        points = []
        while len(points) < rng.randint(3, 8):
            point = (rng.randint(0, 6), rng.randint(0, 6))
            if not points or point != points[-1]:
                points.append(point)
        if points[0] != points[-1]:
            yield points


@pytest.mark.parametrize("points", list(random_rings(5, 400)))
def test_crossing_detection_agrees_with_shapely(points):
    ring = LinearRing(points)
    assert (crossing(points) is None) == ring.is_simple, points


@pytest.mark.parametrize("p, q", list(random_pairs(23, 100)))
def test_vertex_deviation_matches_shapely(p, q):
    worst, where = deviation(p, q)
    ring = LinearRing(q)
    distances = [Point(v).distance(ring) for v in p]
    assert worst == pytest.approx(max(distances), rel=1e-9, abs=1e-9)
    assert distances[where] == pytest.approx(max(distances), rel=1e-9, abs=1e-9)


coordinates = st.lists(
    st.tuples(st.integers(-5, 60), st.integers(-5, 60))
    | st.tuples(st.floats(-10, 70), st.floats(-10, 70)),
    min_size=3,
    max_size=9,
)


@settings(max_examples=300, deadline=None)
@given(p=coordinates, q=coordinates)
def test_any_outline_gives_an_iou_in_range(p, q):
    """Self-crossing and degenerate outlines never fail and stay within [0, 1]."""
    value = iou(p, q)
    assert 0.0 <= value <= 1.0
    common = intersection_area(p, q)
    assert 0.0 <= common <= min(area(p), area(q))


def test_javascript_geometry_is_bit_identical():
    rng = random.Random(99)
    pairs = [
        (
            [[rng.randint(0, 50), rng.randint(0, 50)] for _ in range(rng.randint(3, 8))],
            [[rng.uniform(0, 50), rng.uniform(0, 50)] for _ in range(rng.randint(3, 8))],
        )
        for _ in range(300)
    ]
    pairs += [([list(x) for x in p], [list(x) for x in q]) for p, q in random_pairs(31, 200)]
    browser = evaluate(
        "input.map(([p, q]) => { const P = modules[0].polygons;"
        " return [P.iou(p, q), P.intersectionArea(p, q), P.area(p), P.deviation(p, q), P.crossing(p)]; })",
        pairs,
        "browser/grader.js",
        "tasktypes/shared/polygons.js",
    )
    for (p, q), js in zip(pairs, browser, strict=True):
        edges = crossing(p)
        py = [
            iou(p, q),
            intersection_area(p, q),
            area(p),
            list(deviation(p, q)),
            edges and list(edges),
        ]
        assert js == py, (p, q)


def test_only_the_first_hundred_polygons_and_five_hundred_points_count():
    from annotrain.tasktypes.polygon.kind import MAX_POINTS, MAX_POLYGONS, PolygonType

    task = convert(GOOD, PAGE).tasks[0]
    junk = {"label": "Water", "points": [[1, 1], [2, 1], [2, 2]]}
    gold = task.gold["polygons"][0]
    response = {"polygons": [junk] * MAX_POLYGONS + [gold]}
    assert PolygonType().normalize(task, response)["polygons"] == [junk] * MAX_POLYGONS
    long = {
        "label": "Water",
        "points": [[10 + k % 2, 10 + k] for k in range(MAX_POINTS)] + [[0, 0]],
    }
    assert (
        len(PolygonType().normalize(task, {"polygons": [long]})["polygons"][0]["points"])
        == MAX_POINTS
    )


# --- authoring errors -----------------------------------------------------------

GOOD = """\
type: polygon
id: roofs
prompt: Outline the roofs.
image: ../assets/images/aerial-01.png
labels: [Building, Water]
rubric: polygons-standard
gold:
  polygons:
    - label: Building
      points: [[60, 40], [200, 40], [200, 90], [130, 90], [130, 160], [60, 160]]
    - label: Water
      points:
        - [90, 280]
        - [170, 262]
        - [250, 290]
"""


def test_good_polygon_block_loads():
    task = convert(GOOD, PAGE).tasks[0]
    assert task.options["image"]["width"] == 600
    assert task.options["match_iou"] == 0.5
    assert task.gold["polygons"][1]["points"] == [[90, 280], [170, 262], [250, 290]]


@pytest.mark.parametrize(
    "old, new, line, fragments",
    [
        (
            "[[60, 40], [200, 40], [200, 90], [130, 90], [130, 160], [60, 160]]",
            "[[60, 40], [200, 160], [200, 40], [60, 120]]",
            13,
            [
                "gold polygon 1 (Building)",
                "crosses itself",
                "edge 1 from (60, 40) to (200, 160) meets edge 3 from (200, 40) to (60, 120)",
            ],
        ),
        (
            "        - [250, 290]\n",
            "        - [250, 290]\n        - [700, 300]\n",
            19,
            ["gold polygon 2 (Water): point 4 at (700, 300) lies outside the 600 x 420 image"],
        ),
        (
            "        - [170, 262]\n",
            "        - [170, 262]\n        - [170, 262]\n",
            18,
            ["point 3 repeats point 2"],
        ),
        (
            "        - [250, 290]\n",
            "        - [250, 290]\n        - [90, 280]\n",
            15,
            ["the last point repeats the first"],
        ),
        (
            "        - [250, 290]\n",
            "",
            15,
            ["'points' must be a list of at least 3", "got 2 point(s)"],
        ),
        ("        - [250, 290]\n", "        - [250, 290, 3]\n", 18, ["point 3 must be [x, y]"]),
        ("        - [250, 290]\n", "        - [250, yes]\n", 18, ["point 3 must be [x, y]"]),
        (
            "[[60, 40], [200, 40], [200, 90], [130, 90], [130, 160], [60, 160]]",
            "[[60, 40], [100, 40], [200, 40]]",
            13,
            ["has no area", "one straight line"],
        ),
        (
            "[[60, 40], [200, 40], [200, 90], [130, 90], [130, 160], [60, 160]]",
            "[[60, 40], [200, 160], [200, 40], [60, 160]]",
            13,
            ["crosses itself", "edge 1 from (60, 40) to (200, 160) meets edge 3"],
        ),
        (
            "[[60, 40], [200, 40], [200, 90], [130, 90], [130, 160], [60, 160]]",
            "[[60, 40], [200, 40], [100, 40], [100, 90]]",
            13,
            [
                "crosses itself",
                "edge 1 from (60, 40) to (200, 40)",
                "edge 2 from (200, 40) to (100, 40)",
            ],
        ),
        ("- label: Water", "- label: Pond", 14, ["label 'Pond' is not among the labels"]),
        ("- label: Water", "- labl: Water", 14, ["unknown field 'labl' in gold polygon 2"]),
        ("  polygons:\n", "  shapes:\n", 11, ["unknown field 'shapes'"]),
        ("gold:\n", "match_iou: 1.5\ngold:\n", 10, ["'match_iou' must be at most 0.95"]),
        (
            "image: ../assets/images/aerial-01.png",
            "image: aerial-02.png",
            7,
            ["image file 'aerial-02.png' not found"],
        ),
        ("labels: [Building, Water]", "labels: []", 8, ["at least 1 labels"]),
    ],
)
def test_authoring_errors_name_the_line(old, new, line, fragments):
    assert old in GOOD
    error = error_of(GOOD.replace(old, new), PAGE)
    assert error.path == PAGE
    assert error.line == line, str(error)
    for fragment in fragments:
        assert fragment in error.message


def test_a_response_changed_after_grading_is_graded_afresh():
    # Every measure reuses the latest IoU table; it must never outlive the outlines.
    case = json.loads((ROOT / "tests/vectors/polygon.json").read_text())["cases"][0]
    task, messages = task_from_json(case["task"]), catalog("en")
    response = copy.deepcopy(case["response"])
    assert grade(task, response, messages)["score"] == 1.0
    for point in response["polygons"][0]["points"]:
        point[0] = min(point[0] + 40, task.options["image"]["width"])  # moved right, in place
    moved = grade(task, response, messages)
    assert moved == grade(task, copy.deepcopy(response), messages)
    assert moved["score"] < 1.0
